//! `GET /notifications`, `POST /notifications/{id}/read` and `/read-all`.

use crate::common::*;
use serde_json::{json, Value};

fn unread(inbox: &Value) -> i64 {
    inbox["unread"].as_i64().unwrap()
}

#[actix_web::test]
async fn a_new_request_reaches_the_coordinator_who_marks_it_read() {
    let app = TestApp::new().await;
    let coord = app.login(COORDINATOR).await;
    let teacher = app.login(TEACHER).await;
    let before = app.get("/api/v1/notifications", &coord).await.ok(200);
    let math = subject_id(&app, &teacher, "Математика").await;
    let r = file_request(&app, &teacher, &math).await;

    // Newest first: the coordinator is told about the new request.
    let inbox = app.get("/api/v1/notifications", &coord).await.ok(200);
    assert_eq!(unread(&inbox), unread(&before) + 1);
    let n = inbox["items"][0].clone();
    assert_eq!(n["kind"], "request_new");
    assert_eq!(n["title"], "Новая заявка");
    assert_eq!(
        n["link"],
        format!("/requests/{}", r["id"].as_str().unwrap()).as_str()
    );
    assert_eq!(n["read"], false);
    let only_unread = app
        .get("/api/v1/notifications?unread=true", &coord)
        .await
        .ok(200);
    assert!(items(&only_unread).iter().any(|x| x["id"] == n["id"]));

    // Someone else's notification, or an unknown one, is not found.
    let read = format!("/api/v1/notifications/{}/read", n["id"].as_str().unwrap());
    assert_eq!(app.post(&read, &teacher, json!({})).await.status, 404);
    assert_eq!(
        app.post("/api/v1/notifications/nope/read", &coord, json!({}))
            .await
            .status,
        404
    );
    // Marked read: counted no more, listed as read, gone from the unread list; again is fine.
    assert_eq!(app.post(&read, &coord, json!({})).await.status, 204);
    let inbox = app.get("/api/v1/notifications", &coord).await.ok(200);
    assert_eq!(unread(&inbox), unread(&before));
    let same = items(&inbox)
        .iter()
        .find(|x| x["id"] == n["id"])
        .unwrap()
        .clone();
    assert_eq!(same["read"], true);
    let only_unread = app
        .get("/api/v1/notifications?unread=true", &coord)
        .await
        .ok(200);
    assert!(items(&only_unread)
        .iter()
        .all(|x| x["id"] != n["id"] && x["read"] == false));
    assert_eq!(app.post(&read, &coord, json!({})).await.status, 204);
}

#[actix_web::test]
async fn read_all_empties_only_the_callers_unread_count() {
    let app = TestApp::new().await;
    let coord = app.login(COORDINATOR).await;
    let teacher = app.login(TEACHER).await;
    let math = subject_id(&app, &teacher, "Математика").await;
    file_request(&app, &teacher, &math).await;
    file_request(&app, &teacher, &math).await;
    assert!(unread(&app.get("/api/v1/notifications", &coord).await.ok(200)) >= 2);
    let teacher_before = unread(&app.get("/api/v1/notifications", &teacher).await.ok(200));
    assert_eq!(
        app.post("/api/v1/notifications/read-all", &coord, json!({}))
            .await
            .status,
        204
    );
    let inbox = app.get("/api/v1/notifications", &coord).await.ok(200);
    assert_eq!(unread(&inbox), 0);
    assert!(inbox["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|x| x["read"] == true));
    assert_eq!(
        unread(&app.get("/api/v1/notifications", &teacher).await.ok(200)),
        teacher_before
    );
}
