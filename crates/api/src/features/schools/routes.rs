use crate::auth::AuthUser;
use crate::error::AppResult;
use crate::http::created;
use crate::openapi::{ReadErrors, WriteErrors};
use crate::AppState;
use actix_web::{web, HttpResponse};
use tutornet_domain::org::{
    School, SchoolFilter, SchoolInput, SchoolSupport, SchoolYearFlags, SchoolYearFlagsInput,
};
use tutornet_domain::permissions::{Action, Resource};
use tutornet_domain::Page;

/// Schools in the caller's scope: filter by flags and municipality, search by name or
/// address (case-insensitive, Cyrillic), Russian alphabetical order, keyset pages.
#[utoipa::path(get, path = "/api/v1/schools", tag = "schools", params(SchoolFilter), security(("bearer" = [])),
    responses((status = 200, body = Page<School>), ReadErrors))]
pub async fn list(
    state: web::Data<AppState>,
    user: AuthUser,
    q: web::Query<SchoolFilter>,
) -> AppResult<web::Json<Page<School>>> {
    let reach = user.reach(Resource::School, Action::Read)?;
    state
        .db_json(move |c| crate::features::schools::repo::list(c, &reach, &q))
        .await
}

/// Adds a school (admin: region; coordinator: own municipality).
#[utoipa::path(post, path = "/api/v1/schools", tag = "schools", request_body = SchoolInput, security(("bearer" = [])),
    responses((status = 201, body = School), WriteErrors))]
pub async fn create(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<SchoolInput>,
) -> AppResult<HttpResponse> {
    let s = state
        .tx(move |c| crate::features::schools::rules::create(c, &user, &body))
        .await?;
    Ok(created(format!("/api/v1/schools/{}", s.id), &s))
}

/// One school.
#[utoipa::path(get, path = "/api/v1/schools/{id}", tag = "schools", params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = School), ReadErrors))]
pub async fn get(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> AppResult<web::Json<School>> {
    state
        .db_json(move |c| crate::features::schools::rules::get(c, &user, &id))
        .await
}

/// Changes a school; `version` must be the current one (409 otherwise). School
/// administrators may edit their own school but not its support flags.
#[utoipa::path(put, path = "/api/v1/schools/{id}", tag = "schools", params(("id" = String, Path)), request_body = SchoolInput,
    security(("bearer" = [])), responses((status = 200, body = School), WriteErrors))]
pub async fn update(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    body: web::Json<SchoolInput>,
) -> AppResult<web::Json<School>> {
    state
        .tx_json(move |c| crate::features::schools::rules::update(c, &user, &id, &body))
        .await
}

/// Archives a school (it stays readable with `include_archived=true`).
#[utoipa::path(delete, path = "/api/v1/schools/{id}", tag = "schools", params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = School), WriteErrors))]
pub async fn archive(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> AppResult<web::Json<School>> {
    state
        .tx_json(move |c| crate::features::schools::rules::set_archived(c, &user, &id, true))
        .await
}

/// Restores an archived school.
#[utoipa::path(post, path = "/api/v1/schools/{id}/restore", tag = "schools", params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = School), WriteErrors))]
pub async fn restore(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> AppResult<web::Json<School>> {
    state
        .tx_json(move |c| crate::features::schools::rules::set_archived(c, &user, &id, false))
        .await
}

/// Who supports the school and whom it supports: tutors attached to it or its teachers,
/// and the schools a mentor school accompanies.
#[utoipa::path(get, path = "/api/v1/schools/{id}/support", tag = "schools", params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = SchoolSupport), ReadErrors))]
pub async fn support(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> AppResult<web::Json<SchoolSupport>> {
    state
        .db_json(move |c| crate::features::schools::rules::support(c, &user, &id))
        .await
}

/// The school's support flags year by year (latest first), each with its basis.
#[utoipa::path(get, path = "/api/v1/schools/{id}/flags", tag = "schools", params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = Vec<SchoolYearFlags>), ReadErrors))]
pub async fn flags(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> AppResult<web::Json<Vec<SchoolYearFlags>>> {
    state
        .db_json(move |c| crate::features::schools::flags::list(c, &user, &id))
        .await
}

/// Sets the school's flags for one academic year, with their basis (coordinators and
/// administrators; `version` required once the year has flags, 409 when stale). For the
/// current year the school's own flags follow.
#[utoipa::path(put, path = "/api/v1/schools/{id}/flags/{academic_year_id}", tag = "schools",
    params(("id" = String, Path), ("academic_year_id" = String, Path)), request_body = SchoolYearFlagsInput,
    security(("bearer" = [])), responses((status = 200, body = SchoolYearFlags), WriteErrors))]
pub async fn set_flags(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<(String, String)>,
    body: web::Json<SchoolYearFlagsInput>,
) -> AppResult<web::Json<SchoolYearFlags>> {
    let (id, year) = path.into_inner();
    state
        .tx_json(move |c| crate::features::schools::flags::set(c, &user, &id, &year, &body))
        .await
}

crate::http::endpoints![list, create, get, update, archive, restore, support, flags, set_flags];
