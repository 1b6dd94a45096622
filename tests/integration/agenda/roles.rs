//! One request walked through its steps, seen on each role's start page.

use crate::common::*;
use serde_json::{json, Value};

/// The titles and urgency of a section of the caller's agenda.
async fn section(app: &TestApp, t: &str, key: &str) -> Vec<(String, bool, String)> {
    let a = app.get("/api/v1/agenda", t).await.ok(200);
    let s = a["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["key"] == key)
        .unwrap_or_else(|| panic!("no section {key} in {a}"))
        .clone();
    s["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i: &Value| {
            (
                i["title"].as_str().unwrap().to_string(),
                i["urgent"].as_bool().unwrap(),
                i["step"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn has(items: &[(String, bool, String)], title: &str) -> Option<(bool, String)> {
    items
        .iter()
        .find(|(t, _, _)| t == title)
        .map(|(_, u, s)| (*u, s.clone()))
}

#[actix_web::test]
async fn each_role_sees_what_needs_them() {
    let app = TestApp::new().await;
    let teacher = app.login(TEACHER).await;
    let coord = app.login(COORDINATOR).await;
    let tutor = app.login(TUTOR).await;
    let admin = app.login(ADMIN).await;
    let math = subject_id(&app, &teacher, "Математика").await;
    let r = file_request(&app, &teacher, &math).await;
    let id = r["id"].as_str().unwrap().to_string();
    let topic = r["topic"].as_str().unwrap().to_string();

    // Filed: the coordinator must act; the teacher waits.
    let (urgent, _) = has(&section(&app, &coord, "new_requests").await, &topic).unwrap();
    assert!(urgent);
    let (urgent, step_text) = has(&section(&app, &teacher, "my_requests").await, &topic).unwrap();
    assert!(!urgent);
    assert_eq!(step_text, "Ждёт решения координатора");
    // A coordinator of another municipality does not see it.
    let far = far_coordinator(&app, &admin).await;
    assert!(has(&section(&app, &far, "new_requests").await, &topic).is_none());

    // Asked for details: now it waits for the teacher.
    let r = step(
        &app,
        &coord,
        &id,
        json!({"action": "ask_info", "comment": "Какие классы?", "version": r["version"]}),
    )
    .await
    .ok(200);
    let (urgent, step_text) = has(&section(&app, &teacher, "my_requests").await, &topic).unwrap();
    assert!(urgent);
    assert_eq!(step_text, "Ответьте на уточнение координатора");
    let r = step(
        &app,
        &teacher,
        &id,
        json!({"action": "answer", "comment": "7А и 7Б", "version": r["version"]}),
    )
    .await
    .ok(200);

    // Accepted with the demo tutor: on the tutor's list to schedule.
    let tutor_id = app.me(&tutor).await["id"].as_str().unwrap().to_string();
    step(
        &app,
        &coord,
        &id,
        json!({"action": "accept", "tutor_user_id": tutor_id, "allow_same_school": true, "version": r["version"]}),
    )
    .await
    .ok(200);
    let (urgent, _) = has(&section(&app, &tutor, "to_schedule").await, &topic).unwrap();
    assert!(urgent);

    // Scheduled an hour ago and over: off that list, on the list to log.
    let title = "Критерии оценивания: разбор";
    app.post(
        "/api/v1/sessions",
        &tutor,
        json!({"form": "group_consultation", "subject_id": math, "title": title,
               "starts_at": at(-2), "ends_at": at(-1), "place": "ИМЦ, каб. 12", "format": "in_person",
               "audience": "teachers", "request_ids": [id]}),
    )
    .await
    .ok(201);
    assert!(has(&section(&app, &tutor, "to_schedule").await, &topic).is_none());
    let (urgent, step_text) = has(&section(&app, &tutor, "to_log").await, title).unwrap();
    assert!(urgent);
    assert_eq!(step_text, "Отметьте занятие проведённым");
    assert!(has(&section(&app, &coord, "to_log").await, title).is_some());

    // The regional admin sees the region by municipality.
    let ms = section(&app, &admin, "municipalities").await;
    assert!(
        ms.iter().any(|(t, _, _)| t.starts_with("Лесогорский")),
        "{ms:?}"
    );
}

/// The expert's start page lists the reviews that wait for them, with the next step.
#[actix_web::test]
async fn the_expert_sees_the_reviews_waiting_for_them() {
    let app = TestApp::new().await;
    let (_, expert) = crate::reviews::in_review(&app, "КТП по алгебре, 7 класс").await;
    let items = section(&app, &expert, "to_review").await;
    let (urgent, step) = has(&items, "КТП по алгебре, 7 класс").expect("the review is listed");
    assert_eq!(step, "Заполните чек-лист и вынесите решение");
    assert!(!urgent, "no due date near");
    // Someone else's start page does not show it.
    let tutor = app.login(TUTOR).await;
    assert!(has(
        &section(&app, &tutor, "to_review").await,
        "КТП по алгебре, 7 класс"
    )
    .is_none());
}
