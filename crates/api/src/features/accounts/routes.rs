use super::rules::{self, LinkConfig};
use crate::auth::{hash_password, AuthUser};
use crate::error::{AppError, AppResult};
use crate::openapi::{LinkErrors, ResetErrors, WriteErrors};
use crate::AppState;
use actix_web::{web, HttpRequest, HttpResponse};
use std::time::Duration;
use tutornet_domain::accounts::{
    Invitation, PasswordResetRequest, PasswordSet, ResetAccepted, RESET_ACCEPTED,
};

/// Invites a user by e-mail: a one-time link to set a password (7 days; supersedes the
/// user's older unused links), e-mailed to them and returned so it can be handed over.
/// Who may edit the user may invite them.
#[utoipa::path(post, path = "/api/v1/users/{id}/invitation", tag = "users", params(("id" = String, Path)),
    security(("bearer" = [])), responses((status = 201, body = Invitation), WriteErrors))]
pub async fn invite(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> AppResult<HttpResponse> {
    let cfg = LinkConfig::invite(&state.config);
    let inv = state
        .tx(move |c| rules::invite(c, &user, &id, &cfg))
        .await?;
    Ok(HttpResponse::Created()
        .insert_header(("Cache-Control", "no-store"))
        .json(inv))
}

/// Asks for a password-reset link (1 hour) by e-mail. The answer is the same whether
/// the address is registered or not; requests per address and per IP are limited.
#[utoipa::path(post, path = "/api/v1/auth/password-reset", tag = "auth", request_body = PasswordResetRequest,
    responses((status = 202, body = ResetAccepted), ResetErrors))]
pub async fn password_reset(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<PasswordResetRequest>,
) -> AppResult<HttpResponse> {
    body.validate().map_err(AppError::Validation)?;
    let cfg = &state.config;
    let window = Duration::from_secs(cfg.login_window_secs.max(1) as u64);
    let email = crate::features::users::repo::normalize_email(&body.email);
    let acct_key = format!("reset:acct:{email}");
    let ip_key = crate::auth::throttle::ip_key("reset:", &req);
    let t = &state.throttle;
    let limits = [
        (acct_key.as_str(), cfg.reset_max_per_account),
        (ip_key.as_str(), cfg.reset_max_per_ip),
    ];
    t.check(&limits, window)?;
    t.fail(&acct_key);
    t.fail(&ip_key);
    let links = LinkConfig::reset(cfg);
    state
        .tx(move |c| rules::request_reset(c, &email, &links))
        .await?;
    Ok(HttpResponse::Accepted().json(ResetAccepted {
        detail: RESET_ACCEPTED.into(),
    }))
}

/// Sets a password with the token of an invitation or reset link. The link works once;
/// every session of the user ends. Then log in with the new password.
#[utoipa::path(post, path = "/api/v1/auth/password-set", tag = "auth", request_body = PasswordSet,
    responses((status = 204, description = "Пароль задан; войдите с ним"), LinkErrors))]
pub async fn password_set(
    state: web::Data<AppState>,
    body: web::Json<PasswordSet>,
) -> AppResult<HttpResponse> {
    body.validate().map_err(AppError::Validation)?;
    let body = body.into_inner();
    let password = body.password.clone();
    let hash = web::block(move || hash_password(&password)).await??;
    let token = body.token.trim().to_string();
    state
        .tx(move |c| rules::set_from_link(c, &token, &hash))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

crate::http::endpoints![invite, password_reset, password_set];
