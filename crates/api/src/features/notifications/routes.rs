use crate::auth::AuthUser;
use crate::error::AppResult;
use crate::openapi::{ReadErrors, WriteErrors};
use crate::AppState;
use actix_web::{web, HttpResponse};
use tutornet_domain::community::NotificationPage;
use tutornet_domain::notifications::{NotificationSettings, NotificationSettingsInput};

#[derive(Debug, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct InboxParams {
    /// Only unread notifications.
    pub unread: Option<bool>,
}

/// The caller's inbox (newest 100) and the unread count.
#[utoipa::path(get, path = "/api/v1/notifications", tag = "notifications", params(InboxParams), security(("bearer" = [])),
    responses((status = 200, body = NotificationPage), ReadErrors))]
pub async fn list(
    state: web::Data<AppState>,
    user: AuthUser,
    q: web::Query<InboxParams>,
) -> AppResult<web::Json<NotificationPage>> {
    let unread = q.unread.unwrap_or(false);
    state
        .db_json(move |c| crate::features::notifications::ops::list(c, &user.id, unread))
        .await
}

/// Marks one notification read.
#[utoipa::path(post, path = "/api/v1/notifications/{id}/read", tag = "notifications", params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 204, description = "Прочитано"), WriteErrors))]
pub async fn read(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> AppResult<HttpResponse> {
    state
        .tx(move |c| crate::features::notifications::ops::mark_read(c, &user.id, Some(&id)))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Marks every notification read.
#[utoipa::path(post, path = "/api/v1/notifications/read-all", tag = "notifications", security(("bearer" = [])),
    responses((status = 204, description = "Прочитаны все"), WriteErrors))]
pub async fn read_all(state: web::Data<AppState>, user: AuthUser) -> AppResult<HttpResponse> {
    state
        .tx(move |c| crate::features::notifications::ops::mark_read(c, &user.id, None))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The caller's choice of e-mail: one per notification, or one daily digest.
#[utoipa::path(get, path = "/api/v1/notifications/settings", tag = "notifications", security(("bearer" = [])),
    responses((status = 200, body = NotificationSettings), ReadErrors))]
pub async fn settings(
    state: web::Data<AppState>,
    user: AuthUser,
) -> AppResult<web::Json<NotificationSettings>> {
    state
        .db_json(move |c| crate::features::notifications::settings::get(c, &user.id))
        .await
}

/// Sets the caller's choice: `digest: true` — one e-mail a day at the digest hour of the
/// caller's zone with everything since the last one (the inbox still fills at once).
#[utoipa::path(put, path = "/api/v1/notifications/settings", tag = "notifications", request_body = NotificationSettingsInput, security(("bearer" = [])),
    responses((status = 200, body = NotificationSettings), WriteErrors))]
pub async fn set_settings(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<NotificationSettingsInput>,
) -> AppResult<web::Json<NotificationSettings>> {
    state
        .tx_json(move |c| crate::features::notifications::settings::set(c, &user, &body))
        .await
}

crate::http::endpoints![list, read_all, settings, set_settings, read];
