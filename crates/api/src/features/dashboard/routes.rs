use crate::auth::AuthUser;
use crate::error::AppResult;
use crate::openapi::ReadErrors;
use crate::AppState;
use actix_web::web;
use tutornet_domain::community::Dashboard;

#[derive(Debug, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct DashboardParams {
    /// Open requests without a status change for this many days are flagged (default 3).
    pub stale_days: Option<i64>,
    /// The municipality (required for a regional admin; a coordinator sees their own).
    pub municipality_id: Option<String>,
}

/// The coordinator's dashboard of the consultation point for their municipality.
#[utoipa::path(get, path = "/api/v1/dashboard", tag = "requests", params(DashboardParams), security(("bearer" = [])),
    responses((status = 200, body = Dashboard), ReadErrors))]
pub async fn dashboard(
    state: web::Data<AppState>,
    user: AuthUser,
    q: web::Query<DashboardParams>,
) -> AppResult<web::Json<Dashboard>> {
    let days = q.stale_days.unwrap_or(3).clamp(0, 365);
    state
        .db_json(move |c| {
            crate::features::dashboard::ops::dashboard(c, &user, days, q.municipality_id.as_deref())
        })
        .await
}

crate::http::endpoints![dashboard];
