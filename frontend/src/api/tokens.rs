//! Logging in, out, and the refresh of the access token. Refreshes are shared: refresh
//! tokens are single-use, so two calls that get a 401 at the same time must not both
//! spend the cookie.

use std::cell::RefCell;

use futures::future::{FutureExt, LocalBoxFuture, Shared};
use gloo_net::http::Method;
use tutornet_domain::auth::{LoginRequest, TokenResponse};
use tutornet_domain::Problem;

use super::client::{send, set_token, token, Body, NO_QUERY};
use super::problems::{decode, problem_of};

type RefreshFuture = Shared<LocalBoxFuture<'static, Result<TokenResponse, Problem>>>;

thread_local! {
    static REFRESHING: RefCell<Option<RefreshFuture>> = const { RefCell::new(None) };
}

/// POSTs `body` to an endpoint that answers with tokens; the granted access token
/// becomes the current one. `refused` runs before a refusal is decoded.
async fn token_call(
    path: &str,
    body: String,
    refused: impl FnOnce(),
) -> Result<TokenResponse, Problem> {
    let resp = send(Method::POST, path, NO_QUERY, Some(&Body::Json(body)), None).await?;
    if !resp.ok() {
        refused();
        return Err(problem_of(resp).await);
    }
    let t: TokenResponse = decode(resp).await?;
    set_token(Some(t.access_token.clone()));
    Ok(t)
}

/// Logs in with e-mail and password; the server also sets the refresh cookie.
pub async fn login(req: &LoginRequest) -> Result<TokenResponse, Problem> {
    let body = serde_json::to_string(req).unwrap_or_default();
    token_call("/auth/login", body, || {}).await
}

async fn refresh_once() -> Result<TokenResponse, Problem> {
    let before = token();
    token_call("/auth/refresh", "{}".to_string(), move || {
        // Keep a token that a login obtained meanwhile.
        if token() == before {
            set_token(None);
        }
    })
    .await
}

/// Exchanges the refresh cookie for a new access token. Concurrent callers share one
/// request.
pub async fn refresh() -> Result<TokenResponse, Problem> {
    let fut = REFRESHING.with(|r| {
        let mut r = r.borrow_mut();
        match r.as_ref() {
            Some(f) => f.clone(),
            None => {
                let f = refresh_once().boxed_local().shared();
                *r = Some(f.clone());
                f
            }
        }
    });
    let res = fut.clone().await;
    REFRESHING.with(|r| {
        let mut r = r.borrow_mut();
        if r.as_ref().is_some_and(|f| f.ptr_eq(&fut)) {
            *r = None;
        }
    });
    res
}

/// Ends the session on the server (revokes the refresh token, clears the cookie).
pub async fn logout() {
    let bearer = token();
    let _ = send(
        Method::POST,
        "/auth/logout",
        NO_QUERY,
        Some(&Body::Json("{}".to_string())),
        bearer.as_deref(),
    )
    .await;
    set_token(None);
}
