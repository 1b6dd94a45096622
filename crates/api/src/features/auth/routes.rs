use crate::auth::{self as a, AuthUser, REFRESH_COOKIE};
use crate::error::{AppError, AppResult};
use crate::openapi::{LoginErrors, ReadErrors, WriteErrors};
use crate::AppState;
use actix_web::cookie::{time, Cookie, SameSite};
use actix_web::{web, HttpRequest, HttpResponse};
use std::time::Duration;
use tutornet_domain::audit::AuditAction;
use tutornet_domain::auth::{LoginRequest, Me, RefreshRequest, TokenResponse};
use tutornet_domain::problem::Errors;
use tutornet_domain::users::PasswordChange;
use tutornet_domain::ProblemCode;

fn refresh_cookie(state: &AppState, token: &str) -> Cookie<'static> {
    Cookie::build(REFRESH_COOKIE, token.to_string())
        .path("/api/v1/auth")
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(!state.config.dev)
        .max_age(time::Duration::seconds(state.config.refresh_ttl_secs))
        .finish()
}

/// Issues an access token and a refresh token (body and cookie) for a user.
async fn tokens(
    state: &web::Data<AppState>,
    user_id: String,
    refresh: String,
) -> AppResult<HttpResponse> {
    let me = state
        .db(move |c| crate::features::users::repo::me(c, &user_id))
        .await?;
    let ttl = state.config.access_ttl_secs;
    let access = a::issue_access_token(&state.config.jwt_secret, &me.id, me.role, ttl)?;
    Ok(HttpResponse::Ok()
        .cookie(refresh_cookie(state, &refresh))
        .insert_header(("Cache-Control", "no-store"))
        .json(TokenResponse {
            access_token: access,
            token_type: "Bearer".into(),
            expires_in: ttl,
            refresh_token: refresh,
            user: me,
        }))
}

fn bad_credentials() -> AppError {
    AppError::Unauthorized {
        code: ProblemCode::InvalidCredentials,
        detail: "Неверный адрес электронной почты или пароль".into(),
        field: Some("password"),
    }
}

/// Logs in with e-mail and password. Repeated failures per account and per IP are
/// answered with 429 and `Retry-After`.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", request_body = LoginRequest,
    responses((status = 200, body = TokenResponse), LoginErrors))]
pub async fn login(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<LoginRequest>,
) -> AppResult<HttpResponse> {
    let mut e = Errors::default();
    if body.email.trim().is_empty() {
        e.add("email", "required", "Введите адрес электронной почты");
    }
    if body.password.is_empty() {
        e.add("password", "required", "Введите пароль");
    }
    e.finish().map_err(AppError::Validation)?;
    let cfg = &state.config;
    let window = Duration::from_secs(cfg.login_window_secs.max(1) as u64);
    let acct_key = format!(
        "acct:{}",
        crate::features::users::repo::normalize_email(&body.email)
    );
    let ip_key = crate::auth::throttle::ip_key("", &req);
    state.throttle.check(
        &[
            (&acct_key, cfg.login_max_failures_account),
            (&ip_key, cfg.login_max_failures_ip),
        ],
        window,
    )?;
    let email = body.email.clone();
    let found = state
        .db(move |c| crate::features::users::repo::login_lookup(c, &email))
        .await?;
    let password = body.password.clone();
    let user_id = web::block(move || match found {
        Some((id, hash, usable)) => (a::verify_password(&password, &hash) && usable).then_some(id),
        None => {
            a::verify_password(&password, a::dummy_hash());
            None
        }
    })
    .await?;
    let Some(user_id) = user_id else {
        state.throttle.fail(&acct_key);
        state.throttle.fail(&ip_key);
        return Err(bad_credentials());
    };
    state.throttle.clear(&acct_key);
    let ttl = cfg.refresh_ttl_secs;
    let uid = user_id.clone();
    let refresh = state
        .tx(move |c| {
            crate::features::users::repo::touch_login(c, &uid)?;
            crate::auth::refresh_tokens::issue(c, &uid, None, ttl)
        })
        .await?;
    tokens(&state, user_id, refresh).await
}

fn presented_token(req: &HttpRequest, body: Option<&RefreshRequest>) -> Option<String> {
    body.and_then(|b| b.refresh_token.clone())
        .filter(|t| !t.is_empty())
        .or_else(|| req.cookie(REFRESH_COOKIE).map(|c| c.value().to_string()))
}

/// Exchanges a refresh token (body or cookie) for new tokens. Each refresh token works
/// once; presenting a used one ends the whole session.
#[utoipa::path(post, path = "/api/v1/auth/refresh", tag = "auth", request_body(content = Option<RefreshRequest>),
    responses((status = 200, body = TokenResponse), LoginErrors))]
pub async fn refresh(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: Option<web::Json<RefreshRequest>>,
) -> AppResult<HttpResponse> {
    let token = presented_token(&req, body.as_deref()).ok_or(AppError::Unauthorized {
        code: ProblemCode::InvalidRefreshToken,
        detail: "Сеанс не найден; войдите снова".into(),
        field: None,
    })?;
    let ttl = state.config.refresh_ttl_secs;
    let (user_id, new_token) = state
        .tx(move |c| crate::auth::refresh_tokens::rotate(c, &token, ttl))
        .await??;
    let uid = user_id.clone();
    let active = state
        .db(move |c| crate::auth::caller::load(c, &uid))
        .await?;
    if active.is_none() {
        return Err(AppError::Unauthorized {
            code: ProblemCode::InvalidRefreshToken,
            detail: "Учётная запись отключена".into(),
            field: None,
        });
    }
    tokens(&state, user_id, new_token).await
}

/// Ends the session of the presented refresh token (body or cookie).
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth", request_body(content = Option<RefreshRequest>),
    responses((status = 204, description = "Сеанс завершён"), WriteErrors))]
pub async fn logout(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: Option<web::Json<RefreshRequest>>,
) -> AppResult<HttpResponse> {
    if let Some(token) = presented_token(&req, body.as_deref()) {
        state
            .tx(move |c| crate::auth::refresh_tokens::revoke_token(c, &token))
            .await?;
    }
    let mut gone = refresh_cookie(&state, "");
    gone.make_removal();
    Ok(HttpResponse::NoContent().cookie(gone).finish())
}

/// The logged-in user.
#[utoipa::path(get, path = "/api/v1/auth/me", tag = "auth", security(("bearer" = [])),
    responses((status = 200, body = Me), ReadErrors))]
pub async fn me(state: web::Data<AppState>, user: AuthUser) -> AppResult<web::Json<Me>> {
    state
        .db_json(move |c| crate::features::users::repo::me(c, &user.id))
        .await
}

/// Changes the caller's own password. Every other session is ended; new tokens for
/// this one are returned.
#[utoipa::path(post, path = "/api/v1/auth/password", tag = "auth", request_body = PasswordChange, security(("bearer" = [])),
    responses((status = 200, body = TokenResponse), WriteErrors))]
pub async fn change_password(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<PasswordChange>,
) -> AppResult<HttpResponse> {
    body.validate().map_err(AppError::Validation)?;
    let uid = user.id.clone();
    let hash = state
        .db(move |c| crate::features::users::repo::password_hash(c, &uid))
        .await?;
    let body = body.into_inner();
    let new_hash = web::block(move || {
        if !a::verify_password(&body.current_password, &hash) {
            return Err(AppError::field(
                "current_password",
                "wrong_password",
                "Неверный текущий пароль",
            ));
        }
        a::hash_password(&body.new_password)
    })
    .await??;
    let ttl = state.config.refresh_ttl_secs;
    let uid = user.id.clone();
    let refresh = state
        .tx(move |c| {
            crate::features::users::rules::set_password(
                c,
                &user,
                &user.id,
                &new_hash,
                AuditAction::PasswordChange,
            )?;
            crate::auth::refresh_tokens::issue(c, &user.id, None, ttl)
        })
        .await?;
    tokens(&state, uid, refresh).await
}

crate::http::endpoints![login, refresh, logout, me, change_password];
