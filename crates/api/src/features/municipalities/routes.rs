use crate::auth::AuthUser;
use crate::error::AppResult;
use crate::http::{created, ArchivedParam};
use crate::openapi::{ReadErrors, WriteErrors};
use crate::AppState;
use actix_web::{web, HttpResponse};
use tutornet_domain::org::{Municipality, MunicipalityInput};
use tutornet_domain::permissions::{Action, Resource};
use tutornet_domain::Page;

/// Municipalities of the caller's region, in Russian alphabetical order.
#[utoipa::path(get, path = "/api/v1/municipalities", tag = "municipalities", params(ArchivedParam), security(("bearer" = [])),
    responses((status = 200, body = Page<Municipality>), ReadErrors))]
pub async fn list(
    state: web::Data<AppState>,
    user: AuthUser,
    q: web::Query<ArchivedParam>,
) -> AppResult<web::Json<Page<Municipality>>> {
    let reach = user.reach(Resource::Municipality, Action::Read)?;
    let archived = q.include_archived.unwrap_or(false);
    state
        .db_json(move |c| crate::features::municipalities::ops::list(c, &reach, archived))
        .await
}

/// Adds a municipality to the admin's region.
#[utoipa::path(post, path = "/api/v1/municipalities", tag = "municipalities", request_body = MunicipalityInput, security(("bearer" = [])),
    responses((status = 201, body = Municipality), WriteErrors))]
pub async fn create(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<MunicipalityInput>,
) -> AppResult<HttpResponse> {
    let m = state
        .tx(move |c| crate::features::municipalities::ops::create(c, &user, &body))
        .await?;
    Ok(created(format!("/api/v1/municipalities/{}", m.id), &m))
}

#[utoipa::path(get, path = "/api/v1/municipalities/{id}", tag = "municipalities", params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = Municipality), ReadErrors))]
pub async fn get(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> AppResult<web::Json<Municipality>> {
    state
        .db_json(move |c| crate::features::municipalities::ops::get(c, &user, &id))
        .await
}

#[utoipa::path(put, path = "/api/v1/municipalities/{id}", tag = "municipalities", params(("id" = String, Path)), request_body = MunicipalityInput,
    security(("bearer" = [])), responses((status = 200, body = Municipality), WriteErrors))]
pub async fn update(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    body: web::Json<MunicipalityInput>,
) -> AppResult<web::Json<Municipality>> {
    state
        .tx_json(move |c| crate::features::municipalities::ops::update(c, &user, &id, &body))
        .await
}

#[utoipa::path(delete, path = "/api/v1/municipalities/{id}", tag = "municipalities", params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = Municipality), WriteErrors))]
pub async fn archive(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> AppResult<web::Json<Municipality>> {
    state
        .tx_json(move |c| crate::features::municipalities::ops::set_archived(c, &user, &id, true))
        .await
}

#[utoipa::path(post, path = "/api/v1/municipalities/{id}/restore", tag = "municipalities", params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = Municipality), WriteErrors))]
pub async fn restore(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> AppResult<web::Json<Municipality>> {
    state
        .tx_json(move |c| crate::features::municipalities::ops::set_archived(c, &user, &id, false))
        .await
}

crate::http::endpoints![list, create, get, update, archive, restore];
