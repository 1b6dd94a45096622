//! `POST /auth/password`, and a deactivated account locked out at once.

use crate::common::*;
use serde_json::json;

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
        app.refresh(json!({"refresh_token": old_refresh}))
            .await
            .status,
        401
    );
    let r = app.try_login(TEACHER, PASSWORD).await;
    assert_eq!(r.status, 401);
    let r = app.try_login(TEACHER, "a-new-password-2").await;
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
    let r = app.try_login(TUTOR, PASSWORD).await;
    assert_eq!(r.status, 401);
}
