//! A request answered by a series: done when the series is, or when the coordinator
//! closes it; it is scheduled only into sessions its assigned tutor holds.

use crate::common::*;
use serde_json::{json, Value};

/// A new teacher request accepted with the demo tutor assigned.
async fn accepted(app: &TestApp, w: &World) -> (Value, String) {
    let teacher = app.login(TEACHER).await;
    let coord = app.login(COORDINATOR).await;
    let r = file_request(app, &teacher, &w.math).await;
    let id = r["id"].as_str().unwrap().to_string();
    let tutor = app.login(TUTOR).await;
    let tutor_id = app.me(&tutor).await["id"].as_str().unwrap().to_string();
    let r = step(
        app,
        &coord,
        &id,
        json!({"action": "accept", "tutor_user_id": tutor_id, "version": 1}),
    )
    .await
    .ok(200);
    (r, tutor_id)
}

/// The start (hours from `now`) of a weekly pair whose two dates fall in a school quarter:
/// `slot` itself unless that pair touches the holidays (01.01–08.01, the summer), where a
/// series skips its dates; then the pair moves a week at a time, back for a past slot,
/// forward for a future one.
fn term_pair(now: chrono::DateTime<chrono::Utc>, slot: i64) -> i64 {
    let in_term = |h: i64| {
        let d = (now + chrono::Duration::hours(h)).date_naive();
        tutornet_domain::community::quarter_of(d).is_some()
    };
    let step = if slot < 0 { -24 * 7 } else { 24 * 7 };
    let mut slot = slot;
    while !(in_term(slot) && in_term(slot + 24 * 7)) {
        slot += step;
    }
    slot
}

#[test]
fn the_pair_stays_in_term_on_every_day_of_the_year() {
    use chrono::TimeZone;
    let first = chrono::Utc.with_ymd_and_hms(2026, 9, 1, 9, 0, 0).unwrap();
    for day in 0..366 {
        let now = first + chrono::Duration::days(day);
        for slot in [-2, 2] {
            let s = term_pair(now, slot);
            assert_eq!(s.signum(), slot.signum(), "{now}: {slot} -> {s}");
            for h in [s, s + 24 * 7] {
                let d = (now + chrono::Duration::hours(h)).date_naive();
                assert!(
                    tutornet_domain::community::quarter_of(d).is_some(),
                    "{now}: {d}"
                );
            }
        }
    }
    // In the New Year window the past pair goes back to December.
    let jan3 = chrono::Utc.with_ymd_and_hms(2027, 1, 3, 12, 0, 0).unwrap();
    let s = term_pair(jan3, -2);
    let d = (jan3 + chrono::Duration::hours(s)).date_naive();
    assert_eq!(d.format("%m").to_string(), "12");
}

/// A weekly series of two (started two hours ago, then a week later) answering `rid`,
/// both dates in a school quarter whatever today is (see `term_pair`).
async fn weekly(app: &TestApp, token: &str, rid: &str, slot: i64) -> Vec<Value> {
    let slot = term_pair(chrono::Utc::now(), slot);
    let mut b = remote_session("group_consultation", "Консультации по ОГЭ", slot, slot + 1);
    b["recurrence"] = json!("weekly");
    b["repeat_until"] = json!(&at(slot + 24 * 8)[..10]);
    b["request_ids"] = json!([rid]);
    let made = app.post("/api/v1/sessions", token, b).await.ok(201);
    made.as_array().unwrap().clone()
}

async fn status(app: &TestApp, t: &str, id: &str) -> Value {
    app.get(&format!("/api/v1/requests/{id}"), t).await.ok(200)
}

#[actix_web::test]
async fn a_series_answers_a_request_until_it_is_done() {
    let app = TestApp::new().await;
    let w = World::build(&app).await;
    let tutor = app.login(TUTOR).await;
    let coord = app.login(COORDINATOR).await;
    let (r, _) = accepted(&app, &w).await;
    let rid = r["id"].as_str().unwrap();
    let made = weekly(&app, &tutor, rid, -2).await;
    assert_eq!(made.len(), 2);
    let d = status(&app, &tutor, rid).await;
    assert_eq!(d["status"], "scheduled");
    assert_eq!(d["series_id"], made[0]["series_id"]);
    // Every occurrence shows the request it answers.
    assert_eq!(made[1]["request_ids"][0], rid);
    // The first one held: the series goes on, the request waits for the next.
    let first = made[0]["id"].as_str().unwrap();
    app.post(
        &format!("/api/v1/sessions/{first}/log"),
        &tutor,
        json!({"outcome": "Разобрали задания 20–22", "version": made[0]["version"]}),
    )
    .await
    .ok(200);
    let d = status(&app, &tutor, rid).await;
    assert_eq!(d["status"], "scheduled");
    assert_eq!(d["session_id"], made[1]["id"]);
    // The last one cancelled: one was held, so the request is done.
    let second = made[1]["id"].as_str().unwrap();
    app.post(
        &format!("/api/v1/sessions/{second}/cancel"),
        &coord,
        json!({"reason": "Каникулы", "version": made[1]["version"]}),
    )
    .await
    .ok(200);
    assert_eq!(status(&app, &tutor, rid).await["status"], "done");

    // A series all cancelled gives the request back to be scheduled again.
    let (r, _) = accepted(&app, &w).await;
    let rid = r["id"].as_str().unwrap();
    let made = weekly(&app, &tutor, rid, 30).await;
    for s in &made {
        app.post(
            &format!("/api/v1/sessions/{}/cancel", s["id"].as_str().unwrap()),
            &coord,
            json!({"reason": "Болезнь тьютора", "version": s["version"]}),
        )
        .await
        .ok(200);
    }
    let d = status(&app, &tutor, rid).await;
    assert_eq!(d["status"], "accepted");
    assert_eq!(d["series_id"], Value::Null);

    // The coordinator may close a request a series still answers.
    let made = weekly(&app, &tutor, rid, 60).await;
    let d = status(&app, &coord, rid).await;
    assert_eq!(d["status"], "scheduled");
    let done = step(
        &app,
        &coord,
        rid,
        json!({"action": "complete", "comment": "Школа сообщила: вопрос решён", "version": d["version"]}),
    )
    .await
    .ok(200);
    assert_eq!(done["status"], "done");
    // Holding the rest later changes nothing.
    app.post(
        &format!(
            "/api/v1/sessions/{}/cancel",
            made[1]["id"].as_str().unwrap()
        ),
        &coord,
        json!({"reason": "Не нужно", "version": made[1]["version"]}),
    )
    .await
    .ok(200);
    assert_eq!(status(&app, &coord, rid).await["status"], "done");
}

/// A second tutor of the demo municipality, in the approved composition.
async fn second_tutor(app: &TestApp, w: &World) -> (String, String) {
    let coord = app.login(COORDINATOR).await;
    let id = create_user(
        app,
        &coord,
        user(
            "second@x.ru",
            "Второва Ольга Ивановна",
            "tutor",
            &w.own_m,
            None,
        ),
    )
    .await;
    let member = app
        .post(
            "/api/v1/composition/members",
            &w.admin,
            json!({"municipality_id": w.own_m, "full_name": "Второва Ольга Ивановна", "user_id": id,
                   "subject_ids": [w.math], "level": "municipal", "position": "учитель"}),
        )
        .await
        .ok(201)["id"]
        .as_str()
        .unwrap()
        .to_string();
    let mut o = order("approve", "2026-09-21", vec![&member], json!([]));
    o["municipality_id"] = json!(w.own_m);
    app.post("/api/v1/composition/orders", &w.admin, o)
        .await
        .ok(201);
    (id, app.login("second@x.ru").await)
}

#[actix_web::test]
async fn a_request_is_answered_by_its_assigned_tutor() {
    let app = TestApp::new().await;
    let w = World::build(&app).await;
    let coord = app.login(COORDINATOR).await;
    let (r, _) = accepted(&app, &w).await;
    let rid = r["id"].as_str().unwrap();
    let (second_id, second) = second_tutor(&app, &w).await;
    // A session of another tutor cannot be linked: not at creation by the coordinator…
    let mut b = remote_session("group_consultation", "Чужое занятие", 40, 41);
    b["tutor_ids"] = json!([second_id]);
    b["request_ids"] = json!([rid]);
    let refused = app.post("/api/v1/sessions", &coord, b.clone()).await;
    assert_eq!(refused.field_errors(), vec!["request_ids"]);
    assert!(
        refused.body.to_string().contains("Кедров"),
        "{}",
        refused.body
    );
    // …nor by the schedule step, by anyone.
    b.as_object_mut().unwrap().remove("request_ids");
    b.as_object_mut().unwrap().remove("tutor_ids");
    let theirs = plan_session(&app, &second, b).await;
    let refused = step(
        &app,
        &coord,
        rid,
        json!({"action": "schedule", "session_id": theirs["id"], "version": r["version"]}),
    )
    .await;
    assert_eq!(refused.field_errors(), vec!["session_id"]);
    // The assigned tutor's own session is fine.
    let tutor = app.login(TUTOR).await;
    let mine = plan_session(
        &app,
        &tutor,
        remote_session("group_consultation", "Своё занятие", 44, 45),
    )
    .await;
    let ok = step(
        &app,
        &tutor,
        rid,
        json!({"action": "schedule", "session_id": mine["id"], "version": r["version"]}),
    )
    .await
    .ok(200);
    assert_eq!(ok["status"], "scheduled");
    assert_eq!(ok["session_id"], mine["id"]);
}
