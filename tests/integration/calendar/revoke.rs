//! `DELETE /calendar/feeds/{id}` is the owner's, once; the municipal feed carries the
//! municipality's sessions.

use crate::common::*;
use serde_json::json;

/// The feed's text, unfolded (RFC 5545 folds long lines).
async fn ics(app: &TestApp, url: &str) -> (u16, String) {
    let mut res = app.srv.get(url).send().await.unwrap();
    let body = String::from_utf8(res.body().await.unwrap().to_vec())
        .unwrap()
        .replace("\r\n ", "");
    (res.status().as_u16(), body)
}

#[actix_web::test]
async fn only_the_owner_revokes_and_only_once() {
    let app = TestApp::new().await;
    let tutor = app.login(TUTOR).await;
    let coord = app.login(COORDINATOR).await;
    let feed = new_feed(&app, &tutor).await;
    let url = feed["url"].as_str().unwrap();
    assert!(
        url.starts_with("/api/v1/calendar/") && url.ends_with(".ics"),
        "{url}"
    );
    let del = format!("/api/v1/calendar/feeds/{}", feed["id"].as_str().unwrap());
    // Someone else cannot revoke it (and it keeps working).
    assert_eq!(app.delete(&del, &coord).await.status, 404);
    assert_eq!(app.call("GET", url, None, None).await.status, 200);
    // Without `.ics` the token is not a feed.
    assert_eq!(
        app.call("GET", url.trim_end_matches(".ics"), None, None)
            .await
            .status,
        404
    );
    assert_eq!(app.delete(&del, &tutor).await.status, 204);
    assert_eq!(app.delete(&del, &tutor).await.status, 404);
    assert_eq!(app.call("GET", url, None, None).await.status, 404);
    assert_eq!(
        app.delete("/api/v1/calendar/feeds/nope", &tutor)
            .await
            .status,
        404
    );
}

#[actix_web::test]
async fn the_municipal_feed_has_the_tutors_sessions() {
    let app = TestApp::new().await;
    let tutor = app.login(TUTOR).await;
    let coord = app.login(COORDINATOR).await;
    plan_session(
        &app,
        &tutor,
        remote_session("tutorial", "Тьюториал для муниципальной ленты", 30, 31),
    )
    .await;
    let feed = app
        .post("/api/v1/calendar/feeds", &coord, json!({"municipal": true}))
        .await
        .ok(201);
    let (status, body) = ics(&app, feed["url"].as_str().unwrap()).await;
    assert_eq!(status, 200);
    assert!(body.starts_with("BEGIN:VCALENDAR"), "{body}");
    assert!(body.contains("Тьюториал для муниципальной ленты"), "{body}");
}
