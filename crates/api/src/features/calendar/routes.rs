use super::schedule;
use crate::auth::AuthUser;
use crate::error::{AppError, AppResult};
use crate::features::composition::routes::BinaryFile;
use crate::http::file;
use crate::openapi::{ReadErrors, WriteErrors};
use crate::AppState;
use actix_web::{web, HttpResponse};
use tutornet_domain::community::CalendarFeed;
use tutornet_domain::consultation_points::ScheduleQuery;

#[derive(Debug, Default, serde::Deserialize, serde::Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FeedInput {
    /// `true`: the municipality's whole schedule (coordinators); otherwise the caller's own sessions.
    #[serde(default)]
    pub municipal: bool,
}

/// Creates a secret iCal feed URL (personal, or the municipality's for coordinators).
#[utoipa::path(post, path = "/api/v1/calendar/feeds", tag = "sessions", request_body = FeedInput, security(("bearer" = [])),
    responses((status = 201, body = CalendarFeed), WriteErrors))]
pub async fn create(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<FeedInput>,
) -> AppResult<HttpResponse> {
    let feed = state
        .tx(move |c| crate::features::calendar::ops::create(c, &user, body.municipal))
        .await?;
    Ok(HttpResponse::Created().json(feed))
}

/// Revokes a feed: its URL stops working.
#[utoipa::path(delete, path = "/api/v1/calendar/feeds/{id}", tag = "sessions", params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 204, description = "Отозван"), WriteErrors))]
pub async fn revoke(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> AppResult<HttpResponse> {
    state
        .tx(move |c| crate::features::calendar::ops::revoke(c, &user, &id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The iCalendar feed behind a secret URL (no login: the URL is the secret).
#[utoipa::path(get, path = "/api/v1/calendar/{file}", tag = "sessions", params(("file" = String, Path, description = "`<token>.ics`")),
    responses((status = 200, description = "iCalendar", content_type = "text/calendar", body = String), ReadErrors))]
pub async fn ics(state: web::Data<AppState>, file: web::Path<String>) -> AppResult<HttpResponse> {
    let token = file
        .strip_suffix(".ics")
        .map(str::to_string)
        .ok_or_else(|| AppError::NotFound("Календарь не найден".into()))?;
    let text = state
        .db(move |c| crate::features::calendar::ops::ics(c, &token))
        .await?;
    Ok(HttpResponse::Ok()
        .content_type("text/calendar; charset=utf-8")
        .body(text))
}

/// The printable schedule of consultations of a municipality over a period, grouped by
/// subject («График проведения консультаций муниципальными учителями-тьюторами в …»),
/// in Excel. Cancelled sessions are left out; dates and times are the municipality's.
#[utoipa::path(get, path = "/api/v1/calendar/schedule/export.xlsx", tag = "sessions", params(ScheduleQuery), security(("bearer" = [])),
    responses((status = 200, description = "Таблица XLSX", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = BinaryFile), ReadErrors))]
pub async fn schedule_xlsx(
    state: web::Data<AppState>,
    user: AuthUser,
    q: web::Query<ScheduleQuery>,
) -> AppResult<HttpResponse> {
    let s = state.db(move |c| schedule::schedule(c, &user, &q)).await?;
    let bytes = crate::docs::xlsx::to_xlsx(&s.doc)?;
    Ok(file(
        bytes,
        crate::docs::XLSX_TYPE,
        format!("{}.xlsx", s.file_stem),
    ))
}

/// The same schedule in Word.
#[utoipa::path(get, path = "/api/v1/calendar/schedule/export.docx", tag = "sessions", params(ScheduleQuery), security(("bearer" = [])),
    responses((status = 200, description = "Документ DOCX", content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document", body = BinaryFile), ReadErrors))]
pub async fn schedule_docx(
    state: web::Data<AppState>,
    user: AuthUser,
    q: web::Query<ScheduleQuery>,
) -> AppResult<HttpResponse> {
    let s = state.db(move |c| schedule::schedule(c, &user, &q)).await?;
    let bytes = crate::docs::docx::to_docx(&s.doc)?;
    Ok(file(
        bytes,
        crate::docs::DOCX_TYPE,
        format!("{}.docx", s.file_stem),
    ))
}

crate::http::endpoints![create, revoke, ics, schedule_xlsx, schedule_docx];
