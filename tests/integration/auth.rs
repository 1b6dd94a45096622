//! Logging in, tokens, refresh rotation, throttling, passwords.

use crate::common::*;
use serde_json::json;

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
        .call(
            "POST",
            "/api/v1/auth/login",
            None,
            Some(json!({"email": " Coordinator@Tutornet.LOCAL ", "password": PASSWORD})),
        )
        .await;
    assert_eq!(r.status, 200);

    let r = app
        .call(
            "POST",
            "/api/v1/auth/login",
            None,
            Some(json!({"email": COORDINATOR, "password": "wrong-password"})),
        )
        .await;
    assert_eq!(r.status, 401);
    assert_eq!(r.code(), "invalid_credentials");
    let r = app
        .call(
            "POST",
            "/api/v1/auth/login",
            None,
            Some(json!({"email": "nobody@x.ru", "password": "wrong-password"})),
        )
        .await;
    assert_eq!(r.status, 401);
    let r = app
        .call(
            "POST",
            "/api/v1/auth/login",
            None,
            Some(json!({"email": "", "password": ""})),
        )
        .await;
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
async fn repeated_failures_are_throttled() {
    let app = TestApp::with(|c| c.login_max_failures_account = 3).await;
    for _ in 0..3 {
        let r = app
            .call(
                "POST",
                "/api/v1/auth/login",
                None,
                Some(json!({"email": TUTOR, "password": "wrong-password"})),
            )
            .await;
        assert_eq!(r.status, 401);
    }
    // Even the right password is refused now.
    let r = app
        .call(
            "POST",
            "/api/v1/auth/login",
            None,
            Some(json!({"email": TUTOR, "password": PASSWORD})),
        )
        .await;
    assert_eq!(r.status, 429);
    assert_eq!(r.code(), "too_many_attempts");
    let retry: i64 = r
        .header("retry-after")
        .expect("Retry-After")
        .parse()
        .unwrap();
    assert!(retry > 0 && retry <= 900, "{retry}");
    // Another account is not affected.
    assert_eq!(app.login_full(TEACHER).await["user"]["role"], "teacher");
}

#[actix_web::test]
async fn throttled_per_ip() {
    let app = TestApp::with(|c| c.login_max_failures_ip = 4).await;
    for i in 0..4 {
        let r = app
            .call(
                "POST",
                "/api/v1/auth/login",
                None,
                Some(json!({"email": format!("u{i}@x.ru"), "password": "wrong-password"})),
            )
            .await;
        assert_eq!(r.status, 401);
    }
    let r = app
        .call(
            "POST",
            "/api/v1/auth/login",
            None,
            Some(json!({"email": TEACHER, "password": PASSWORD})),
        )
        .await;
    assert_eq!(r.status, 429);
}

#[actix_web::test]
async fn refresh_rotates_and_reuse_revokes_the_family() {
    let app = TestApp::new().await;
    let first = app.login_full(TUTOR).await;
    let r1 = first["refresh_token"].as_str().unwrap().to_string();

    let second = app
        .call(
            "POST",
            "/api/v1/auth/refresh",
            None,
            Some(json!({"refresh_token": r1})),
        )
        .await
        .ok(200);
    let r2 = second["refresh_token"].as_str().unwrap().to_string();
    assert_ne!(r1, r2);
    assert_eq!(
        app.get("/api/v1/auth/me", second["access_token"].as_str().unwrap())
            .await
            .status,
        200
    );

    // Reusing r1 (already rotated) is refused and ends the session: r2 dies too.
    let r = app
        .call(
            "POST",
            "/api/v1/auth/refresh",
            None,
            Some(json!({"refresh_token": r1})),
        )
        .await;
    assert_eq!(r.status, 401);
    assert_eq!(r.code(), "refresh_token_reused");
    let r = app
        .call(
            "POST",
            "/api/v1/auth/refresh",
            None,
            Some(json!({"refresh_token": r2})),
        )
        .await;
    assert_eq!(r.status, 401);

    // The cookie works like the body, and logout revokes.
    let third = app.login_full(TUTOR).await;
    let r3 = third["refresh_token"].as_str().unwrap().to_string();
    let mut res = app
        .srv
        .post("/api/v1/auth/refresh")
        .insert_header(("Cookie", format!("tutornet_refresh={r3}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    let set_cookie = res
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        set_cookie.contains("HttpOnly") && set_cookie.contains("Path=/api/v1/auth"),
        "{set_cookie}"
    );
    let body: serde_json::Value = serde_json::from_slice(&res.body().await.unwrap()).unwrap();
    let r4 = body["refresh_token"].as_str().unwrap().to_string();
    assert_eq!(
        app.call(
            "POST",
            "/api/v1/auth/logout",
            None,
            Some(json!({"refresh_token": r4}))
        )
        .await
        .status,
        204
    );
    assert_eq!(
        app.call(
            "POST",
            "/api/v1/auth/refresh",
            None,
            Some(json!({"refresh_token": r4}))
        )
        .await
        .status,
        401
    );
    assert_eq!(
        app.call("POST", "/api/v1/auth/refresh", None, Some(json!({})))
            .await
            .status,
        401
    );
}

#[actix_web::test]
async fn own_password_change() {
    let app = TestApp::new().await;
    let login = app.login_full(TEACHER).await;
    let t = login["access_token"].as_str().unwrap();
    let old_refresh = login["refresh_token"].as_str().unwrap();

    let r = app
        .post(
            "/api/v1/auth/password",
            t,
            json!({"current_password": "not-it-at-all", "new_password": "a-new-password-2"}),
        )
        .await;
    assert_eq!(r.status, 422);
    assert_eq!(r.field_errors(), vec!["current_password"]);
    let r = app
        .post(
            "/api/v1/auth/password",
            t,
            json!({"current_password": PASSWORD, "new_password": "short"}),
        )
        .await;
    assert_eq!(r.field_errors(), vec!["new_password"]);

    let ok = app
        .post(
            "/api/v1/auth/password",
            t,
            json!({"current_password": PASSWORD, "new_password": "a-new-password-2"}),
        )
        .await
        .ok(200);
    assert!(ok["access_token"].is_string());
    // Old sessions end; the new password works, the old one does not.
    assert_eq!(
        app.call(
            "POST",
            "/api/v1/auth/refresh",
            None,
            Some(json!({"refresh_token": old_refresh}))
        )
        .await
        .status,
        401
    );
    let r = app
        .call(
            "POST",
            "/api/v1/auth/login",
            None,
            Some(json!({"email": TEACHER, "password": PASSWORD})),
        )
        .await;
    assert_eq!(r.status, 401);
    let r = app
        .call(
            "POST",
            "/api/v1/auth/login",
            None,
            Some(json!({"email": TEACHER, "password": "a-new-password-2"})),
        )
        .await;
    assert_eq!(r.status, 200);
}

#[actix_web::test]
async fn deactivated_user_is_locked_out_at_once() {
    let app = TestApp::new().await;
    let coord = app.login(COORDINATOR).await;
    let tutor = app.login(TUTOR).await;
    let me = app.get("/api/v1/auth/me", &tutor).await.ok(200);
    let id = me["id"].as_str().unwrap();
    let mut u = app
        .get(&format!("/api/v1/users/{id}"), &coord)
        .await
        .ok(200);
    u["active"] = json!(false);
    let update = json!({
        "email": u["email"], "full_name": u["full_name"], "role": u["role"],
        "municipality_id": u["municipality_id"], "school_id": u["school_id"],
        "position": u["position"], "active": false, "version": u["version"],
    });
    app.put(&format!("/api/v1/users/{id}"), &coord, update)
        .await
        .ok(200);
    assert_eq!(app.get("/api/v1/auth/me", &tutor).await.status, 401);
    let r = app
        .call(
            "POST",
            "/api/v1/auth/login",
            None,
            Some(json!({"email": TUTOR, "password": PASSWORD})),
        )
        .await;
    assert_eq!(r.status, 401);
}

#[actix_web::test]
async fn health_is_public() {
    let app = TestApp::new().await;
    let h = app.call("GET", "/api/v1/health", None, None).await.ok(200);
    assert_eq!(h["status"], "ok");
}
