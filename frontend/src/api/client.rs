//! The one low-level HTTP client of the SPA: it adds the `Authorization` header, decodes
//! every non-2xx answer into a [`Problem`] and, on a 401, refreshes the access token once
//! (through the httpOnly cookie) and repeats the call. The typed calls per noun
//! (`api::schools`, `api::sessions`, …) are built on the functions here; pages never
//! name a path.
//!
//! The client knows nothing of the session context: [`on_session`] registers what to do
//! when a refresh yields a user or fails, so `api` does not import `auth`.
//!
//! The access token lives in memory only (a thread-local of the wasm instance). Refreshes
//! are shared: refresh tokens are single-use, so two calls that get a 401 at the same time
//! must not both spend the cookie.

use std::cell::RefCell;
use std::rc::Rc;

use futures::future::{FutureExt, LocalBoxFuture, Shared};
use gloo_net::http::{Method, RequestBuilder, Response};
use serde::{de::DeserializeOwned, Serialize};
use tutornet_domain::auth::Me;
use tutornet_domain::auth::{LoginRequest, TokenResponse};
use tutornet_domain::Problem;
use tutornet_domain::ProblemCode;
use web_sys::RequestCredentials;

use crate::util::plural;

/// Every endpoint lives under this prefix, on the same origin as the SPA.
pub const BASE: &str = "/api/v1";

type RefreshFuture = Shared<LocalBoxFuture<'static, Result<TokenResponse, Problem>>>;

thread_local! {
    static TOKEN: RefCell<Option<String>> = const { RefCell::new(None) };
    static REFRESHING: RefCell<Option<RefreshFuture>> = const { RefCell::new(None) };
    static HOOKS: RefCell<Option<SessionHooks>> = const { RefCell::new(None) };
}

/// What the session context wants to hear from the client.
#[derive(Clone)]
struct SessionHooks {
    signed_in: Rc<dyn Fn(Me)>,
    expired: Rc<dyn Fn()>,
}

/// Registers the session context's reactions: a silent refresh produced `Me`, or the
/// session could not be renewed.
pub fn on_session(signed_in: impl Fn(Me) + 'static, expired: impl Fn() + 'static) {
    HOOKS.with(|h| {
        *h.borrow_mut() = Some(SessionHooks {
            signed_in: Rc::new(signed_in),
            expired: Rc::new(expired),
        })
    });
}

fn hooks() -> Option<SessionHooks> {
    HOOKS.with(|h| h.borrow().clone())
}

fn session_signed_in(me: Me) {
    if let Some(h) = hooks() {
        (h.signed_in)(me);
    }
}

fn session_expired() {
    if let Some(h) = hooks() {
        (h.expired)();
    }
}

fn token() -> Option<String> {
    TOKEN.with(|t| t.borrow().clone())
}

pub fn set_token(value: Option<String>) {
    TOKEN.with(|t| *t.borrow_mut() = value);
}

/// A query string as (name, value) pairs; empty values are left out.
pub type Query = Vec<(String, String)>;

/// The query string of a domain filter (or any flat serialisable struct): `None` fields
/// are left out, booleans and numbers written as text.
pub fn query_of<F: Serialize>(filter: &F) -> Query {
    let Ok(serde_json::Value::Object(map)) = serde_json::to_value(filter) else {
        return Vec::new();
    };
    map.into_iter()
        .filter_map(|(k, v)| {
            let s = match v {
                serde_json::Value::Null => return None,
                serde_json::Value::String(s) => s,
                serde_json::Value::Bool(b) => b.to_string(),
                serde_json::Value::Number(n) => n.to_string(),
                other => other.to_string(),
            };
            Some((k, s))
        })
        .collect()
}

fn network_problem(err: impl std::fmt::Display) -> Problem {
    Problem::new(
        0,
        "network_error",
        "Нет связи с сервером",
        format!("Нет связи с сервером. Проверьте подключение к сети и повторите попытку. ({err})"),
    )
}

/// A validation problem raised in the browser before anything is sent.
pub fn validation_problem(errors: Vec<tutornet_domain::FieldError>) -> Problem {
    let mut p = Problem::new(
        422,
        "validation_failed",
        "Ошибка в данных",
        "Проверьте выделенные поля.",
    );
    p.errors = errors;
    p
}

/// The body of a request: JSON text, or raw bytes with their own content type (uploads).
#[derive(Clone)]
enum Body {
    Json(String),
    Bytes { data: Vec<u8>, content_type: String },
}

async fn send(
    method: Method,
    path: &str,
    query: &Query,
    body: Option<&Body>,
    bearer: Option<&str>,
) -> Result<Response, Problem> {
    let url = format!("{BASE}{path}");
    let mut req = RequestBuilder::new(&url)
        .method(method)
        .credentials(RequestCredentials::SameOrigin)
        .header("Accept", "application/json, application/problem+json");
    let pairs: Vec<(&str, &str)> = query
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    if !pairs.is_empty() {
        req = req.query(pairs);
    }
    if let Some(t) = bearer {
        req = req.header("Authorization", &format!("Bearer {t}"));
    }
    let req = match body {
        Some(Body::Json(b)) => req
            .header("Content-Type", "application/json")
            .body(b.clone())
            .map_err(network_problem)?,
        Some(Body::Bytes { data, content_type }) => req
            .header("Content-Type", content_type)
            .body(js_sys::Uint8Array::from(data.as_slice()))
            .map_err(network_problem)?,
        None => req.build().map_err(network_problem)?,
    };
    req.send().await.map_err(network_problem)
}

/// Turns a non-2xx response into a [`Problem`], whatever its body.
async fn problem_of(resp: Response) -> Problem {
    let status = resp.status();
    let retry_after = resp.headers().get("retry-after");
    let mut p = match resp.json::<Problem>().await {
        Ok(p) => p,
        Err(_) => Problem::new(
            status,
            "http_error",
            "Ошибка сервера",
            match status {
                404 => "Не найдено.".to_string(),
                500..=599 => format!("Ошибка на сервере (код {status}). Повторите попытку позже."),
                _ => format!("Сервер не выполнил запрос (код {status})."),
            },
        ),
    };
    if status == 429 {
        if let Some(secs) = retry_after.and_then(|s| s.trim().parse::<i64>().ok()) {
            p.detail = with_wait(&p.detail, secs);
        }
    }
    p
}

/// Rewrites «… Повторите через 899 с.» as «… Повторите попытку через 15 минут.».
fn with_wait(detail: &str, secs: i64) -> String {
    let base = detail.split("Повторите").next().unwrap_or("").trim_end();
    let base = if base.is_empty() {
        "Слишком много попыток."
    } else {
        base
    };
    let when = if secs < 60 {
        format!("{secs} {}", plural(secs, "секунду", "секунды", "секунд"))
    } else {
        let m = (secs + 59) / 60;
        format!("{m} {}", plural(m, "минуту", "минуты", "минут"))
    };
    format!("{base} Повторите попытку через {when}.")
}

async fn decode<T: DeserializeOwned>(resp: Response) -> Result<T, Problem> {
    let status = resp.status();
    resp.json::<T>().await.map_err(|e| {
        Problem::new(
            status,
            "bad_response",
            "Непонятный ответ сервера",
            format!("Не удалось прочитать ответ сервера: {e}"),
        )
    })
}

/// Logs in with e-mail and password; the server also sets the refresh cookie.
pub async fn login(req: &LoginRequest) -> Result<TokenResponse, Problem> {
    let body = serde_json::to_string(req).unwrap_or_default();
    let resp = send(
        Method::POST,
        "/auth/login",
        &Vec::new(),
        Some(&Body::Json(body)),
        None,
    )
    .await?;
    if resp.ok() {
        let t: TokenResponse = decode(resp).await?;
        set_token(Some(t.access_token.clone()));
        Ok(t)
    } else {
        Err(problem_of(resp).await)
    }
}

async fn refresh_once() -> Result<TokenResponse, Problem> {
    let before = token();
    let resp = send(
        Method::POST,
        "/auth/refresh",
        &Vec::new(),
        Some(&Body::Json("{}".to_string())),
        None,
    )
    .await?;
    if resp.ok() {
        let t: TokenResponse = decode(resp).await?;
        set_token(Some(t.access_token.clone()));
        Ok(t)
    } else {
        // Keep a token that a login obtained meanwhile.
        if token() == before {
            set_token(None);
        }
        Err(problem_of(resp).await)
    }
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
        &Vec::new(),
        Some(&Body::Json("{}".to_string())),
        bearer.as_deref(),
    )
    .await;
    set_token(None);
}

const NO_QUERY: &Query = &Vec::new();

async fn call(
    method: Method,
    path: &str,
    query: &Query,
    body: Option<Body>,
) -> Result<Response, Problem> {
    let used = token();
    let resp = send(method.clone(), path, query, body.as_ref(), used.as_deref()).await?;
    if resp.status() != 401 {
        return Ok(resp);
    }
    // A 401 that names wrong credentials (e.g. a wrong current password) is an answer,
    // not an expired session.
    let problem = problem_of(resp).await;
    if problem.is(ProblemCode::InvalidCredentials) {
        return Err(problem);
    }
    let current = token();
    let fresh = if current.is_some() && current != used {
        current
    } else {
        match refresh().await {
            Ok(t) => {
                session_signed_in(t.user);
                Some(t.access_token)
            }
            Err(_) => {
                session_expired();
                return Err(problem);
            }
        }
    };
    let resp = send(method, path, query, body.as_ref(), fresh.as_deref()).await?;
    if resp.status() == 401 {
        let p = problem_of(resp).await;
        if !p.is(ProblemCode::InvalidCredentials) {
            session_expired();
        }
        return Err(p);
    }
    Ok(resp)
}

fn json_body<B: Serialize>(body: &B) -> Option<Body> {
    Some(Body::Json(serde_json::to_string(body).unwrap_or_default()))
}

/// The successful response itself (downloads, 204 answers); errors as [`Problem`].
pub async fn raw(
    method: Method,
    path: &str,
    query: &Query,
    body: Option<String>,
) -> Result<Response, Problem> {
    let resp = call(method, path, query, body.map(Body::Json)).await?;
    if resp.ok() {
        Ok(resp)
    } else {
        Err(problem_of(resp).await)
    }
}

async fn json<T: DeserializeOwned>(
    method: Method,
    path: &str,
    query: &Query,
    body: Option<Body>,
) -> Result<T, Problem> {
    let resp = call(method, path, query, body).await?;
    if resp.ok() {
        decode(resp).await
    } else {
        Err(problem_of(resp).await)
    }
}

pub async fn get<T: DeserializeOwned>(path: &str, query: &Query) -> Result<T, Problem> {
    json(Method::GET, path, query, None).await
}

pub async fn post<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, Problem> {
    json(Method::POST, path, NO_QUERY, json_body(body)).await
}

/// A POST that may answer 204 No Content (`None`) or 200 with a body.
pub async fn post_maybe<B: Serialize, T: DeserializeOwned>(
    path: &str,
    body: &B,
) -> Result<Option<T>, Problem> {
    let resp = call(Method::POST, path, NO_QUERY, json_body(body)).await?;
    if resp.status() == 204 {
        Ok(None)
    } else if resp.ok() {
        decode(resp).await.map(Some)
    } else {
        Err(problem_of(resp).await)
    }
}

/// A POST that answers 204 No Content.
pub async fn post_empty<B: Serialize>(path: &str, body: &B) -> Result<(), Problem> {
    let body = serde_json::to_string(body).unwrap_or_default();
    raw(Method::POST, path, NO_QUERY, Some(body))
        .await
        .map(|_| ())
}

pub async fn put<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, Problem> {
    json(Method::PUT, path, NO_QUERY, json_body(body)).await
}

pub async fn delete<T: DeserializeOwned>(path: &str) -> Result<T, Problem> {
    json(Method::DELETE, path, NO_QUERY, None).await
}

/// A DELETE that answers 204 No Content.
pub async fn delete_empty(path: &str) -> Result<(), Problem> {
    raw(Method::DELETE, path, NO_QUERY, None).await.map(|_| ())
}

/// Sends raw bytes (an uploaded file) with their content type and decodes the JSON
/// answer; a 401 refreshes the token and repeats the upload once, like every call.
pub async fn upload<T: DeserializeOwned>(
    method: Method,
    path: &str,
    query: &Query,
    data: Vec<u8>,
    content_type: &str,
) -> Result<T, Problem> {
    let body = Body::Bytes {
        data,
        content_type: content_type.to_string(),
    };
    json(method, path, query, Some(body)).await
}

/// Every page of a list, following `next_cursor` until the last one (reference lists:
/// a pick-list must never silently stop at the first page). `fetch` gets the cursor.
pub async fn all_pages<T, Fut>(
    mut fetch: impl FnMut(Option<String>) -> Fut,
) -> Result<Vec<T>, Problem>
where
    Fut: std::future::Future<Output = Result<tutornet_domain::Page<T>, Problem>>,
{
    let mut items = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let page = fetch(cursor.take()).await?;
        items.extend(page.items);
        match page.next_cursor {
            Some(c) if !c.is_empty() => cursor = Some(c),
            _ => return Ok(items),
        }
    }
}
