use crate::auth::AuthUser;
use crate::error::AppResult;
use crate::AppState;
use actix_web::web;
use tutornet_domain::stats::Stats;

/// Counts for the home page within the caller's scope.
#[utoipa::path(get, path = "/api/v1/stats", tag = "stats", security(("bearer" = [])),
    responses((status = 200, body = Stats), crate::openapi::ReadErrors))]
pub async fn stats(state: web::Data<AppState>, user: AuthUser) -> AppResult<web::Json<Stats>> {
    state
        .db_json(move |c| crate::features::stats::ops::stats(c, &user))
        .await
}

crate::http::endpoints![stats];
