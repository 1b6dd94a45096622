//! `POST /auth/refresh` and `/auth/logout`: rotation, reuse detection, the cookie.

use crate::common::*;
use serde_json::json;

#[actix_web::test]
async fn refresh_rotates_and_reuse_revokes_the_family() {
    let app = TestApp::new().await;
    let first = app.login_full(TUTOR).await;
    let r1 = first["refresh_token"].as_str().unwrap().to_string();

    let second = app.refresh(json!({"refresh_token": r1})).await.ok(200);
    let r2 = second["refresh_token"].as_str().unwrap().to_string();
    assert_ne!(r1, r2);
    assert_eq!(
        app.get("/api/v1/auth/me", second["access_token"].as_str().unwrap())
            .await
            .status,
        200
    );

    // Reusing r1 (already rotated) is refused and ends the session: r2 dies too.
    let r = app.refresh(json!({"refresh_token": r1})).await;
    assert_eq!(r.status, 401);
    assert_eq!(r.code(), "refresh_token_reused");
    let r = app.refresh(json!({"refresh_token": r2})).await;
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
    assert_eq!(app.refresh(json!({"refresh_token": r4})).await.status, 401);
    assert_eq!(app.refresh(json!({})).await.status, 401);
}
