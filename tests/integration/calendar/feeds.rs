//! `POST /calendar/feeds`, `GET /calendar/{token}.ics`, `DELETE /calendar/feeds/{id}`.

use crate::common::*;
use serde_json::json;

#[actix_web::test]
async fn ical_feeds_are_secret_and_revocable() {
    let app = TestApp::new().await;
    let tutor = app.login(TUTOR).await;
    app.post(
        "/api/v1/sessions",
        &tutor,
        json!({"form": "tutorial", "title": "Тьюториал для учителей физики", "starts_at": at(30), "ends_at": at(31), "format": "remote", "online_link": "https://meet.example/abc", "audience": "teachers"}),
    )
    .await
    .ok(201);
    let feed = app
        .post("/api/v1/calendar/feeds", &tutor, json!({}))
        .await
        .ok(201);
    let url = feed["url"].as_str().unwrap();
    let mut res = app.srv.get(url).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 200);
    assert!(res
        .headers()
        .get("content-type")
        .unwrap()
        .to_str()
        .unwrap()
        .starts_with("text/calendar"));
    // Unfold RFC 5545 folded lines before looking for text.
    let body = String::from_utf8(res.body().await.unwrap().to_vec())
        .unwrap()
        .replace("\r\n ", "");
    assert!(body.starts_with("BEGIN:VCALENDAR"), "{body}");
    assert!(body.contains("Тьюториал для учителей физики"), "{body}");
    // Municipal feeds are for coordinators.
    assert_eq!(
        app.post("/api/v1/calendar/feeds", &tutor, json!({"municipal": true}))
            .await
            .status,
        403
    );
    let coord = app.login(COORDINATOR).await;
    app.post("/api/v1/calendar/feeds", &coord, json!({"municipal": true}))
        .await
        .ok(201);
    // Revoked: the URL stops working; a guessed token never worked.
    assert_eq!(
        app.delete(
            &format!("/api/v1/calendar/feeds/{}", feed["id"].as_str().unwrap()),
            &tutor
        )
        .await
        .status,
        204
    );
    assert_eq!(app.call("GET", url, None, None).await.status, 404);
    assert_eq!(
        app.call("GET", "/api/v1/calendar/guess.ics", None, None)
            .await
            .status,
        404
    );
}
