use crate::auth::AuthUser;
use crate::error::AppResult;
use crate::http::created;
use crate::openapi::{ReadErrors, WriteErrors};
use crate::AppState;
use actix_web::{web, HttpResponse};
use tutornet_domain::org::{AcademicYear, AcademicYearInput};
use tutornet_domain::Page;

/// Academic years, newest first; exactly one has `is_current`.
#[utoipa::path(get, path = "/api/v1/academic-years", tag = "academic-years", security(("bearer" = [])),
    responses((status = 200, body = Page<AcademicYear>), ReadErrors))]
pub async fn list(
    state: web::Data<AppState>,
    user: AuthUser,
) -> AppResult<web::Json<Page<AcademicYear>>> {
    state
        .db_json(move |c| crate::features::academic_years::ops::list(c, &user))
        .await
}

/// Adds the academic year starting 1 September of `start_year`.
#[utoipa::path(post, path = "/api/v1/academic-years", tag = "academic-years", request_body = AcademicYearInput, security(("bearer" = [])),
    responses((status = 201, body = AcademicYear), WriteErrors))]
pub async fn create(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<AcademicYearInput>,
) -> AppResult<HttpResponse> {
    let y = state
        .tx(move |c| crate::features::academic_years::ops::create(c, Some(&user), &body))
        .await?;
    Ok(created(format!("/api/v1/academic-years/{}", y.id), &y))
}

#[utoipa::path(get, path = "/api/v1/academic-years/{id}", tag = "academic-years", params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = AcademicYear), ReadErrors))]
pub async fn get(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> AppResult<web::Json<AcademicYear>> {
    state
        .db_json(move |c| crate::features::academic_years::ops::get(c, &user, &id))
        .await
}

/// Makes a year current (the others stop being current).
#[utoipa::path(put, path = "/api/v1/academic-years/{id}", tag = "academic-years", params(("id" = String, Path)), request_body = AcademicYearInput,
    security(("bearer" = [])), responses((status = 200, body = AcademicYear), WriteErrors))]
pub async fn update(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    body: web::Json<AcademicYearInput>,
) -> AppResult<web::Json<AcademicYear>> {
    state
        .tx_json(move |c| crate::features::academic_years::ops::update(c, &user, &id, &body))
        .await
}

#[utoipa::path(delete, path = "/api/v1/academic-years/{id}", tag = "academic-years", params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = AcademicYear), WriteErrors))]
pub async fn archive(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> AppResult<web::Json<AcademicYear>> {
    state
        .tx_json(move |c| crate::features::academic_years::ops::archive(c, &user, &id))
        .await
}

crate::http::endpoints![list, create, get, update, archive];
