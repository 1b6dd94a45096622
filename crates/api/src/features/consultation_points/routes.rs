use crate::auth::AuthUser;
use crate::error::AppResult;
use crate::http::created;
use crate::openapi::{ReadErrors, WriteErrors};
use crate::AppState;
use actix_web::{web, HttpResponse};
use tutornet_domain::consultation_points::{
    ConsultationPoint, ConsultationPointFilter, ConsultationPointInput,
};
use tutornet_domain::Page;

use super::rules;

/// Consultation points in the caller's reach (everyone reads their municipality's), in
/// Russian alphabetical order; filter by municipality or subject served.
#[utoipa::path(get, path = "/api/v1/consultation-points", tag = "consultation-points", params(ConsultationPointFilter), security(("bearer" = [])),
    responses((status = 200, body = Page<ConsultationPoint>), ReadErrors))]
pub async fn list(
    state: web::Data<AppState>,
    user: AuthUser,
    q: web::Query<ConsultationPointFilter>,
) -> AppResult<web::Json<Page<ConsultationPoint>>> {
    state.db_json(move |c| rules::list(c, &user, &q)).await
}

/// Adds a consultation point (admin: region; coordinator: own municipality). The name is
/// unique within the municipality.
#[utoipa::path(post, path = "/api/v1/consultation-points", tag = "consultation-points", request_body = ConsultationPointInput, security(("bearer" = [])),
    responses((status = 201, body = ConsultationPoint), WriteErrors))]
pub async fn create(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<ConsultationPointInput>,
) -> AppResult<HttpResponse> {
    let p = state.tx(move |c| rules::create(c, &user, &body)).await?;
    Ok(created(format!("/api/v1/consultation-points/{}", p.id), &p))
}

/// One consultation point.
#[utoipa::path(get, path = "/api/v1/consultation-points/{id}", tag = "consultation-points", params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = ConsultationPoint), ReadErrors))]
pub async fn get(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> AppResult<web::Json<ConsultationPoint>> {
    state.db_json(move |c| rules::get(c, &user, &id)).await
}

/// Changes a point; `version` must be the current one (409 otherwise).
#[utoipa::path(put, path = "/api/v1/consultation-points/{id}", tag = "consultation-points", params(("id" = String, Path)), request_body = ConsultationPointInput,
    security(("bearer" = [])), responses((status = 200, body = ConsultationPoint), WriteErrors))]
pub async fn update(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    body: web::Json<ConsultationPointInput>,
) -> AppResult<web::Json<ConsultationPoint>> {
    state
        .tx_json(move |c| rules::update(c, &user, &id, &body))
        .await
}

/// Archives a point (it stays readable with `include_archived=true`; its sessions keep it).
#[utoipa::path(delete, path = "/api/v1/consultation-points/{id}", tag = "consultation-points", params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = ConsultationPoint), WriteErrors))]
pub async fn archive(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> AppResult<web::Json<ConsultationPoint>> {
    state
        .tx_json(move |c| rules::set_archived(c, &user, &id, true))
        .await
}

/// Restores an archived point.
#[utoipa::path(post, path = "/api/v1/consultation-points/{id}/restore", tag = "consultation-points", params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = ConsultationPoint), WriteErrors))]
pub async fn restore(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> AppResult<web::Json<ConsultationPoint>> {
    state
        .tx_json(move |c| rules::set_archived(c, &user, &id, false))
        .await
}

crate::http::endpoints![list, create, get, update, archive, restore];
