use crate::auth::AuthUser;
use crate::error::AppResult;
use crate::openapi::{ReadErrors, WriteErrors};
use crate::AppState;
use actix_web::{web, HttpResponse};
use tutornet_domain::community::NotificationPage;

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

crate::http::endpoints![list, read_all, read];
