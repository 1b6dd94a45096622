//! Creating and revoking a feed leave audit entries, and the secret stays out of them.

use crate::common::*;
use serde_json::json;

#[actix_web::test]
async fn feeds_are_audited_without_their_secret() {
    let app = TestApp::new().await;
    let tutor = app.login(TUTOR).await;
    let coord = app.login(COORDINATOR).await;
    let feed = app
        .post("/api/v1/calendar/feeds", &tutor, json!({}))
        .await
        .ok(201);
    let id = feed["id"].as_str().unwrap();
    app.delete(&format!("/api/v1/calendar/feeds/{id}"), &tutor)
        .await
        .ok(204);
    let log = app
        .get(&format!("/api/v1/audit?entity_id={id}"), &coord)
        .await
        .ok(200);
    let actions: Vec<&str> = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions.len(), 2, "{log}");
    assert!(actions.contains(&"feed_create") && actions.contains(&"feed_revoke"));
    assert!(log["items"][0]["entity"] == "calendar_feed");
    let token = feed["url"]
        .as_str()
        .unwrap()
        .trim_start_matches("/api/v1/calendar/")
        .trim_end_matches(".ics");
    assert!(
        !log.to_string().contains(token),
        "the secret leaked into the audit log"
    );
}
