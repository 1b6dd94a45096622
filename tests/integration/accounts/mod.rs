//! Accounts: invitations, password resets and setting a password from a one-time link.

pub mod access;
mod concurrency;
mod invite;
pub mod members;
mod reset;

use crate::common::*;
use serde_json::json;

/// The token of a one-time link (`…/password/set?token=…`).
pub fn token_of(url: &str) -> String {
    let (_, t) = url
        .split_once("/password/set?token=")
        .expect("a set-password link");
    t.split_whitespace().next().unwrap().to_string()
}

/// A new teacher of the demo school without a password (invited at once); returns its id.
pub async fn invited_teacher(app: &TestApp, coord: &str, email: &str) -> String {
    let (m, _) = app.municipalities(coord).await.remove(0);
    let school = app.school_id(coord, &m, "МОБУ СОШ № 7").await;
    let mut body = user(
        email,
        "Приглашённая Анна Петровна",
        "teacher",
        &m,
        Some(&school),
    );
    body.as_object_mut().unwrap().remove("password");
    create_user(app, coord, body).await
}

/// Invites user `id` and returns the link's token.
pub async fn invite(app: &TestApp, t: &str, id: &str) -> String {
    let inv = app
        .post(&format!("/api/v1/users/{id}/invitation"), t, json!({}))
        .await
        .ok(201);
    token_of(inv["url"].as_str().unwrap())
}

pub async fn set_password(app: &TestApp, token: &str, password: &str) -> Resp {
    app.call(
        "POST",
        "/api/v1/auth/password-set",
        None,
        Some(json!({"token": token, "password": password})),
    )
    .await
}

pub async fn reset(app: &TestApp, email: &str) -> Resp {
    app.call(
        "POST",
        "/api/v1/auth/password-reset",
        None,
        Some(json!({ "email": email })),
    )
    .await
}

/// How many links still hold a raw token (only until the mail worker has sent them).
pub fn raw_tokens_kept(app: &TestApp) -> i64 {
    use diesel::prelude::*;
    use tutornet_api::store::schema::account_links;
    let mut c = app.state.pool.get().unwrap();
    account_links::table
        .filter(account_links::mail_token.is_not_null())
        .count()
        .get_result(&mut c)
        .unwrap()
}

pub fn link_invalid(r: &Resp) -> bool {
    r.status == 400
        && r.code() == "link_invalid"
        && r.body["detail"]
            .as_str()
            .is_some_and(|d| d.starts_with("Ссылка устарела или уже использована"))
}
