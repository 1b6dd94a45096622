//! Academic years: one current year, dates, bounds, no deleting the current one.

use crate::common::*;
use serde_json::json;

#[actix_web::test]
async fn academic_years_one_current_and_bounded() {
    let app = TestApp::new().await;
    let t = app.login(ADMIN).await;
    assert_eq!(current_years(&app, &t).await, vec!["2026/2027"]);
    let y = app
        .post(
            "/api/v1/academic-years",
            &t,
            json!({"start_year": 2027, "is_current": true}),
        )
        .await
        .ok(201);
    assert_eq!(y["starts_on"], "2027-09-01");
    assert_eq!(y["ends_on"], "2028-08-31");
    assert_eq!(current_years(&app, &t).await, vec!["2027/2028"]);
    assert_eq!(
        app.post("/api/v1/academic-years", &t, json!({"start_year": 2027}))
            .await
            .status,
        422
    );
    assert_eq!(
        app.post("/api/v1/academic-years", &t, json!({"start_year": 1900}))
            .await
            .field_errors(),
        vec!["start_year"]
    );
    let r = app
        .delete(
            &format!("/api/v1/academic-years/{}", y["id"].as_str().unwrap()),
            &t,
        )
        .await;
    assert_eq!(r.status, 409);
}

/// Names of the years marked current.
async fn current_years(app: &TestApp, t: &str) -> Vec<String> {
    let years = app.get("/api/v1/academic-years", t).await.ok(200);
    items(&years)
        .iter()
        .filter(|y| y["is_current"] == true)
        .map(|y| y["name"].as_str().unwrap().to_string())
        .collect()
}
