//! The feed's STATUS: a planned session is CONFIRMED (a scheduled consultation is
//! confirmed in its users' sense), a cancelled one stays in the feed as CANCELLED so
//! that calendars remove it.

use crate::common::*;
use serde_json::json;

/// The VEVENT block of the session `id` in the feed text.
fn event<'a>(body: &'a str, id: &str) -> &'a str {
    let uid = format!("UID:{id}@tutornet");
    let at = body
        .find(&uid)
        .unwrap_or_else(|| panic!("{uid} not in {body}"));
    let start = body[..at].rfind("BEGIN:VEVENT").unwrap();
    let end = at + body[at..].find("END:VEVENT").unwrap();
    &body[start..end]
}

#[actix_web::test]
async fn planned_is_confirmed_and_cancelled_stays_as_cancelled() {
    let app = TestApp::new().await;
    let tutor = app.login(TUTOR).await;
    let kept = plan_session(
        &app,
        &tutor,
        remote_session("tutorial", "Состоится", 30, 31),
    )
    .await;
    let gone = plan_session(
        &app,
        &tutor,
        remote_session("tutorial", "Отменится", 33, 34),
    )
    .await;
    let gid = gone["id"].as_str().unwrap();
    app.post(
        &format!("/api/v1/sessions/{gid}/cancel"),
        &tutor,
        json!({"reason": "Болезнь тьютора", "version": gone["version"]}),
    )
    .await
    .ok(200);
    let feed = new_feed(&app, &tutor).await;
    let mut res = app
        .srv
        .get(feed["url"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    let body = String::from_utf8(res.body().await.unwrap().to_vec())
        .unwrap()
        .replace("\r\n ", "");
    let planned = event(&body, kept["id"].as_str().unwrap());
    assert!(planned.contains("STATUS:CONFIRMED"), "{planned}");
    assert!(!body.contains("STATUS:TENTATIVE"), "{body}");
    let cancelled = event(&body, gid);
    assert!(cancelled.contains("STATUS:CANCELLED"), "{cancelled}");
    assert!(cancelled.contains("Отменится"), "{cancelled}");
}
