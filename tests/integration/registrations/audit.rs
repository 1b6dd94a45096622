//! Registering for a session and cancelling it are audited.

use crate::common::*;
use serde_json::json;

#[actix_web::test]
async fn registration_and_its_cancellation_leave_audit_entries() {
    let app = TestApp::new().await;
    let tutor = app.login(TUTOR).await;
    let teacher = app.login(TEACHER).await;
    let coord = app.login(COORDINATOR).await;
    let s = plan_session(
        &app,
        &tutor,
        remote_session("group_consultation", "Разбор ВПР", 30, 31),
    )
    .await;
    let id = s["id"].as_str().unwrap();
    let path = format!("/api/v1/sessions/{id}/registration");
    app.post(&path, &teacher, json!({})).await.ok(200);
    app.delete(&path, &teacher).await.ok(200);
    let actions = actions(&audit_of(&app, &coord, id).await);
    assert!(actions.iter().any(|a| a == "register"), "{actions:?}");
    assert!(actions.iter().any(|a| a == "unregister"), "{actions:?}");
}
