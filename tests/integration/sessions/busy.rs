//! `GET /sessions/busy`: the chosen tutors' sessions over a period, in the tutor's local
//! time, for people who may see that tutor's schedule.

use crate::common::*;
use serde_json::json;

#[actix_web::test]
async fn busy_times_of_a_tutor_in_local_time() {
    let app = TestApp::new().await;
    let w = World::build(&app).await;
    let coord = app.login(COORDINATOR).await;
    let tutor = app.login(TUTOR).await;
    let tutor_id = app.me(&tutor).await["id"].as_str().unwrap().to_string();
    // 2026-12-15 11:00 UTC is 14:00 in Moscow (the demo municipality's zone).
    let mut b = remote_session("seminar", "Семинар: ВПР по математике", 0, 1);
    b["starts_at"] = json!("2026-12-15T11:00:00Z");
    b["ends_at"] = json!("2026-12-15T12:30:00Z");
    let s = plan_session(&app, &tutor, b).await;
    let busy = app
        .get(
            &format!("/api/v1/sessions/busy?tutor_ids={tutor_id}&from=2026-12-14&to=2026-12-20"),
            &coord,
        )
        .await
        .ok(200);
    let slots = busy.as_array().unwrap();
    let mine: Vec<_> = slots
        .iter()
        .filter(|x| x["session_id"] == s["id"])
        .collect();
    assert_eq!(mine.len(), 1, "{busy}");
    assert_eq!(mine[0]["local_time"], "15.12.2026 14:00–15:30");
    assert_eq!(mine[0]["time_zone"], "Europe/Moscow");
    assert_eq!(mine[0]["title"], "Семинар: ВПР по математике");
    // The day is the tutor's local day: the session is not on the 16th.
    let next_day = app
        .get(
            &format!("/api/v1/sessions/busy?tutor_ids={tutor_id}&from=2026-12-16&to=2026-12-16"),
            &coord,
        )
        .await
        .ok(200);
    assert!(!next_day.to_string().contains(s["id"].as_str().unwrap()));
    // A cancelled session frees the time.
    app.post(
        &format!("/api/v1/sessions/{}/cancel", s["id"].as_str().unwrap()),
        &coord,
        json!({"reason": "Перенос", "version": s["version"]}),
    )
    .await
    .ok(200);
    let after = app
        .get(
            &format!("/api/v1/sessions/busy?tutor_ids={tutor_id}&from=2026-12-14&to=2026-12-20"),
            &coord,
        )
        .await
        .ok(200);
    assert!(!after.to_string().contains(s["id"].as_str().unwrap()));
    // Per object: a foreign coordinator does not see this tutor; nor does anyone see an
    // unknown one; a period backwards is 422.
    let far = app.login(FAR_COORDINATOR).await;
    let r = app
        .get(
            &format!("/api/v1/sessions/busy?tutor_ids={tutor_id}&from=2026-12-14&to=2026-12-20"),
            &far,
        )
        .await;
    assert_eq!(r.status, 404);
    let r = app
        .get(
            &format!(
                "/api/v1/sessions/busy?tutor_ids={},{tutor_id}&from=2026-12-14&to=2026-12-20",
                w.foreign_user
            ),
            &coord,
        )
        .await;
    assert_eq!(r.status, 404);
    let r = app
        .get(
            &format!("/api/v1/sessions/busy?tutor_ids={tutor_id}&from=2026-12-20&to=2026-12-14"),
            &coord,
        )
        .await;
    assert_eq!(r.field_errors(), vec!["to"]);
    let r = app
        .get(
            "/api/v1/sessions/busy?tutor_ids=&from=2026-12-14&to=2026-12-20",
            &coord,
        )
        .await;
    assert_eq!(r.field_errors(), vec!["tutor_ids"]);
    // The teacher of the municipality sees the tutor's times too (sessions are public
    // within a municipality).
    let teacher = app.login(TEACHER).await;
    app.get(
        &format!("/api/v1/sessions/busy?tutor_ids={tutor_id}&from=2026-12-14&to=2026-12-20"),
        &teacher,
    )
    .await
    .ok(200);
}
