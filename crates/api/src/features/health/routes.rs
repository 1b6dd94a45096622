use crate::error::AppResult;
use crate::AppState;
use actix_web::web;
use diesel::connection::SimpleConnection;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub struct Health {
    /// `ok`.
    pub status: String,
    /// `sqlite` or `postgres`.
    pub database: String,
    pub version: String,
}

/// Liveness and database reachability.
#[utoipa::path(get, path = "/api/v1/health", tag = "health",
    responses((status = 200, body = Health), crate::openapi::UnavailableErrors))]
pub async fn health(state: web::Data<AppState>) -> AppResult<web::Json<Health>> {
    state.db(|c| Ok(c.batch_execute("SELECT 1")?)).await?;
    Ok(web::Json(Health {
        status: "ok".into(),
        database: match state.config.backend {
            crate::config::Backend::Sqlite => "sqlite".into(),
            crate::config::Backend::Postgres => "postgres".into(),
        },
        version: env!("CARGO_PKG_VERSION").into(),
    }))
}

crate::http::endpoints![health];
