//! The results endpoints under `/api/v1/results`.

use crate::auth::AuthUser;
use crate::error::AppResult;
use crate::http::created;
use crate::openapi::{ReadErrors, WriteErrors};
use crate::AppState;
use actix_web::{web, HttpResponse};
use tutornet_domain::results::{
    AssessmentEvent, AssessmentEventFilter, AssessmentEventInput, AssessmentResult, Dynamics,
    DynamicsQuery, ResultFilter, ResultInput, ResultsImportPreview, ResultsImportRequest,
    ResultsImportResult, RiskList, RiskQuery, Scale, ScaleFilter, ScaleInput,
};
use tutornet_domain::Page;

use super::{calendar, dynamics, import, rules, scales};

/// Results in the caller's reach (coordinators and tutors: the municipality; school
/// staff: their school), filtered by school, year, procedure, subject, grade.
#[utoipa::path(get, path = "/api/v1/results", tag = "results", params(ResultFilter), security(("bearer" = [])),
    responses((status = 200, body = Page<AssessmentResult>), ReadErrors))]
pub async fn list(
    state: web::Data<AppState>,
    user: AuthUser,
    q: web::Query<ResultFilter>,
) -> AppResult<web::Json<Page<AssessmentResult>>> {
    state.db_json(move |c| rules::list(c, &user, &q)).await
}

/// Results typed in by hand (a trial work); replaces the stored results of the same
/// year × procedure × subject × grade × school × class.
#[utoipa::path(post, path = "/api/v1/results", tag = "results", request_body = ResultInput, security(("bearer" = [])),
    responses((status = 201, body = AssessmentResult), WriteErrors))]
pub async fn create(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<ResultInput>,
) -> AppResult<HttpResponse> {
    let r = state.tx(move |c| rules::create(c, &user, &body)).await?;
    Ok(created(
        format!("/api/v1/results?school_id={}", r.school_id),
        &r,
    ))
}

/// Reads a results table (XLSX, CSV or pasted text) with the column mapping and matches
/// the schools. Writes nothing.
#[utoipa::path(post, path = "/api/v1/results/import/preview", tag = "results", request_body = ResultsImportRequest, security(("bearer" = [])),
    responses((status = 200, body = ResultsImportPreview), WriteErrors))]
pub async fn import_preview(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<ResultsImportRequest>,
) -> AppResult<web::Json<ResultsImportPreview>> {
    state
        .db_json(move |c| import::preview(c, &user, &body))
        .await
}

/// Stores the table, replacing each school's stored results of the slice — all or
/// nothing; 422 with `rows[N]…` errors otherwise.
#[utoipa::path(post, path = "/api/v1/results/import/confirm", tag = "results", request_body = ResultsImportRequest, security(("bearer" = [])),
    responses((status = 201, body = ResultsImportResult), WriteErrors))]
pub async fn import_confirm(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<ResultsImportRequest>,
) -> AppResult<HttpResponse> {
    let r = state.tx(move |c| import::confirm(c, &user, &body)).await?;
    Ok(HttpResponse::Created().json(r))
}

/// A school's results year by year next to the municipal and regional averages, with
/// its ШНОР/ШССУ flags, the scale of each year and the sessions it received.
#[utoipa::path(get, path = "/api/v1/results/schools/{id}/dynamics", tag = "results", params(("id" = String, Path), DynamicsQuery), security(("bearer" = [])),
    responses((status = 200, body = Dynamics), ReadErrors))]
pub async fn school_dynamics(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    q: web::Query<DynamicsQuery>,
) -> AppResult<web::Json<Dynamics>> {
    state
        .db_json(move |c| dynamics::school_dynamics(c, &user, &id, &q))
        .await
}

/// A municipality's results year by year against the region, with every school's.
#[utoipa::path(get, path = "/api/v1/results/municipalities/{id}/dynamics", tag = "results", params(("id" = String, Path), DynamicsQuery), security(("bearer" = [])),
    responses((status = 200, body = Dynamics), ReadErrors))]
pub async fn municipality_dynamics(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    q: web::Query<DynamicsQuery>,
) -> AppResult<web::Json<Dynamics>> {
    state
        .db_json(move |c| dynamics::municipality_dynamics(c, &user, &id, &q))
        .await
}

/// Schools at risk: the failing share above the threshold (default 25 %) in the
/// latest year, or rising two years running.
#[utoipa::path(get, path = "/api/v1/results/risks", tag = "results", params(RiskQuery), security(("bearer" = [])),
    responses((status = 200, body = RiskList), ReadErrors))]
pub async fn risks(
    state: web::Data<AppState>,
    user: AuthUser,
    q: web::Query<RiskQuery>,
) -> AppResult<web::Json<RiskList>> {
    state.db_json(move |c| dynamics::risks(c, &user, &q)).await
}

/// The score → mark scales of a municipality.
#[utoipa::path(get, path = "/api/v1/results/scales", tag = "results", params(ScaleFilter), security(("bearer" = [])),
    responses((status = 200, body = Vec<Scale>), ReadErrors))]
pub async fn scales(
    state: web::Data<AppState>,
    user: AuthUser,
    q: web::Query<ScaleFilter>,
) -> AppResult<web::Json<Vec<Scale>>> {
    state.db_json(move |c| scales::scales(c, &user, &q)).await
}

/// Sets the scale of year × procedure × subject × grade.
#[utoipa::path(put, path = "/api/v1/results/scales", tag = "results", request_body = ScaleInput, security(("bearer" = [])),
    responses((status = 200, body = Scale), WriteErrors))]
pub async fn put_scale(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<ScaleInput>,
) -> AppResult<web::Json<Scale>> {
    state
        .tx_json(move |c| scales::put_scale(c, &user, &body))
        .await
}

/// The calendar of the year's procedures (default: the current academic year), by date.
#[utoipa::path(get, path = "/api/v1/results/calendar", tag = "results", params(AssessmentEventFilter), security(("bearer" = [])),
    responses((status = 200, body = Vec<AssessmentEvent>), ReadErrors))]
pub async fn calendar_list(
    state: web::Data<AppState>,
    user: AuthUser,
    q: web::Query<AssessmentEventFilter>,
) -> AppResult<web::Json<Vec<AssessmentEvent>>> {
    state.db_json(move |c| calendar::list(c, &user, &q)).await
}

/// Puts a procedure on the calendar (coordinators of the municipality).
#[utoipa::path(post, path = "/api/v1/results/calendar", tag = "results", request_body = AssessmentEventInput, security(("bearer" = [])),
    responses((status = 201, body = AssessmentEvent), WriteErrors))]
pub async fn calendar_create(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<AssessmentEventInput>,
) -> AppResult<HttpResponse> {
    let e = state.tx(move |c| calendar::create(c, &user, &body)).await?;
    Ok(created(format!("/api/v1/results/calendar/{}", e.id), &e))
}

/// Changes a calendar entry; `version` must be the current one.
#[utoipa::path(put, path = "/api/v1/results/calendar/{id}", tag = "results", params(("id" = String, Path)), request_body = AssessmentEventInput, security(("bearer" = [])),
    responses((status = 200, body = AssessmentEvent), WriteErrors))]
pub async fn calendar_update(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    body: web::Json<AssessmentEventInput>,
) -> AppResult<web::Json<AssessmentEvent>> {
    state
        .tx_json(move |c| calendar::update(c, &user, &id, &body))
        .await
}

/// Archives a calendar entry.
#[utoipa::path(delete, path = "/api/v1/results/calendar/{id}", tag = "results", params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = AssessmentEvent), WriteErrors))]
pub async fn calendar_archive(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> AppResult<web::Json<AssessmentEvent>> {
    state
        .tx_json(move |c| calendar::archive(c, &user, &id))
        .await
}

crate::http::endpoints![
    list,
    create,
    import_preview,
    import_confirm,
    school_dynamics,
    municipality_dynamics,
    risks,
    scales,
    put_scale,
    calendar_list,
    calendar_create,
    calendar_update,
    calendar_archive
];
