//! `GET /dashboard` counts requests by status in the coordinator's own municipality.

use crate::common::*;
use serde_json::Value;
use tutornet_domain::community::RequestStatus;

fn count(dash: &Value, key: &str) -> i64 {
    dash["requests_by_status"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["key"] == key)
        .unwrap_or_else(|| panic!("no {key} in {dash}"))["count"]
        .as_i64()
        .unwrap()
}

#[actix_web::test]
async fn requests_by_status_count_the_own_municipality_only() {
    let app = TestApp::new().await;
    let coord = app.login(COORDINATOR).await;
    let admin = app.login(ADMIN).await;
    let far = far_coordinator(&app, &admin).await;
    let before = app.get("/api/v1/dashboard", &coord).await.ok(200);
    // Every status, in workflow order, with its Russian label; stale after 3 days by default.
    let keys: Vec<(&str, &str)> = before["requests_by_status"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["key"].as_str().unwrap(), c["label"].as_str().unwrap()))
        .collect();
    let want: Vec<(&str, &str)> = RequestStatus::ALL
        .iter()
        .map(|s| (s.as_str(), s.label_ru()))
        .collect();
    assert_eq!(keys, want);
    assert_eq!(before["stale_after_days"], 3);
    let far_before = app.get("/api/v1/dashboard", &far).await.ok(200);

    let teacher = app.login(TEACHER).await;
    let math = subject_id(&app, &teacher, "Математика").await;
    file_request(&app, &teacher, &math).await;
    let after = app.get("/api/v1/dashboard", &coord).await.ok(200);
    assert_eq!(count(&after, "new"), count(&before, "new") + 1);
    assert_eq!(count(&after, "done"), count(&before, "done"));
    // The other municipality's coordinator does not see it.
    let far_after = app.get("/api/v1/dashboard", &far).await.ok(200);
    assert_eq!(count(&far_after, "new"), count(&far_before, "new"));
    assert_eq!(
        app.get("/api/v1/dashboard?stale_days=0", &coord)
            .await
            .ok(200)["stale_after_days"],
        0
    );
}
