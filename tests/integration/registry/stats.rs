//! `GET /stats` counts the caller's scope.

use crate::common::*;

#[actix_web::test]
async fn stats_count_the_scope() {
    let app = TestApp::new().await;
    let admin = app
        .get("/api/v1/stats", &app.login(ADMIN).await)
        .await
        .ok(200);
    assert_eq!(admin["schools"], 20);
    assert_eq!(admin["municipalities"], 2);
    assert_eq!(admin["users"], 6);
    assert_eq!(admin["current_academic_year"], "2026/2027");
    let coord = app
        .get("/api/v1/stats", &app.login(COORDINATOR).await)
        .await
        .ok(200);
    assert_eq!(coord["schools"], 12);
    assert_eq!(coord["low_results_schools"], 6);
    assert_eq!(coord["mentor_schools"], 2);
    assert_eq!(coord["users"], 5);
    let teacher = app
        .get("/api/v1/stats", &app.login(TEACHER).await)
        .await
        .ok(200);
    assert_eq!(teacher["schools"], 1);
    assert_eq!(teacher["users"], 0);
}
