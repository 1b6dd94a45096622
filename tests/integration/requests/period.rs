//! The desired period of a request: not in a past academic year, not over already.

use crate::common::*;
use chrono::{Duration, Utc};
use serde_json::{json, Value};

fn request(from: Option<String>, to: Option<String>) -> Value {
    json!({
        "form": "individual_consultation", "topic": "Подготовка к ВПР",
        "problem": "Нужна помощь с планированием", "audience": "teachers",
        "format": "remote", "period_from": from, "period_to": to,
    })
}

#[actix_web::test]
async fn a_desired_period_in_the_past_is_a_field_error() {
    let app = TestApp::new().await;
    let teacher = app.login(TEACHER).await;
    let day = |d: i64| {
        (Utc::now() + Duration::days(d))
            .format("%Y-%m-%d")
            .to_string()
    };
    // A period of a past academic year: both ends are wrong, each says why.
    let r = app
        .post(
            "/api/v1/requests",
            &teacher,
            request(Some("2020-09-01".into()), Some("2021-05-31".into())),
        )
        .await;
    assert_eq!((r.status, r.code()), (422, "validation_failed"));
    assert_eq!(r.field_errors(), vec!["period_from", "period_to"]);
    let text = r.body["errors"][0]["message"].as_str().unwrap();
    assert!(text.contains("прошлом учебном году"), "{text}");
    // A period that ended yesterday (or earlier).
    let r = app
        .post("/api/v1/requests", &teacher, request(None, Some(day(-2))))
        .await;
    assert_eq!(r.status, 422);
    assert_eq!(r.field_errors(), vec!["period_to"]);
    assert_eq!(r.body["errors"][0]["code"], "past_period");
    // From today on, or with no period at all, is fine.
    app.post(
        "/api/v1/requests",
        &teacher,
        request(Some(day(0)), Some(day(30))),
    )
    .await
    .ok(201);
    app.post("/api/v1/requests", &teacher, request(None, None))
        .await
        .ok(201);
}
