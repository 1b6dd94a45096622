use super::rules::{self, LinkConfig};
use super::{import, issue};
use crate::auth::{hash_password, AuthUser};
use crate::error::{AppError, AppResult};
use crate::openapi::{LinkErrors, ReadErrors, ResetErrors, WriteErrors};
use crate::AppState;
use actix_web::{web, HttpRequest, HttpResponse};
use std::time::Duration;
use tutornet_domain::accounts::{
    AccountsIssued, Delivery, Invitation, MemberAccount, MemberAccountsBulk, PasswordResetRequest,
    PasswordSet, ResetAccepted, UserImportPreview, UserImportRequest, RESET_ACCEPTED,
};
use tutornet_domain::composition::Member;
use tutornet_domain::permissions::{Action, Resource};

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

/// Gives an approved member of the composition an account: links an existing user of
/// the member's municipality (`user_id`) or creates one (`email`, `delivery`: an initial
/// password shown once with its printable XLSX list, or an e-mailed invitation). A
/// member gets one account only (409 `already_exists` the second time).
#[utoipa::path(post, path = "/api/v1/composition/members/{id}/account", tag = "accounts", params(("id" = String, Path)),
    request_body = MemberAccount, security(("bearer" = [])), responses((status = 201, body = AccountsIssued), WriteErrors))]
pub async fn member_account(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    body: web::Json<MemberAccount>,
) -> AppResult<HttpResponse> {
    body.validate().map_err(AppError::Validation)?;
    let creates_password = body.user_id.is_none() && body.delivery == Some(Delivery::Password);
    let prepared = issue::prepare(usize::from(creates_password)).await?;
    let links = LinkConfig::invite(&state.config);
    let out = state
        .tx(move |c| {
            let a = issue::member_account(c, &user, &id, &body, prepared.first(), &links)?;
            let when = issue::issued_at(c, &user)?;
            issue::answer(vec![a], &when, 0)
        })
        .await?;
    Ok(no_store(out))
}

/// Approved members of the current composition without an account (the caller's
/// municipality, or `municipality_id` for an admin), for creating accounts in bulk.
#[utoipa::path(get, path = "/api/v1/accounts/members", tag = "accounts", params(MembersWithoutAccount),
    security(("bearer" = [])), responses((status = 200, body = Vec<Member>), ReadErrors))]
pub async fn members_without_account(
    state: web::Data<AppState>,
    user: AuthUser,
    q: web::Query<MembersWithoutAccount>,
) -> AppResult<web::Json<Vec<Member>>> {
    state
        .db_json(move |c| {
            crate::features::composition::ops::without_account(
                c,
                &user,
                q.municipality_id.as_deref(),
            )
        })
        .await
}

/// Creates accounts for several approved members at once (all or nothing; 422 naming
/// each row whose member already has an account or whose e-mail is taken).
#[utoipa::path(post, path = "/api/v1/accounts/members", tag = "accounts", request_body = MemberAccountsBulk,
    security(("bearer" = [])), responses((status = 201, body = AccountsIssued), WriteErrors))]
pub async fn member_accounts(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<MemberAccountsBulk>,
) -> AppResult<HttpResponse> {
    user.reach(Resource::User, Action::Create)?;
    body.validate().map_err(AppError::Validation)?;
    let n = if body.delivery == Delivery::Password {
        body.accounts.len()
    } else {
        0
    };
    let prepared = issue::prepare(n).await?;
    let links = LinkConfig::invite(&state.config);
    let out = state
        .tx(move |c| {
            let a = issue::member_accounts(c, &user, &body, &prepared, &links)?;
            let when = issue::issued_at(c, &user)?;
            issue::answer(a, &when, 0)
        })
        .await?;
    Ok(no_store(out))
}

/// Reads an XLSX table of people (ФИО · e-mail · роль · школа/муниципалитет ·
/// должность) and matches each row; writes nothing. Rows with errors and e-mails
/// already registered are marked.
#[utoipa::path(post, path = "/api/v1/users/import/preview", tag = "accounts", request_body = UserImportRequest,
    security(("bearer" = [])), responses((status = 200, body = UserImportPreview), WriteErrors))]
pub async fn import_preview(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<UserImportRequest>,
) -> AppResult<web::Json<UserImportPreview>> {
    user.reach(Resource::User, Action::Create)?;
    state
        .db_json(move |c| import::preview(c, &user, &body))
        .await
}

/// Creates the accounts of the table's usable rows (the others are counted as
/// `skipped`), with initial passwords and their list or with invitations (`delivery`).
#[utoipa::path(post, path = "/api/v1/users/import/confirm", tag = "accounts", request_body = UserImportRequest,
    security(("bearer" = [])), responses((status = 201, body = AccountsIssued), WriteErrors))]
pub async fn import_confirm(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<UserImportRequest>,
) -> AppResult<HttpResponse> {
    let out = import::confirm(&state, user, body.into_inner()).await?;
    Ok(no_store(out))
}

/// 201 with the answer, never cached (it holds initial passwords).
fn no_store(out: AccountsIssued) -> HttpResponse {
    HttpResponse::Created()
        .insert_header(("Cache-Control", "no-store"))
        .json(out)
}

/// Whose members: the caller's municipality unless an admin names one.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct MembersWithoutAccount {
    pub municipality_id: Option<String>,
}

crate::http::endpoints![
    invite,
    password_reset,
    password_set,
    member_account,
    members_without_account,
    member_accounts,
    import_preview,
    import_confirm
];
