//! Invitations: a user without a password is invited, sets one from the link, logs in.

use super::*;
use crate::common::*;
use crate::mail::{mail_to, smtp_sink};
use serde_json::json;

const NEW: &str = "invited@x.ru";
const NEW_PASSWORD: &str = "my-own-password-7";

#[actix_web::test]
async fn invite_then_set_password_then_login() {
    let app = TestApp::new().await;
    let coord = app.login(COORDINATOR).await;
    let id = invited_teacher(&app, &coord, NEW).await;
    // No password yet: nothing logs in.
    assert_eq!(app.try_login(NEW, "").await.status, 422);
    assert_eq!(app.try_login(NEW, "!").await.status, 401);
    let inv = app
        .post(&format!("/api/v1/users/{id}/invitation"), &coord, json!({}))
        .await
        .ok(201);
    let url = inv["url"].as_str().unwrap();
    assert!(
        url.starts_with("http://127.0.0.1:8080/password/set?token="),
        "{url}"
    );
    let expires =
        chrono::DateTime::parse_from_rfc3339(inv["expires_at"].as_str().unwrap()).unwrap();
    let days = (expires.with_timezone(&chrono::Utc) - chrono::Utc::now()).num_hours();
    assert!((167..=168).contains(&days), "7 days, got {days} h");
    let token = token_of(url);

    let short = set_password(&app, &token, "short").await;
    assert_eq!(
        (short.status, short.field_errors()),
        (422, vec!["password".to_string()])
    );
    set_password(&app, &token, NEW_PASSWORD).await.ok(204);
    assert_eq!(app.try_login(NEW, NEW_PASSWORD).await.status, 200);
    // The link works once.
    assert!(link_invalid(
        &set_password(&app, &token, "another-password-8").await
    ));
    assert_eq!(app.try_login(NEW, "another-password-8").await.status, 401);

    let log = actions(&audit_of(&app, &coord, &id).await);
    for a in ["create", "invite", "password_set"] {
        assert!(log.contains(&a.to_string()), "{a} in {log:?}");
    }
}

#[actix_web::test]
async fn a_newer_invitation_supersedes_the_older_and_unknown_tokens_are_refused() {
    let app = TestApp::new().await;
    let coord = app.login(COORDINATOR).await;
    let id = invited_teacher(&app, &coord, NEW).await;
    let first = invite(&app, &coord, &id).await;
    let second = invite(&app, &coord, &id).await;
    assert!(link_invalid(
        &set_password(&app, &first, NEW_PASSWORD).await
    ));
    assert!(link_invalid(
        &set_password(&app, "no-such-token", NEW_PASSWORD).await
    ));
    set_password(&app, &second, NEW_PASSWORD).await.ok(204);
    // Setting the password also ends every session of the user.
    let login = app.login_full(TEACHER).await;
    let teacher_id = login["user"]["id"].as_str().unwrap().to_string();
    let t = invite(&app, &coord, &teacher_id).await;
    set_password(&app, &t, NEW_PASSWORD).await.ok(204);
    let r = app
        .refresh(json!({"refresh_token": login["refresh_token"]}))
        .await;
    assert_eq!(r.status, 401);
}

#[actix_web::test]
async fn an_expired_invitation_is_refused() {
    let app = TestApp::with(|c| c.invite_ttl_secs = -1).await;
    let coord = app.login(COORDINATOR).await;
    let id = invited_teacher(&app, &coord, NEW).await;
    let t = invite(&app, &coord, &id).await;
    assert!(link_invalid(&set_password(&app, &t, NEW_PASSWORD).await));
}

#[actix_web::test]
async fn an_archived_user_is_not_invited() {
    let app = TestApp::new().await;
    let coord = app.login(COORDINATOR).await;
    let id = invited_teacher(&app, &coord, NEW).await;
    app.delete(&format!("/api/v1/users/{id}"), &coord)
        .await
        .ok(200);
    let r = app
        .post(&format!("/api/v1/users/{id}/invitation"), &coord, json!({}))
        .await;
    assert_eq!((r.status, r.code()), (409, "user_inactive"));
}

#[actix_web::test]
async fn the_invitation_is_mailed_and_its_raw_token_then_forgotten() {
    let (url, messages) = smtp_sink();
    let app = TestApp::with(|c| c.smtp_url = Some(url)).await;
    let coord = app.login(COORDINATOR).await;
    invited_teacher(&app, &coord, NEW).await;
    let text = mail_to(&messages, NEW).await;
    assert!(text.contains("Вас пригласили в tutornet"), "{text}");
    let token = token_of(&text);
    for _ in 0..50 {
        if raw_tokens_kept(&app) == 0 {
            break;
        }
        actix_web::rt::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(
        raw_tokens_kept(&app),
        0,
        "the sent token is no longer stored"
    );
    set_password(&app, &token, NEW_PASSWORD).await.ok(204);
    assert_eq!(app.try_login(NEW, NEW_PASSWORD).await.status, 200);
}
