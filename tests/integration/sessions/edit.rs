//! `GET`/`PUT /sessions/{id}`: versions, and a cancelled session stays as it was.

use crate::common::*;
use serde_json::json;

#[actix_web::test]
async fn edits_need_the_current_version_and_a_planned_session() {
    let app = TestApp::new().await;
    let tutor = app.login(TUTOR).await;
    let body = remote_session("tutorial", "Тьюториал: версии", 40, 41);
    let s = plan_session(&app, &tutor, body.clone()).await;
    let path = format!("/api/v1/sessions/{}", s["id"].as_str().unwrap());
    assert_eq!(s["version"], 1);
    assert_eq!(
        app.get("/api/v1/sessions/does-not-exist", &tutor)
            .await
            .status,
        404
    );

    let mut edit = body.clone();
    edit["title"] = json!("Тьюториал: версии (новое название)");
    edit["version"] = json!(1);
    let e = app.put(&path, &tutor, edit.clone()).await.ok(200);
    assert_eq!(e["version"], 2);
    assert_eq!(e["title"], "Тьюториал: версии (новое название)");
    // The same stale edit again: 409; without a version: 422.
    let r = app.put(&path, &tutor, edit.clone()).await;
    assert_eq!((r.status, r.code()), (409, "version_conflict"));
    let r = app.put(&path, &tutor, body).await;
    assert_eq!(r.field_errors(), vec!["version"]);
    assert_eq!(
        app.get(&path, &tutor).await.ok(200)["title"],
        "Тьюториал: версии (новое название)"
    );

    // Cancelled: no more edits.
    let c = app
        .post(
            &format!("{path}/cancel"),
            &tutor,
            json!({"reason": "Тьютор заболел", "version": 2}),
        )
        .await
        .ok(200);
    assert_eq!(c["status"], "cancelled");
    edit["version"] = c["version"].clone();
    let r = app.put(&path, &tutor, edit).await;
    assert_eq!((r.status, r.code()), (409, "not_planned"));
}
