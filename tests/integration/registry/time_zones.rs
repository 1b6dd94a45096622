//! Time zones: a region's and a municipality's own (IANA), and every date and time the
//! server writes for a place in its zone — notifications, conflict messages, `me` — also
//! around midnight, where the local date is not the server's (UTC) one.

use crate::common::*;
use serde_json::json;

#[actix_web::test]
async fn server_texts_are_in_the_places_zone() {
    let app = TestApp::new().await;
    let admin = app.login(ADMIN).await;
    let coord = app.login(COORDINATOR).await;
    let tutor = app.login(TUTOR).await;

    // The demo region keeps Moscow time; its municipality moves to Yekaterinburg (+5).
    let regions = app.get("/api/v1/regions", &admin).await.ok(200);
    assert_eq!(items(&regions)[0]["time_zone"], "Europe/Moscow");
    let m = municipality_by_name(&app, &admin, "Лесогорский").await;
    let cur = app
        .get(&format!("/api/v1/municipalities/{m}"), &admin)
        .await
        .ok(200);
    assert_eq!(cur["time_zone"], serde_json::Value::Null);
    assert_eq!(cur["effective_time_zone"], "Europe/Moscow");
    let path = format!("/api/v1/municipalities/{m}");
    let bad = app
        .put(
            &path,
            &admin,
            json!({"name": cur["name"], "time_zone": "Europe/Atlantis", "version": cur["version"]}),
        )
        .await;
    assert_eq!(bad.status, 422);
    assert_eq!(bad.field_errors(), vec!["time_zone"]);
    let moved = app
        .put(
            &path,
            &admin,
            json!({"name": cur["name"], "time_zone": "Asia/Yekaterinburg", "version": cur["version"]}),
        )
        .await
        .ok(200);
    assert_eq!(moved["effective_time_zone"], "Asia/Yekaterinburg");
    let me = app.get("/api/v1/auth/me", &tutor).await.ok(200);
    assert_eq!(me["time_zone"], "Asia/Yekaterinburg");

    // 20:30–21:30 UTC on 16 March is 01:30–02:30 on 17 March in Yekaterinburg.
    let tutor_id = me["id"].as_str().unwrap();
    let body = json!({"form": "master_class", "title": "Поздний мастер-класс", "format": "in_person",
        "place": "ИМЦ, каб. 7", "audience": "teachers", "tutor_ids": [tutor_id],
        "starts_at": "2027-03-16T20:30:00Z", "ends_at": "2027-03-16T21:30:00Z"});
    let first = plan_session(&app, &coord, body.clone()).await;
    let inbox = app.get("/api/v1/notifications", &tutor).await.ok(200);
    let planned = items(&inbox)
        .iter()
        .find(|n| n["kind"] == "session_planned")
        .expect("the tutor is told of the new session");
    let text = planned["body"].as_str().unwrap();
    assert!(
        text.contains("«Поздний мастер-класс», 17.03.2027 01:30–02:30, ИМЦ, каб. 7"),
        "{planned}"
    );

    // A conflict names the other session by title and local time, not by id.
    let clash = app.post("/api/v1/sessions", &coord, body).await;
    assert_eq!(clash.status, 409, "{:?}", clash.body);
    assert_eq!(clash.body["conflict_id"], first["id"]);
    let detail = clash.body["detail"].as_str().unwrap();
    assert!(detail.contains("17.03.2027 01:30–02:30"), "{detail}");
    assert!(!detail.contains(first["id"].as_str().unwrap()), "{detail}");
}
