//! The one low-level HTTP client of the SPA: it adds the `Authorization` header, decodes
//! every non-2xx answer into a [`Problem`] and, on a 401, refreshes the access token once
//! (through the httpOnly cookie) and repeats the call. The typed calls per noun
//! (`api::schools`, `api::sessions`, …) are built on the functions here; pages never
//! name a path.
//!
//! The client knows nothing of the session context: [`on_session`] registers what to do
//! when a refresh yields a user or fails, so `api` does not import `auth`.
//!
//! The access token lives in memory only (a thread-local of the wasm instance); logging
//! in and the shared refresh are in [`super::tokens`], the decoding of answers into
//! problems in [`super::problems`].

use std::cell::RefCell;
use std::rc::Rc;

use gloo_net::http::{Method, RequestBuilder, Response};
use serde::{de::DeserializeOwned, Serialize};
use tutornet_domain::auth::Me;
use tutornet_domain::Problem;
use tutornet_domain::ProblemCode;
use web_sys::RequestCredentials;

pub use super::problems::validation_problem;
use super::problems::{decode, network_problem, problem_of};
pub use super::tokens::{login, logout, refresh};

/// Every endpoint lives under this prefix, on the same origin as the SPA.
pub const BASE: &str = "/api/v1";

thread_local! {
    static TOKEN: RefCell<Option<String>> = const { RefCell::new(None) };
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

pub(super) fn token() -> Option<String> {
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

/// The body of a request: JSON text, or raw bytes with their own content type (uploads).
#[derive(Clone)]
pub(super) enum Body {
    Json(String),
    Bytes { data: Vec<u8>, content_type: String },
}

pub(super) async fn send(
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

pub(super) const NO_QUERY: &Query = &Vec::new();

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
