//! `POST`/`DELETE /sessions/{id}/registration`: one seat, a queue, promotion.

use crate::common::*;
use serde_json::json;

#[actix_web::test]
async fn the_waitlisted_teacher_moves_up_when_a_seat_is_freed() {
    let app = TestApp::new().await;
    let coord = app.login(COORDINATOR).await;
    let tutor = app.login(TUTOR).await;
    let teacher = app.login(TEACHER).await;
    let (m, _) = app.municipalities(&coord).await.remove(0);
    let school = app.school_id(&coord, &m, "МОБУ СОШ № 7").await;
    create_user(
        &app,
        &coord,
        user(
            "second@x.ru",
            "Голубева Анна Сергеевна",
            "teacher",
            &m,
            Some(&school),
        ),
    )
    .await;
    let second = app.login("second@x.ru").await;
    let mut body = remote_session("group_consultation", "Одно место", 30, 31);
    body["seats"] = json!(1);
    let s = plan_session(&app, &tutor, body).await;
    let path = format!(
        "/api/v1/sessions/{}/registration",
        s["id"].as_str().unwrap()
    );

    let d = app.post(&path, &teacher, json!({})).await.ok(200);
    assert_eq!(d["my_registration"], "registered");
    let d = app.post(&path, &second, json!({})).await.ok(200);
    assert_eq!(d["my_registration"], "waitlisted");
    let queued: Vec<_> = d["registrations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["full_name"] == "Голубева Анна Сергеевна")
        .collect();
    assert_eq!(queued.len(), 1, "{d}");
    assert_eq!(queued[0]["waitlist_position"], 1);
    // Once in the queue is enough.
    assert_eq!(app.post(&path, &second, json!({})).await.status, 409);

    // The registered teacher withdraws: the first in the queue takes the seat and is told.
    app.delete(&path, &teacher).await.ok(200);
    let d = app
        .get(
            &format!("/api/v1/sessions/{}", s["id"].as_str().unwrap()),
            &second,
        )
        .await
        .ok(200);
    assert_eq!(d["my_registration"], "registered");
    let inbox = app.get("/api/v1/notifications", &second).await.ok(200);
    assert!(inbox["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n["kind"] == "waitlist_promoted"));
}
