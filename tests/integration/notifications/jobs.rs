//! The jobs with an explicit «now»: reminders the day before a session and the daily
//! digest — each exactly once, also when two runs race (SQLite and PostgreSQL).

use super::texts::{group_session, local, newest, tutor_id};
use crate::common::*;
use chrono::{NaiveDateTime, TimeDelta};
use futures_util::future::join;
use serde_json::json;
use tutornet_api::store::zone;

fn now() -> NaiveDateTime {
    chrono::Utc::now().naive_utc()
}

async fn count(app: &TestApp, t: &str, kind: &str) -> usize {
    let inbox = app.get("/api/v1/notifications", t).await.ok(200);
    items(&inbox).iter().filter(|n| n["kind"] == kind).count()
}

#[actix_web::test]
async fn a_session_is_reminded_of_the_day_before_once_even_when_two_runs_race() {
    let app = TestApp::with(|c| c.pool_size = 8).await;
    let coord = app.login(COORDINATOR).await;
    let tutor = app.login(TUTOR).await;
    let teacher = app.login(TEACHER).await;
    let (tid, tname) = tutor_id(&app).await;
    let s = group_session(&app, &coord, &tid, 40).await;
    let id = s["id"].as_str().unwrap().to_string();
    app.post(
        &format!("/api/v1/sessions/{id}/registration"),
        &teacher,
        json!({}),
    )
    .await
    .ok(200);
    // Two days ahead: not yet.
    let r = tutornet_api::jobs::run(&app.state, now()).await.unwrap();
    assert!(!r.reminders.contains(&id));
    // 20 hours before the start, two processes run the job at once: one reminder.
    let at = now() + TimeDelta::hours(20);
    let (a, b) = join(
        tutornet_api::jobs::run(&app.state, at),
        tutornet_api::jobs::run(&app.state, at),
    )
    .await;
    let sent = [a.unwrap(), b.unwrap()]
        .iter()
        .filter(|r| r.reminders.contains(&id))
        .count();
    assert_eq!(sent, 1);
    assert!(
        !tutornet_api::jobs::run(&app.state, at + TimeDelta::hours(1))
            .await
            .unwrap()
            .reminders
            .contains(&id)
    );
    for t in [&tutor, &teacher] {
        assert_eq!(count(&app, t, "session_reminder").await, 1);
        let n = newest(&app, t, "session_reminder").await;
        assert_eq!(n["title"], "Напоминание: занятие завтра");
        let body = n["body"].as_str().unwrap();
        let when = local(&app, t, &s["starts_at"]).await;
        for part in [
            "«Разбор заданий ВПР»",
            when.as_str(),
            "ИМЦ, кабинет 12",
            tname.as_str(),
        ] {
            assert!(body.contains(part), "{part} in {body}");
        }
        assert_eq!(n["link"], format!("/sessions/{id}").as_str());
    }
}

#[actix_web::test]
async fn a_digest_user_gets_one_digest_a_day_at_seven_local_even_when_two_runs_race() {
    let app = TestApp::with(|c| c.pool_size = 8).await;
    let coord = app.login(COORDINATOR).await;
    let teacher = app.login(TEACHER).await;
    let before = app
        .get("/api/v1/notifications/settings", &coord)
        .await
        .ok(200);
    assert_eq!(before["digest"], false);
    let set = app
        .put(
            "/api/v1/notifications/settings",
            &coord,
            json!({"digest": true}),
        )
        .await
        .ok(200);
    assert_eq!(set["digest"], true);
    assert_eq!(set["digest_hour"], 7);
    assert_eq!(
        app.put(
            "/api/v1/notifications/settings",
            &coord,
            json!({"digest": "yes"})
        )
        .await
        .status,
        422
    );
    let math = subject_id(&app, &teacher, "Математика").await;
    file_request(&app, &teacher, &math).await;
    // The in-app notification is there at once.
    assert_eq!(count(&app, &coord, "request_new").await, 1);

    let tz = zone::stored(set["time_zone"].as_str().unwrap()).unwrap();
    let tomorrow = zone::local(now(), tz).date() + TimeDelta::days(1);
    let local_at = |h: u32, m: u32| zone::utc(tomorrow.and_hms_opt(h, m, 0).unwrap(), tz);
    let coord_id = app.login_full(COORDINATOR).await["user"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let mine = |r: &tutornet_api::jobs::Report| {
        r.digests
            .iter()
            .filter(|d| d.user_id == coord_id)
            .cloned()
            .collect::<Vec<_>>()
    };
    // 06:50 local: too early.
    let early = tutornet_api::jobs::run(&app.state, local_at(6, 50))
        .await
        .unwrap();
    assert!(mine(&early).is_empty());
    // 07:05 local, two runs at once: one digest with the request in it.
    let (a, b) = join(
        tutornet_api::jobs::run(&app.state, local_at(7, 5)),
        tutornet_api::jobs::run(&app.state, local_at(7, 5)),
    )
    .await;
    let mut digests = mine(&a.unwrap());
    digests.extend(mine(&b.unwrap()));
    assert_eq!(digests.len(), 1, "{digests:?}");
    let d = &digests[0];
    assert_eq!(d.local_day, tomorrow);
    assert_eq!(d.items, 1);
    assert!(
        d.subject.starts_with("Сводка уведомлений за"),
        "{}",
        d.subject
    );
    for part in [
        "Новая заявка",
        "Формирующее оценивание",
        "/requests/",
        "/profile",
    ] {
        assert!(d.body.contains(part), "{part} in {}", d.body);
    }
    // Later the same day: nothing more.
    let later = tutornet_api::jobs::run(&app.state, local_at(18, 0))
        .await
        .unwrap();
    assert!(mine(&later).is_empty());
    // Switched back: no digest the next day.
    app.put(
        "/api/v1/notifications/settings",
        &coord,
        json!({"digest": false}),
    )
    .await
    .ok(200);
    let next = tutornet_api::jobs::run(&app.state, local_at(7, 5) + TimeDelta::days(1))
        .await
        .unwrap();
    assert!(mine(&next).is_empty());
    // The change of the setting is audited, in Russian.
    let log = app
        .get("/api/v1/audit?entity=notification_settings", &coord)
        .await
        .ok(200);
    let e = &items(&log)[0];
    assert_eq!(e["entity_label"], "настройки уведомлений");
}
