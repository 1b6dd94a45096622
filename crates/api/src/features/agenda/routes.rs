use crate::auth::AuthUser;
use crate::error::AppResult;
use crate::openapi::ReadErrors;
use crate::AppState;
use actix_web::web;
use tutornet_domain::agenda::Agenda;

/// The caller's start page: what needs them now, by role — the teacher's requests and
/// sessions, the tutor's requests to schedule and sessions to log, the coordinator's new
/// and stalled requests, the school's requests, the region by municipality.
#[utoipa::path(get, path = "/api/v1/agenda", tag = "requests", security(("bearer" = [])),
    responses((status = 200, body = Agenda), ReadErrors))]
pub async fn agenda(state: web::Data<AppState>, user: AuthUser) -> AppResult<web::Json<Agenda>> {
    state.db_json(move |c| super::rules::agenda(c, &user)).await
}

crate::http::endpoints![agenda];
