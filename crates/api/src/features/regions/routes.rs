use crate::auth::AuthUser;
use crate::error::AppResult;
use crate::openapi::{ReadErrors, WriteErrors};
use crate::AppState;
use actix_web::web;
use tutornet_domain::org::{Region, RegionInput};
use tutornet_domain::permissions::{Action, Resource};
use tutornet_domain::Page;

/// The caller's region.
#[utoipa::path(get, path = "/api/v1/regions", tag = "regions", security(("bearer" = [])),
    responses((status = 200, body = Page<Region>), ReadErrors))]
pub async fn list(
    state: web::Data<AppState>,
    user: AuthUser,
) -> AppResult<web::Json<Page<Region>>> {
    let reach = user.reach(Resource::Region, Action::Read)?;
    state
        .db_json(move |c| crate::features::regions::ops::list(c, &reach))
        .await
}

#[utoipa::path(get, path = "/api/v1/regions/{id}", tag = "regions", params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = Region), ReadErrors))]
pub async fn get(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> AppResult<web::Json<Region>> {
    state
        .db_json(move |c| crate::features::regions::ops::get(c, &user, &id))
        .await
}

/// Renames the admin's region or changes its code.
#[utoipa::path(put, path = "/api/v1/regions/{id}", tag = "regions", params(("id" = String, Path)), request_body = RegionInput,
    security(("bearer" = [])), responses((status = 200, body = Region), WriteErrors))]
pub async fn update(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    body: web::Json<RegionInput>,
) -> AppResult<web::Json<Region>> {
    state
        .tx_json(move |c| crate::features::regions::ops::update(c, &user, &id, &body))
        .await
}

crate::http::endpoints![list, get, update];
