//! The dashboard flags open requests with no status change for `stale_days` days.

use crate::common::*;
use serde_json::json;

/// The dashboard flags open requests with no status change for `stale_days` days.
#[actix_web::test]
async fn dashboard_flags_stale_requests() {
    let app = TestApp::new().await;
    let teacher = app.login(TEACHER).await;
    let coord = app.login(COORDINATOR).await;
    let math = subject_id(&app, &teacher, "Математика").await;
    let r = file_request(&app, &teacher, &math).await;
    let now = app
        .get("/api/v1/dashboard?stale_days=0", &coord)
        .await
        .ok(200);
    let stale: Vec<&str> = now["stale_requests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["id"].as_str().unwrap())
        .collect();
    assert_eq!(stale, vec![r["id"].as_str().unwrap()]);
    assert_eq!(now["stale_requests"][0]["school_name"], "МОБУ СОШ № 2");
    let later = app
        .get("/api/v1/dashboard?stale_days=3", &coord)
        .await
        .ok(200);
    assert_eq!(later["stale_requests"], json!([]));
    assert_eq!(
        app.get("/api/v1/requests?stale_days=0", &coord)
            .await
            .ok(200)["total"],
        1
    );
}
