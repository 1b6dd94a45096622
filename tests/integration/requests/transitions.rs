//! `POST /requests/{id}/transitions`: decline needs a reason, a closed request takes
//! no action, only the requester withdraws, and a stale version is refused.

use crate::common::*;
use serde_json::json;

#[actix_web::test]
async fn declined_is_closed_and_only_the_requester_cancels() {
    let app = TestApp::new().await;
    let teacher = app.login(TEACHER).await;
    let coord = app.login(COORDINATOR).await;
    let math = subject_id(&app, &teacher, "Математика").await;

    // Declining needs a reason; a declined request takes no further action.
    let r = file_request(&app, &teacher, &math).await;
    let id = r["id"].as_str().unwrap();
    let no_reason = step(&app, &coord, id, json!({"action": "decline", "version": 1})).await;
    assert_eq!(no_reason.status, 422);
    assert_eq!(no_reason.field_errors(), vec!["comment"]);
    let d = step(
        &app,
        &coord,
        id,
        json!({"action": "decline", "comment": "Нет свободных тьюторов по предмету", "version": 1}),
    )
    .await
    .ok(200);
    assert_eq!(d["status"], "declined");
    let closed = step(
        &app,
        &teacher,
        id,
        json!({"action": "cancel", "version": d["version"]}),
    )
    .await;
    assert_eq!(closed.status, 409);
    assert_eq!(closed.code(), "invalid_transition");
    assert!(
        closed.body["detail"]
            .as_str()
            .unwrap()
            .contains("заявка закрыта"),
        "{}",
        closed.body
    );

    // Withdrawing is the requester's: not the coordinator's, not with a stale version.
    let r = file_request(&app, &teacher, &math).await;
    let id = r["id"].as_str().unwrap();
    assert_eq!(
        step(&app, &coord, id, json!({"action": "cancel", "version": 1}))
            .await
            .status,
        403
    );
    let stale = step(
        &app,
        &teacher,
        id,
        json!({"action": "cancel", "version": 99}),
    )
    .await;
    assert_eq!((stale.status, stale.code()), (409, "version_conflict"));
    let c = step(
        &app,
        &teacher,
        id,
        json!({"action": "cancel", "version": 1}),
    )
    .await
    .ok(200);
    assert_eq!(c["status"], "cancelled");
    let statuses: Vec<&str> = c["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["to_status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, vec!["new", "cancelled"]);
}
