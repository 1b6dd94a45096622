//! The HTTP client of the SPA: one [`Api`] value that adds the `Authorization` header,
//! decodes every non-2xx answer into a [`Problem`] and, on a 401, refreshes the access
//! token once (through the httpOnly cookie) and repeats the call.
//!
//! The access token lives in memory only (a thread-local of the wasm instance). Refreshes
//! are shared: refresh tokens are single-use, so two calls that get a 401 at the same time
//! must not both spend the cookie.

use std::cell::RefCell;

use futures::future::{FutureExt, LocalBoxFuture, Shared};
use gloo_net::http::{Method, RequestBuilder, Response};
use serde::{de::DeserializeOwned, Serialize};
use tutornet_domain::auth::{LoginRequest, TokenResponse};
use tutornet_domain::Problem;
use web_sys::RequestCredentials;

use crate::auth::Auth;
use crate::util::plural;

/// Every endpoint lives under this prefix, on the same origin as the SPA.
pub const BASE: &str = "/api/v1";

type RefreshFuture = Shared<LocalBoxFuture<'static, Result<TokenResponse, Problem>>>;

thread_local! {
    static TOKEN: RefCell<Option<String>> = const { RefCell::new(None) };
    static REFRESHING: RefCell<Option<RefreshFuture>> = const { RefCell::new(None) };
}

fn token() -> Option<String> {
    TOKEN.with(|t| t.borrow().clone())
}

pub fn set_token(value: Option<String>) {
    TOKEN.with(|t| *t.borrow_mut() = value);
}

/// A query string as (name, value) pairs; empty values are left out.
pub type Query = Vec<(&'static str, String)>;

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
        .map(|(k, v)| (*k, v.as_str()))
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

/// The authorised client. Cheap to copy; get it with [`Api::new`] inside a component.
#[derive(Clone, Copy)]
pub struct Api {
    auth: Auth,
}

impl Api {
    pub fn new(auth: Auth) -> Self {
        Self { auth }
    }

    async fn call(
        &self,
        method: Method,
        path: &str,
        query: &Query,
        body: Option<String>,
    ) -> Result<Response, Problem> {
        self.call_with(method, path, query, body.map(Body::Json))
            .await
    }

    async fn call_with(
        &self,
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
        if problem.code == "invalid_credentials" {
            return Err(problem);
        }
        let current = token();
        let fresh = if current.is_some() && current != used {
            current
        } else {
            match refresh().await {
                Ok(t) => {
                    self.auth.signed_in(t.user);
                    Some(t.access_token)
                }
                Err(_) => {
                    self.auth.expired();
                    return Err(problem);
                }
            }
        };
        let resp = send(method, path, query, body.as_ref(), fresh.as_deref()).await?;
        if resp.status() == 401 {
            let p = problem_of(resp).await;
            if p.code != "invalid_credentials" {
                self.auth.expired();
            }
            return Err(p);
        }
        Ok(resp)
    }

    async fn json<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        query: &Query,
        body: Option<String>,
    ) -> Result<T, Problem> {
        let resp = self.call(method, path, query, body).await?;
        if resp.ok() {
            decode(resp).await
        } else {
            Err(problem_of(resp).await)
        }
    }

    pub async fn get<T: DeserializeOwned>(&self, path: &str, query: Query) -> Result<T, Problem> {
        self.json(Method::GET, path, &query, None).await
    }

    pub async fn post<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<T, Problem> {
        let body = serde_json::to_string(body).unwrap_or_default();
        self.json(Method::POST, path, &Vec::new(), Some(body)).await
    }

    /// A POST that may answer 204 No Content (`None`) or 200 with a body.
    pub async fn post_maybe<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<Option<T>, Problem> {
        let body = serde_json::to_string(body).unwrap_or_default();
        let resp = self
            .call(Method::POST, path, &Vec::new(), Some(body))
            .await?;
        if resp.status() == 204 {
            Ok(None)
        } else if resp.ok() {
            decode(resp).await.map(Some)
        } else {
            Err(problem_of(resp).await)
        }
    }

    pub async fn put<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<T, Problem> {
        let body = serde_json::to_string(body).unwrap_or_default();
        self.json(Method::PUT, path, &Vec::new(), Some(body)).await
    }

    pub async fn delete<T: DeserializeOwned>(&self, path: &str) -> Result<T, Problem> {
        self.json(Method::DELETE, path, &Vec::new(), None).await
    }

    /// The successful response itself (downloads, 204 answers); errors as [`Problem`].
    pub async fn raw(
        &self,
        method: Method,
        path: &str,
        query: Query,
        body: Option<String>,
    ) -> Result<Response, Problem> {
        let resp = self.call(method, path, &query, body).await?;
        if resp.ok() {
            Ok(resp)
        } else {
            Err(problem_of(resp).await)
        }
    }

    /// Sends raw bytes (an uploaded file) with their content type and decodes the JSON
    /// answer; a 401 refreshes the token and repeats the upload once, like every call.
    pub async fn upload<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        query: Query,
        data: Vec<u8>,
        content_type: &str,
    ) -> Result<T, Problem> {
        let body = Body::Bytes {
            data,
            content_type: content_type.to_string(),
        };
        let resp = self.call_with(method, path, &query, Some(body)).await?;
        if resp.ok() {
            decode(resp).await
        } else {
            Err(problem_of(resp).await)
        }
    }
}
