//! Bad input gets a clear problem+json, never a 500, and nothing half-written stays.

use crate::common::*;
use serde_json::json;

#[actix_web::test]
async fn unknown_route_and_wrong_method() {
    let app = TestApp::new().await;
    let r = app.call("GET", "/api/v1/no-such-thing", None, None).await;
    assert_eq!(r.status, 404);
    assert_eq!(r.code(), "not_found");
    assert!(r
        .header("content-type")
        .unwrap()
        .starts_with("application/problem+json"));

    let r = app.call("PATCH", "/api/v1/schools", None, None).await;
    assert_eq!(r.status, 405);
    let allow = r.header("allow").expect("Allow header");
    assert!(allow.contains("GET") && allow.contains("POST"), "{allow}");
    assert_eq!(r.code(), "method_not_allowed");
}

#[actix_web::test]
async fn malformed_bodies_and_queries() {
    let app = TestApp::new().await;
    let t = app.login(COORDINATOR).await;
    let (m, _) = app.municipalities(&t).await.remove(0);

    // Unknown field.
    let r = app
        .post(
            "/api/v1/schools",
            &t,
            json!({"municipality_id": m, "full_name": "А", "short_name": "Б", "colour": "red"}),
        )
        .await;
    assert_eq!(r.status, 422);
    assert_eq!(r.field_errors(), vec!["colour"]);

    // Missing field.
    let r = app
        .post(
            "/api/v1/schools",
            &t,
            json!({"municipality_id": m, "full_name": "А"}),
        )
        .await;
    assert_eq!(r.status, 422);
    assert_eq!(r.field_errors(), vec!["short_name"]);

    // Wrong type.
    let r = app.post("/api/v1/schools", &t, json!({"municipality_id": m, "full_name": "А", "short_name": "Б", "is_low_results": "да"})).await;
    assert_eq!(r.status, 422);

    // Not JSON at all.
    let mut res = app
        .srv
        .post("/api/v1/schools")
        .insert_header(("Authorization", format!("Bearer {t}")))
        .insert_header(("Content-Type", "application/json"))
        .send_body("{not json")
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 400);
    let body: serde_json::Value = serde_json::from_slice(&res.body().await.unwrap()).unwrap();
    assert_eq!(body["code"], "invalid_json");

    // Too large.
    let big = "я".repeat(300 * 1024);
    let r = app
        .post(
            "/api/v1/schools",
            &t,
            json!({"municipality_id": m, "full_name": big, "short_name": "Б"}),
        )
        .await;
    assert_eq!(r.status, 413);
    assert_eq!(r.code(), "payload_too_large");

    // Query parameters.
    assert_eq!(app.get("/api/v1/schools?limit=0", &t).await.status, 422);
    assert_eq!(
        app.get("/api/v1/schools?limit=201", &t)
            .await
            .field_errors(),
        vec!["limit"]
    );
    assert_eq!(
        app.get("/api/v1/schools?cursor=garbage", &t)
            .await
            .field_errors(),
        vec!["cursor"]
    );
    assert_eq!(
        app.get("/api/v1/schools?sort=colour", &t)
            .await
            .field_errors(),
        vec!["sort"]
    );
    assert_eq!(
        app.get("/api/v1/schools?is_low_results=maybe", &t)
            .await
            .status,
        422
    );
    assert_eq!(
        app.get("/api/v1/schools?unknown=1", &t)
            .await
            .field_errors(),
        vec!["unknown"]
    );
    assert_eq!(
        app.get("/api/v1/schools/does-not-exist", &t).await.status,
        404
    );
}

#[actix_web::test]
async fn failed_writes_leave_nothing() {
    let app = TestApp::new().await;
    let t = app.login(ADMIN).await;
    let before = app.get("/api/v1/users?limit=1", &t).await.ok(200)["total"]
        .as_i64()
        .unwrap();
    let audit_before = app.get("/api/v1/audit?limit=1", &t).await.ok(200)["total"]
        .as_i64()
        .unwrap();
    // Duplicate e-mail: rejected after the place checks ran.
    let (m, _) = app.municipalities(&t).await.remove(0);
    let r = app
        .post("/api/v1/users", &t, json!({"email": "TUTOR@tutornet.local", "full_name": "Двойник", "role": "tutor", "municipality_id": m, "password": "0123456789ab"}))
        .await;
    assert_eq!(r.status, 422);
    assert_eq!(r.field_errors(), vec!["email"]);
    // Unknown school.
    let r = app
        .post("/api/v1/users", &t, json!({"email": "new@x.ru", "full_name": "Новый", "role": "teacher", "municipality_id": m, "school_id": "nope", "password": "0123456789ab"}))
        .await;
    assert_eq!(r.field_errors(), vec!["school_id"]);
    assert_eq!(
        app.get("/api/v1/users?limit=1", &t).await.ok(200)["total"]
            .as_i64()
            .unwrap(),
        before
    );
    assert_eq!(
        app.get("/api/v1/audit?limit=1", &t).await.ok(200)["total"]
            .as_i64()
            .unwrap(),
        audit_before
    );
}

#[actix_web::test]
async fn server_errors_do_not_leak() {
    // A database that cannot be reached answers 503 problem+json without internals.
    let app = TestApp::new().await;
    let t = app.login(ADMIN).await;
    let broken = TestApp::with(|c| {
        c.backend = tutornet_api::config::Backend::Sqlite;
        c.database_url = "/dev/null/nonexistent/x.db".into();
        c.pool_timeout_secs = 1;
        c.jwt_secret = app.state.config.jwt_secret.clone();
    })
    .await;
    let r = broken.get("/api/v1/schools", &t).await;
    assert!(r.status == 503 || r.status == 500, "{}", r.status);
    let text = r.body.to_string();
    assert!(
        !text.contains("nonexistent") && !text.contains("sqlite"),
        "{text}"
    );
}

/// Inputs schemathesis found turning into 500s (date arithmetic overflow, an empty
/// series); each must be a 422 naming the field.
#[actix_web::test]
async fn fuzzer_findings_are_field_errors() {
    let app = TestApp::new().await;
    let coord = app.login(COORDINATOR).await;
    let r = app
        .get("/api/v1/requests?stale_days=9223372036854775807", &coord)
        .await;
    assert_eq!(r.field_errors(), vec!["stale_days"]);
    let backwards = json!({"form": "tutorial", "title": "т", "starts_at": "2026-12-10T10:00:00Z", "ends_at": "2026-12-10T11:00:00Z",
                           "format": "remote", "online_link": "https://meet.example/x", "audience": "teachers", "recurrence": "weekly", "repeat_until": "2026-12-01"});
    let tutor = app.login(TUTOR).await;
    assert_eq!(
        app.post("/api/v1/sessions", &tutor, backwards)
            .await
            .field_errors(),
        vec!["repeat_until"]
    );
}
