//! The region: one, renamed with its version.

use crate::common::*;
use serde_json::json;

#[actix_web::test]
async fn the_region_is_renamed_with_its_version() {
    let app = TestApp::new().await;
    let t = app.login(ADMIN).await;
    let regions = app.get("/api/v1/regions", &t).await.ok(200);
    assert_eq!(regions["total"], 1);
    let r = &regions["items"][0];
    let updated = app
        .put(
            &format!("/api/v1/regions/{}", r["id"].as_str().unwrap()),
            &t,
            json!({"name": "Южный край", "code": "93", "version": r["version"]}),
        )
        .await
        .ok(200);
    assert_eq!(updated["version"], r["version"].as_i64().unwrap() + 1);
    // The same values again change nothing: no new version.
    let same = app
        .put(
            &format!("/api/v1/regions/{}", r["id"].as_str().unwrap()),
            &t,
            json!({"name": "Южный край", "code": "93", "version": updated["version"]}),
        )
        .await
        .ok(200);
    assert_eq!(same["version"], updated["version"]);
}
