//! Subjects: Russian order, case-insensitive uniqueness, archive.

use crate::common::*;
use serde_json::json;

#[actix_web::test]
async fn subjects_in_russian_order_unique_and_archived() {
    let app = TestApp::new().await;
    let t = app.login(ADMIN).await;
    let subjects = app.get("/api/v1/subjects", &t).await.ok(200);
    let names: Vec<&str> = subjects["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"Математика") && names.contains(&"Русский язык"));
    assert_eq!(names.first(), Some(&"Алгебра"));
    let dup = app
        .post("/api/v1/subjects", &t, json!({"name": "математика"}))
        .await;
    assert_eq!(dup.status, 422);
    let astr = app
        .post("/api/v1/subjects", &t, json!({"name": "Астрономия"}))
        .await
        .ok(201);
    let archived = app
        .delete(
            &format!("/api/v1/subjects/{}", astr["id"].as_str().unwrap()),
            &t,
        )
        .await
        .ok(200);
    assert!(archived["archived_at"].is_string());
}
