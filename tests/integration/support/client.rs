//! A small typed client over [`TestApp`]: logins with any password, request
//! transitions, and raw (binary) uploads and downloads.

use super::app::{Resp, TestApp};
use serde_json::{json, Value};

impl TestApp {
    /// `POST /auth/login` with any credentials, without asserting the outcome.
    pub async fn try_login(&self, email: &str, password: &str) -> Resp {
        self.call(
            "POST",
            "/api/v1/auth/login",
            None,
            Some(json!({"email": email, "password": password})),
        )
        .await
    }

    /// `POST /auth/refresh` with a body (no cookie), without asserting the outcome.
    pub async fn refresh(&self, body: Value) -> Resp {
        self.call("POST", "/api/v1/auth/refresh", None, Some(body))
            .await
    }

    /// `GET /auth/me` of a token.
    pub async fn me(&self, token: &str) -> Value {
        self.get("/api/v1/auth/me", token).await.ok(200)
    }
}

/// One step of a request's workflow: `POST /requests/{id}/transitions`.
pub async fn step(app: &TestApp, t: &str, id: &str, body: Value) -> Resp {
    app.post(&format!("/api/v1/requests/{id}/transitions"), t, body)
        .await
}

/// A raw body upload (`PUT`/`POST` with a content type), as the SPA sends files.
pub async fn upload(
    app: &TestApp,
    method: &str,
    path: &str,
    token: &str,
    content_type: &str,
    bytes: Vec<u8>,
) -> (u16, Value) {
    let m = actix_web::http::Method::from_bytes(method.as_bytes()).unwrap();
    let mut res = app
        .srv
        .request(m, app.srv.url(path))
        .insert_header(("Authorization", format!("Bearer {token}")))
        .insert_header(("Content-Type", content_type))
        .send_body(bytes)
        .await
        .unwrap();
    let status = res.status().as_u16();
    let body = res.body().limit(1 << 20).await.unwrap();
    (status, serde_json::from_slice(&body).unwrap_or(Value::Null))
}

/// A raw download: status, content type and bytes (not checked against the spec).
pub async fn download(app: &TestApp, url: &str, token: &str) -> (u16, String, Vec<u8>) {
    let mut res = app
        .srv
        .get(url)
        .insert_header(("Authorization", format!("Bearer {token}")))
        .send()
        .await
        .unwrap();
    let ct = res
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    (
        res.status().as_u16(),
        ct,
        res.body().limit(20 << 20).await.unwrap().to_vec(),
    )
}

/// A binary answer: checked against the spec by `call` (status, content type), then
/// fetched again raw for its bytes.
pub async fn get_raw(app: &TestApp, path: &str, token: &str) -> (u16, String, Vec<u8>) {
    let checked = app.get(path, token).await;
    let mut res = app
        .srv
        .get(path)
        .insert_header(("Authorization", format!("Bearer {token}")))
        .send()
        .await
        .expect("request sent");
    let ct = res
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let bytes = res.body().limit(20 * 1024 * 1024).await.expect("body");
    assert_eq!(res.status().as_u16(), checked.status);
    (checked.status, ct, bytes.to_vec())
}
