//! Every check-then-write under concurrent requests: exactly one winner, one seat, one
//! booking — on SQLite and on PostgreSQL (run the suite with
//! `TUTORNET_TEST_DATABASE_URL=postgres://…`). Each probe races real HTTP requests
//! against the app for at least 20 rounds.

use crate::common::*;
use futures_util::future::{join, join_all};
use serde_json::{json, Value};

const ROUNDS: usize = 20;

/// RFC 3339 time `hours` from now, whole minutes.
fn at(hours: i64) -> String {
    let t = chrono::Utc::now() + chrono::Duration::hours(hours);
    t.format("%Y-%m-%dT%H:%M:00Z").to_string()
}

async fn app() -> TestApp {
    // Enough connections that every racer holds one at the same time.
    TestApp::with(|c| c.pool_size = 16).await
}

fn statuses(rs: &[Resp]) -> Vec<u16> {
    let mut v: Vec<u16> = rs.iter().map(|r| r.status).collect();
    v.sort();
    v
}

/// A planned in-person group session of the demo tutor, `slot` hours ahead.
async fn session(app: &TestApp, tutor: &str, slot: i64, seats: Option<i32>) -> Value {
    app.post(
        "/api/v1/sessions",
        tutor,
        json!({"form": "group_consultation", "title": "Разбор заданий ВПР", "format": "in_person",
               "place": format!("ИМЦ, каб. {slot}"), "audience": "teachers", "seats": seats,
               "starts_at": at(slot), "ends_at": at(slot + 1)}),
    )
    .await
    .ok(201)[0]
        .clone()
}

fn edit_of(s: &Value, title: &str) -> Value {
    json!({"form": s["form"], "title": title, "format": s["format"], "place": s["place"],
           "audience": s["audience"], "seats": s["seats"], "starts_at": s["starts_at"],
           "ends_at": s["ends_at"], "version": s["version"]})
}

/// `n` new teachers of the demo municipality, logged in.
async fn teachers(app: &TestApp, n: usize) -> Vec<String> {
    let coord = app.login(COORDINATOR).await;
    let (m, _) = app.municipalities(&coord).await.remove(0);
    let school = app.school_id(&coord, &m, "МОБУ СОШ № 7").await;
    let mut tokens = Vec::new();
    for i in 0..n {
        let email = format!("racer{i}@tutornet.local");
        app.post("/api/v1/users", &coord, json!({"email": email, "full_name": format!("Участникова Мария {i}"),
                 "role": "teacher", "municipality_id": m, "school_id": school, "password": PASSWORD}))
            .await
            .ok(201);
        tokens.push(app.login(&email).await);
    }
    tokens
}

#[actix_web::test]
async fn two_edits_of_one_session_version_one_wins() {
    let app = app().await;
    let tutor = app.login(TUTOR).await;
    for round in 0..ROUNDS {
        let s = session(&app, &tutor, 24 + 3 * round as i64, None).await;
        let path = format!("/api/v1/sessions/{}", s["id"].as_str().unwrap());
        let rs = join_all(
            ["Первая правка", "Вторая правка"].map(|t| app.put(&path, &tutor, edit_of(&s, t))),
        )
        .await;
        assert_eq!(statuses(&rs), vec![200, 409], "round {round}");
        let winner = rs.iter().find(|r| r.status == 200).unwrap();
        let loser = rs.iter().find(|r| r.status == 409).unwrap();
        assert_eq!(loser.code(), "version_conflict");
        let now = app.get(&path, &tutor).await.ok(200);
        assert_eq!(now["version"], 2);
        assert_eq!(now["title"], winner.body["title"]);
    }
}

#[actix_web::test]
async fn cancel_and_edit_of_one_session_one_wins() {
    let app = app().await;
    let tutor = app.login(TUTOR).await;
    for round in 0..ROUNDS {
        let s = session(&app, &tutor, 24 + 3 * round as i64, None).await;
        let path = format!("/api/v1/sessions/{}", s["id"].as_str().unwrap());
        let cancel_path = format!("{path}/cancel");
        let cancel = app.post(
            &cancel_path,
            &tutor,
            json!({"reason": "Болезнь тьютора", "version": s["version"]}),
        );
        let edit = app.put(&path, &tutor, edit_of(&s, "Перенесённое занятие"));
        let (c, e) = join(cancel, edit).await;
        assert_eq!(statuses(&[c, e]), vec![200, 409], "round {round}");
        let now = app.get(&path, &tutor).await.ok(200);
        assert_eq!(now["version"], 2);
        assert!(
            (now["status"] == "cancelled") != (now["title"] == "Перенесённое занятие"),
            "cancelled and edited at once: {now}"
        );
    }
}

#[actix_web::test]
async fn decline_and_cancel_of_one_request_one_wins() {
    let app = app().await;
    let teacher = app.login(TEACHER).await;
    let coord = app.login(COORDINATOR).await;
    for round in 0..ROUNDS {
        let r = app
            .post("/api/v1/requests", &teacher, json!({"form": "individual_consultation", "topic": "Подготовка к ОГЭ",
                   "problem": "Низкие результаты пробного экзамена", "audience": "teachers", "format": "remote"}))
            .await
            .ok(201);
        let path = format!("/api/v1/requests/{}/transitions", r["id"].as_str().unwrap());
        let decline = app.post(
            &path,
            &coord,
            json!({"action": "decline", "comment": "Не по профилю", "version": r["version"]}),
        );
        let cancel = app.post(
            &path,
            &teacher,
            json!({"action": "cancel", "version": r["version"]}),
        );
        let (d, c) = join(decline, cancel).await;
        assert_eq!(statuses(&[d, c]), vec![200, 409], "round {round}");
        let now = app
            .get(
                &format!("/api/v1/requests/{}", r["id"].as_str().unwrap()),
                &coord,
            )
            .await
            .ok(200);
        assert_eq!(now["version"], 2, "{now}");
        assert!(now["status"] == "declined" || now["status"] == "cancelled");
    }
}

#[actix_web::test]
async fn two_edits_of_one_user_one_wins() {
    let app = app().await;
    let coord = app.login(COORDINATOR).await;
    let me = app.login_full(TEACHER).await;
    let path = format!("/api/v1/users/{}", me["user"]["id"].as_str().unwrap());
    for round in 0..ROUNDS {
        let u = app.get(&path, &coord).await.ok(200);
        let body = |position: &str| {
            json!({"email": u["email"], "full_name": u["full_name"], "role": u["role"],
                   "municipality_id": u["municipality_id"], "school_id": u["school_id"],
                   "position": position, "active": true, "version": u["version"]})
        };
        let a = format!("учитель математики {round}");
        let b = format!("учитель физики {round}");
        let rs = join_all([
            app.put(&path, &coord, body(&a)),
            app.put(&path, &coord, body(&b)),
        ])
        .await;
        assert_eq!(statuses(&rs), vec![200, 409], "round {round}");
        let now = app.get(&path, &coord).await.ok(200);
        assert_eq!(now["version"], u["version"].as_i64().unwrap() + 1);
    }
}

#[actix_web::test]
async fn ten_teachers_one_seat_one_registered() {
    let app = app().await;
    let tutor = app.login(TUTOR).await;
    let racers = teachers(&app, 10).await;
    for round in 0..ROUNDS {
        let s = session(&app, &tutor, 24 + 3 * round as i64, Some(1)).await;
        let path = format!(
            "/api/v1/sessions/{}/registration",
            s["id"].as_str().unwrap()
        );
        let rs = join_all(racers.iter().map(|t| app.post(&path, t, json!({})))).await;
        assert!(
            rs.iter().all(|r| r.status == 200),
            "round {round}: {:?}",
            statuses(&rs)
        );
        let seated = rs
            .iter()
            .filter(|r| r.body["my_registration"] == "registered")
            .count();
        assert_eq!(seated, 1, "round {round}: seated {seated}");
        let d = app
            .get(
                &format!("/api/v1/sessions/{}", s["id"].as_str().unwrap()),
                &tutor,
            )
            .await
            .ok(200);
        let regs = d["registrations"].as_array().unwrap();
        assert_eq!(
            regs.iter().filter(|r| r["status"] == "registered").count(),
            1,
            "{d}"
        );
        assert_eq!(
            regs.iter().filter(|r| r["status"] == "waitlisted").count(),
            9,
            "{d}"
        );
    }
}

#[actix_web::test]
async fn two_cancellations_fill_both_seats_from_the_waitlist() {
    let app = app().await;
    let tutor = app.login(TUTOR).await;
    let racers = teachers(&app, 5).await;
    for round in 0..ROUNDS {
        let s = session(&app, &tutor, 24 + 3 * round as i64, Some(2)).await;
        let id = s["id"].as_str().unwrap();
        let path = format!("/api/v1/sessions/{id}/registration");
        for t in &racers {
            app.post(&path, t, json!({})).await.ok(200);
        }
        let rs = join_all(racers[..2].iter().map(|t| app.delete(&path, t))).await;
        assert_eq!(statuses(&rs), vec![200, 200], "round {round}");
        let d = app
            .get(&format!("/api/v1/sessions/{id}"), &tutor)
            .await
            .ok(200);
        let regs = d["registrations"].as_array().unwrap();
        assert_eq!(
            regs.iter().filter(|r| r["status"] == "registered").count(),
            2,
            "round {round}: {d}"
        );
        assert_eq!(
            regs.iter().filter(|r| r["status"] == "waitlisted").count(),
            1,
            "round {round}: {d}"
        );
    }
}

#[actix_web::test]
async fn one_tutor_same_slot_one_booking() {
    let app = app().await;
    let tutor = app.login(TUTOR).await;
    for round in 0..ROUNDS {
        let slot = 24 + 3 * round as i64;
        let body = |place: &str| {
            json!({"form": "master_class", "title": "Мастер-класс", "format": "in_person", "place": place,
                   "audience": "teachers", "starts_at": at(slot), "ends_at": at(slot + 2)})
        };
        let rs = join_all([
            app.post("/api/v1/sessions", &tutor, body("СОШ № 1, каб. 1")),
            app.post("/api/v1/sessions", &tutor, body("СОШ № 2, каб. 2")),
        ])
        .await;
        assert_eq!(statuses(&rs), vec![201, 409], "round {round}");
        let loser = rs.iter().find(|r| r.status == 409).unwrap();
        assert_eq!(loser.code(), "tutor_conflict");
        let winner = rs.iter().find(|r| r.status == 201).unwrap();
        assert_eq!(loser.body["conflict_id"], winner.body[0]["id"]);
    }
}

#[actix_web::test]
async fn one_room_same_slot_one_booking() {
    let app = app().await;
    let coord = app.login(COORDINATOR).await;
    let (m, _) = app.municipalities(&coord).await.remove(0);
    let mut tutors = Vec::new();
    for i in 0..2 {
        let email = format!("room-tutor{i}@tutornet.local");
        // Only tutors approved in the composition hold sessions.
        let name = format!("Залова Ирина {i}");
        composition_tutor(&app, &coord, &m, &email, &name).await;
        tutors.push(app.login(&email).await);
    }
    for round in 0..ROUNDS {
        let slot = 24 + 3 * round as i64;
        let body = json!({"form": "master_class", "title": "Семинар", "format": "in_person",
                          "place": format!("Актовый зал {round}"), "audience": "teachers",
                          "starts_at": at(slot), "ends_at": at(slot + 2)});
        let rs = join_all(
            tutors
                .iter()
                .map(|t| app.post("/api/v1/sessions", t, body.clone())),
        )
        .await;
        assert_eq!(
            statuses(&rs),
            vec![201, 409],
            "round {round}: {:?}",
            rs.iter().map(|r| &r.body).collect::<Vec<_>>()
        );
        let loser = rs.iter().find(|r| r.status == 409).unwrap();
        assert_eq!(loser.code(), "room_conflict");
    }
}

#[actix_web::test]
async fn one_refresh_token_refreshes_once() {
    let app = app().await;
    for round in 0..ROUNDS {
        let first = app.login_full(TUTOR).await;
        let token = first["refresh_token"].as_str().unwrap().to_string();
        let refresh = || {
            app.call(
                "POST",
                "/api/v1/auth/refresh",
                None,
                Some(json!({"refresh_token": token})),
            )
        };
        let rs = join_all([refresh(), refresh()]).await;
        assert_eq!(statuses(&rs), vec![200, 401], "round {round}");
    }
}

#[actix_web::test]
async fn one_link_sets_a_password_once() {
    let app = app().await;
    let coord = app.login(COORDINATOR).await;
    let id = crate::accounts::invited_teacher(&app, &coord, "racer@x.ru").await;
    for round in 0..ROUNDS {
        let token = crate::accounts::invite(&app, &coord, &id).await;
        let rs = join_all(
            ["first-password-1", "second-password-2"]
                .map(|p| crate::accounts::set_password(&app, &token, p)),
        )
        .await;
        assert_eq!(statuses(&rs), vec![204, 400], "round {round}");
        assert!(
            rs.iter().any(crate::accounts::link_invalid),
            "round {round}"
        );
    }
}

#[actix_web::test]
async fn two_series_of_one_tutor_over_the_same_weeks_one_is_planned() {
    let app = app().await;
    let tutor = app.login(TUTOR).await;
    for round in 0..ROUNDS {
        // Two weekly series of three, an hour apart on the same days.
        let slot = 24 * 30 + 3 * round as i64;
        let body = |start: i64, place: &str| {
            json!({"form": "seminar", "title": "Семинар", "format": "in_person", "place": place,
                   "audience": "teachers", "starts_at": at(start), "ends_at": at(start + 2),
                   "recurrence": "weekly", "repeat_until": &at(start + 24 * 14 + 2)[..10]})
        };
        let rs = join_all([
            app.post("/api/v1/sessions", &tutor, body(slot, "СОШ № 1, каб. 1")),
            app.post(
                "/api/v1/sessions",
                &tutor,
                body(slot + 1, "СОШ № 2, каб. 2"),
            ),
        ])
        .await;
        assert_eq!(
            statuses(&rs),
            vec![201, 409],
            "round {round}: {:?}",
            rs.iter().map(|r| &r.body).collect::<Vec<_>>()
        );
        let loser = rs.iter().find(|r| r.status == 409).unwrap();
        assert_eq!(loser.code(), "tutor_conflict");
    }
}
