//! `POST /auth/login`, `GET /auth/me`, bad and foreign tokens; `GET /health`.

use crate::common::*;

#[actix_web::test]
async fn login_me_and_bad_credentials() {
    let app = TestApp::new().await;
    let body = app.login_full(COORDINATOR).await;
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["user"]["role"], "coordinator");
    assert_eq!(body["user"]["municipality_name"], "Лесогорский район");
    let token = body["access_token"].as_str().unwrap();
    let me = app.get("/api/v1/auth/me", token).await.ok(200);
    assert_eq!(me["email"], COORDINATOR);

    // E-mail is case-insensitive.
    let r = app
        .try_login(" Coordinator@Tutornet.LOCAL ", PASSWORD)
        .await;
    assert_eq!(r.status, 200);

    let r = app.try_login(COORDINATOR, "wrong-password").await;
    assert_eq!(r.status, 401);
    assert_eq!(r.code(), "invalid_credentials");
    let r = app.try_login("nobody@x.ru", "wrong-password").await;
    assert_eq!(r.status, 401);
    let r = app.try_login("", "").await;
    assert_eq!(r.status, 422);
    assert_eq!(r.field_errors(), vec!["email", "password"]);

    // No token, garbage token, token signed with another key.
    assert_eq!(
        app.call("GET", "/api/v1/auth/me", None, None).await.code(),
        "unauthenticated"
    );
    assert_eq!(app.get("/api/v1/auth/me", "garbage").await.status, 401);
    let foreign = tutornet_api::auth::issue_access_token(
        &"k".repeat(40),
        "x",
        tutornet_domain::Role::Admin,
        60,
    )
    .unwrap();
    assert_eq!(app.get("/api/v1/auth/me", &foreign).await.status, 401);
    // Expired token signed with the right key.
    let me_id = me["id"].as_str().unwrap();
    let expired = tutornet_api::auth::issue_access_token(
        &app.state.config.jwt_secret,
        me_id,
        tutornet_domain::Role::Coordinator,
        -60,
    )
    .unwrap();
    assert_eq!(app.get("/api/v1/auth/me", &expired).await.status, 401);
}

#[actix_web::test]
async fn health_is_public() {
    let app = TestApp::new().await;
    let h = app.call("GET", "/api/v1/health", None, None).await.ok(200);
    assert_eq!(h["status"], "ok");
}
