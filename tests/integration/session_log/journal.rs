//! `POST /sessions/{id}/log`: the log opens at the start; walk-ins, academic hours and
//! difficulties round-trip through `GET`; the requester of an individual consultation
//! is on the attendance list; the pupils' class only for audiences with pupils; linked
//! requests read by topic.

use crate::common::*;
use serde_json::{json, Value};

fn path(s: &Value) -> String {
    format!("/api/v1/sessions/{}", s["id"].as_str().unwrap())
}

#[actix_web::test]
async fn a_session_that_has_not_started_is_not_logged() {
    let app = TestApp::new().await;
    let tutor = app.login(TUTOR).await;
    let s = plan_session(
        &app,
        &tutor,
        remote_session("group_consultation", "Завтрашний разбор", 20, 21),
    )
    .await;
    let d = app.get(&path(&s), &tutor).await.ok(200);
    assert_eq!(d["log_open"], false);
    let r = app
        .post(
            &format!("{}/log", path(&s)),
            &tutor,
            json!({"outcome": "Рано", "version": s["version"]}),
        )
        .await;
    assert_eq!(r.status, 422);
    assert_eq!(r.field_errors(), vec!["starts_at"]);
    assert_eq!(r.body["errors"][0]["code"], "not_started");
    let msg = r.body["errors"][0]["message"].as_str().unwrap();
    assert!(
        msg.starts_with("Занятие начнётся ") && msg.contains("журнал заполняется после начала"),
        "{msg}"
    );
    // Nothing was written.
    let d = app.get(&path(&s), &tutor).await.ok(200);
    assert_eq!(d["status"], "planned");
    assert_eq!(d["held_at"], Value::Null);
}

#[actix_web::test]
async fn walk_ins_hours_and_difficulties_round_trip() {
    let app = TestApp::new().await;
    let tutor = app.login(TUTOR).await;
    let teacher = app.login(TEACHER).await;
    let coord = app.login(COORDINATOR).await;
    // 90 minutes: two academic hours by default.
    let mut body = remote_session("group_consultation", "Разбор ВПР", 30, 31);
    body["ends_at"] = json!(at_minutes(30 * 60 + 90));
    let s = plan_session(&app, &tutor, body).await;
    app.post(&format!("{}/registration", path(&s)), &teacher, json!({}))
        .await
        .ok(200);
    let moved = move_session_minutes(&app, &tutor, &s, -120, -30).await;
    let teacher_id = app.me(&teacher).await["id"].clone();
    let d = app.get(&path(&s), &tutor).await.ok(200);
    assert_eq!(d["log_open"], true);
    assert_eq!(d["default_academic_hours"], 2.0);
    let logged = app
        .post(
            &format!("{}/log", path(&s)),
            &tutor,
            json!({
                "attended_user_ids": [teacher_id],
                "walk_ins": [
                    {"full_name": "  Сидорова   Анна Петровна ", "school": "МБОУ СОШ № 5", "position": "учитель математики"},
                    {"full_name": "Гасанов Эльчин Рафик оглы"}
                ],
                "outcome": "Разобрали задания 8–12",
                "difficulties": "Педагоги не присылают работы учеников заранее",
                "materials": "Презентация\nhttps://example.org/vpr",
                "version": moved["version"]
            }),
        )
        .await
        .ok(200);
    assert_eq!(logged["status"], "held");
    for who in [&tutor, &coord] {
        let d = app.get(&path(&s), who).await.ok(200);
        assert_eq!(d["academic_hours"], 2.0, "the default from 90 minutes");
        assert_eq!(
            d["difficulties"],
            "Педагоги не присылают работы учеников заранее"
        );
        let w = d["walk_ins"].as_array().unwrap();
        assert_eq!(w.len(), 2);
        assert_eq!(w[0]["full_name"], "Сидорова Анна Петровна");
        assert_eq!(w[0]["school"], "МБОУ СОШ № 5");
        assert_eq!(w[0]["position"], "учитель математики");
        assert_eq!(w[1]["school"], Value::Null);
        // One registered teacher and two walk-ins.
        assert_eq!(d["attended_count"], 3);
    }
    // A participant sees the count, not the walk-ins' names.
    let d = app.get(&path(&s), &teacher).await.ok(200);
    assert_eq!(d["attended_count"], 3);
    assert_eq!(d["walk_ins"].as_array().unwrap().len(), 0);
    // Hours are amended with a reason; a bad step is refused.
    let bad = app
        .post(
            &format!("{}/amendments", path(&s)),
            &tutor,
            json!({"field": "academic_hours", "value": "1,3", "note": "ошибка"}),
        )
        .await;
    assert_eq!(bad.field_errors(), vec!["value"]);
    let d = app
        .post(
            &format!("{}/amendments", path(&s)),
            &tutor,
            json!({"field": "academic_hours", "value": "2,5", "note": "Задержались на 20 минут"}),
        )
        .await
        .ok(200);
    assert_eq!(d["academic_hours"], 2.5);
    assert_eq!(d["amendments"][0]["before_value"], "2");
    // An explicit number of hours is kept as given.
    let s2 = plan_session(
        &app,
        &tutor,
        remote_session("group_consultation", "Короткий разбор", -3, -2),
    )
    .await;
    let d = app
        .post(
            &format!("{}/log", path(&s2)),
            &tutor,
            json!({"outcome": "Итог", "academic_hours": 1.5, "version": s2["version"]}),
        )
        .await
        .ok(200);
    assert_eq!(d["academic_hours"], 1.5);
    assert_eq!(d["attended_count"], 0);
    // A walk-in needs a name.
    let s3 = plan_session(
        &app,
        &tutor,
        remote_session("group_consultation", "Ещё разбор", -6, -5),
    )
    .await;
    let r = app
        .post(
            &format!("{}/log", path(&s3)),
            &tutor,
            json!({"outcome": "Итог", "walk_ins": [{"full_name": " ", "school": "СОШ"}],
                   "academic_hours": 0, "version": s3["version"]}),
        )
        .await;
    assert_eq!(
        r.field_errors(),
        vec!["academic_hours", "walk_ins[0].full_name"]
    );
}

#[actix_web::test]
async fn the_requester_of_an_individual_consultation_attends() {
    let app = TestApp::new().await;
    let w = World::build(&app).await;
    let teacher = app.login(TEACHER).await;
    let coord = app.login(COORDINATOR).await;
    let tutor = app.login(TUTOR).await;
    let topic = "Критерии оценивания развёрнутых ответов";
    let r = app
        .post(
            "/api/v1/requests",
            &teacher,
            json!({"form": "individual_consultation", "subject_id": w.math, "topic": topic,
                   "problem": "Не совпадают баллы с экспертами", "audience": "teachers",
                   "format": "remote"}),
        )
        .await
        .ok(201);
    let rid = r["id"].as_str().unwrap();
    let tutor_id = app.me(&tutor).await["id"].as_str().unwrap().to_string();
    step(
        &app,
        &coord,
        rid,
        json!({"action": "accept", "tutor_user_id": tutor_id, "allow_same_school": true, "version": r["version"]}),
    )
    .await
    .ok(200);
    let mut body = remote_session(
        "individual_consultation",
        "Консультация по критериям",
        -2,
        -1,
    );
    body["request_ids"] = json!([rid]);
    let s = plan_session(&app, &tutor, body).await;
    // Individual forms take no registrations…
    let refused = app
        .post(&format!("{}/registration", path(&s)), &teacher, json!({}))
        .await;
    assert_eq!(refused.status, 409);
    // …yet the requester is on the attendance list, and the request reads by topic.
    let teacher_id = app.me(&teacher).await["id"].as_str().unwrap().to_string();
    let d = app.get(&path(&s), &tutor).await.ok(200);
    assert_eq!(d["requesters"][0]["user_id"], teacher_id);
    assert_eq!(d["requesters"][0]["attended"], Value::Null);
    assert_eq!(d["linked_requests"][0]["topic"], topic);
    assert_eq!(d["linked_requests"][0]["id"], rid);
    // Someone else cannot be marked present.
    let stranger = app.me(&coord).await["id"].clone();
    let r = app
        .post(
            &format!("{}/log", path(&s)),
            &tutor,
            json!({"outcome": "Итог", "attended_user_ids": [stranger], "version": d["version"]}),
        )
        .await;
    assert_eq!(r.field_errors(), vec!["attended_user_ids"]);
    let d = app
        .post(
            &format!("{}/log", path(&s)),
            &tutor,
            json!({"outcome": "Разобрали критерии на трёх работах", "attended_user_ids": [teacher_id],
                   "version": d["version"]}),
        )
        .await
        .ok(200);
    assert_eq!(d["requesters"][0]["attended"], true);
    assert_eq!(d["attended_count"], 1);
    // Kept with the log: the teacher sees their own presence, and may rate.
    let mine = app.get(&path(&s), &teacher).await.ok(200);
    assert_eq!(mine["requesters"][0]["user_id"], teacher_id);
    assert_eq!(mine["requesters"][0]["attended"], true);
    assert_eq!(mine["linked_requests"][0]["topic"], topic);
    app.post(
        &format!("{}/ratings", path(&s)),
        &teacher,
        json!({"score": 5}),
    )
    .await
    .ok(200);
    // Another teacher of the municipality sees neither the requester nor the topic.
    let other = create_user(
        &app,
        &coord,
        user(
            "other-t@x.ru",
            "Другая Учительница Ивановна",
            "teacher",
            &w.own_m,
            Some(&w.other_school),
        ),
    )
    .await;
    let _ = other;
    let other = app.login("other-t@x.ru").await;
    let seen = app.get(&path(&s), &other).await.ok(200);
    assert_eq!(seen["requesters"].as_array().unwrap().len(), 0);
    assert_eq!(seen["linked_requests"].as_array().unwrap().len(), 0);
    assert_eq!(seen["attended_count"], 1);
}

#[actix_web::test]
async fn the_class_is_asked_only_for_pupil_audiences() {
    let app = TestApp::new().await;
    let tutor = app.login(TUTOR).await;
    let mut body = remote_session("student_group_session", "Подготовка к ОГЭ", -3, -2);
    body["audience"] = json!("students");
    let pupils = plan_session(&app, &tutor, body).await;
    let r = app
        .post(
            &format!("{}/log", path(&pupils)),
            &tutor,
            json!({"outcome": "Решали задачи", "version": pupils["version"]}),
        )
        .await;
    assert_eq!(r.field_errors(), vec!["students_class"]);
    assert_eq!(r.body["errors"][0]["code"], "required");
    let d = app
        .post(
            &format!("{}/log", path(&pupils)),
            &tutor,
            json!({"outcome": "Решали задачи", "students_class": "9 «Б»", "students_count": 18,
                   "version": pupils["version"]}),
        )
        .await
        .ok(200);
    assert_eq!(d["students_class"], "9 «Б»");
    assert_eq!(d["students_count"], 18);

    // Teachers only: no class, no count.
    let teachers = plan_session(
        &app,
        &tutor,
        remote_session("group_consultation", "Для педагогов", -6, -5),
    )
    .await;
    let r = app
        .post(
            &format!("{}/log", path(&teachers)),
            &tutor,
            json!({"outcome": "Итог", "students_class": "9 «Б»", "students_count": 3,
                   "version": teachers["version"]}),
        )
        .await;
    assert_eq!(r.field_errors(), vec!["students_class", "students_count"]);
    assert_eq!(r.body["errors"][0]["code"], "not_allowed");
    app.post(
        &format!("{}/log", path(&teachers)),
        &tutor,
        json!({"outcome": "Итог", "version": teachers["version"]}),
    )
    .await
    .ok(200);
}

/// RFC 3339 time `minutes` from now, whole minutes.
fn at_minutes(minutes: i64) -> String {
    let t = chrono::Utc::now() + chrono::Duration::minutes(minutes);
    t.format("%Y-%m-%dT%H:%M:00Z").to_string()
}

/// Moves a planned session to `start`..`end` minutes from now (length kept as given).
async fn move_session_minutes(
    app: &TestApp,
    tutor: &str,
    s: &Value,
    start: i64,
    end: i64,
) -> Value {
    let cur = app.get(&path(s), tutor).await.ok(200);
    let mut body = json!({"starts_at": at_minutes(start), "ends_at": at_minutes(end)});
    for k in [
        "form",
        "title",
        "online_link",
        "format",
        "audience",
        "version",
    ] {
        body[k] = cur[k].clone();
    }
    app.put(&path(s), tutor, body).await.ok(200)
}
