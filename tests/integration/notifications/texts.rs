//! Every kind of notification says what, when (in the place's zone), where, who, and links
//! into the SPA.

use crate::common::*;
use serde_json::{json, Value};

/// The caller's newest notification of `kind`.
pub async fn newest(app: &TestApp, t: &str, kind: &str) -> Value {
    let inbox = app.get("/api/v1/notifications", t).await.ok(200);
    items(&inbox)
        .iter()
        .find(|n| n["kind"] == kind)
        .cloned()
        .unwrap_or_else(|| panic!("no {kind} notification in {inbox}"))
}

/// «ДД.ММ.ГГГГ ЧЧ:ММ» of an RFC 3339 instant in the caller's zone.
pub async fn local(app: &TestApp, t: &str, instant: &Value) -> String {
    let zone = app.get("/api/v1/notifications/settings", t).await.ok(200)["time_zone"]
        .as_str()
        .unwrap()
        .to_string();
    let tz = tutornet_api::store::zone::stored(&zone).unwrap();
    let at = chrono::DateTime::parse_from_rfc3339(instant.as_str().unwrap())
        .unwrap()
        .naive_utc();
    tutornet_api::store::zone::datetime_ru(at, tz)
}

/// An in-person group session of the demo tutor, `start` hours from now, planned by `by`.
pub async fn group_session(app: &TestApp, by: &str, tutor_id: &str, start: i64) -> Value {
    plan_session(
        app,
        by,
        json!({"form": "group_consultation", "title": "Разбор заданий ВПР", "format": "in_person",
               "place": "ИМЦ, кабинет 12", "audience": "teachers", "seats": 10,
               "tutor_ids": [tutor_id], "starts_at": at(start), "ends_at": at(start + 1)}),
    )
    .await
}

pub async fn tutor_id(app: &TestApp) -> (String, String) {
    let me = app.login_full(TUTOR).await;
    (
        me["user"]["id"].as_str().unwrap().to_string(),
        me["user"]["full_name"].as_str().unwrap().to_string(),
    )
}

#[actix_web::test]
async fn a_new_request_says_what_who_and_links() {
    let app = TestApp::new().await;
    let coord = app.login(COORDINATOR).await;
    let teacher = app.login(TEACHER).await;
    let math = subject_id(&app, &teacher, "Математика").await;
    let r = file_request(&app, &teacher, &math).await;
    let n = newest(&app, &coord, "request_new").await;
    let body = n["body"].as_str().unwrap();
    for part in [
        "«Формирующее оценивание на уроках математики»",
        "Групповая консультация",
        "Математика",
        r["requester_name"].as_str().unwrap(),
        r["school_name"].as_str().unwrap(),
        "Затруднение: Учащиеся 7-х классов",
    ] {
        assert!(body.contains(part), "{part} in {body}");
    }
    assert_eq!(
        n["link"],
        format!("/requests/{}", r["id"].as_str().unwrap()).as_str()
    );
}

#[actix_web::test]
async fn sessions_say_when_in_the_local_zone_where_and_who() {
    let app = TestApp::new().await;
    let coord = app.login(COORDINATOR).await;
    let tutor = app.login(TUTOR).await;
    let teacher = app.login(TEACHER).await;
    let (tid, tname) = tutor_id(&app).await;
    let s = group_session(&app, &coord, &tid, 50).await;
    let id = s["id"].as_str().unwrap();
    let when = local(&app, &tutor, &s["starts_at"]).await;
    let expect = |n: &Value, title: &str| {
        let body = n["body"].as_str().unwrap();
        assert_eq!(n["title"], title);
        for part in [
            "«Разбор заданий ВПР»",
            when.as_str(),
            "ИМЦ, кабинет 12",
            tname.as_str(),
        ] {
            assert!(body.contains(part), "{part} in {body}");
        }
        assert_eq!(n["link"], format!("/sessions/{id}").as_str());
    };
    // Planned: the tutor hears of it.
    expect(
        &newest(&app, &tutor, "session_planned").await,
        "Новое занятие в расписании",
    );
    // Changed and cancelled: the registered teacher hears of both.
    let path = format!("/api/v1/sessions/{id}");
    app.post(&format!("{path}/registration"), &teacher, json!({}))
        .await
        .ok(200);
    let cur = app.get(&path, &coord).await.ok(200);
    let mut edit = json!({"place": "ИМЦ, кабинет 12", "title": "Разбор заданий ВПР",
        "tutor_ids": [tid]});
    for k in [
        "form",
        "format",
        "audience",
        "seats",
        "starts_at",
        "ends_at",
        "version",
    ] {
        edit[k] = cur[k].clone();
    }
    edit["seats"] = json!(12);
    app.put(&path, &coord, edit).await.ok(200);
    expect(
        &newest(&app, &teacher, "session_changed").await,
        "Занятие изменено",
    );
    let v = app.get(&path, &coord).await.ok(200)["version"].clone();
    app.post(
        &format!("{path}/cancel"),
        &coord,
        json!({"reason": "Болезнь тьютора", "version": v}),
    )
    .await
    .ok(200);
    let n = newest(&app, &teacher, "session_cancelled").await;
    expect(&n, "Занятие отменено");
    assert!(n["body"]
        .as_str()
        .unwrap()
        .contains("Причина: Болезнь тьютора"));
}

#[actix_web::test]
async fn a_scheduled_request_tells_its_teacher_when_and_where() {
    let app = TestApp::new().await;
    let coord = app.login(COORDINATOR).await;
    let teacher = app.login(TEACHER).await;
    let (tid, tname) = tutor_id(&app).await;
    let math = subject_id(&app, &teacher, "Математика").await;
    let r = file_request(&app, &teacher, &math).await;
    let rid = r["id"].as_str().unwrap();
    let accept = app
        .post(
            &format!("/api/v1/requests/{rid}/transitions"),
            &coord,
            json!({"action": "accept", "tutor_user_id": tid, "version": r["version"]}),
        )
        .await;
    if accept.status != 200 {
        // The workflow's own tests cover the route; this one needs a scheduled request.
        panic!("accept: {}", accept.body);
    }
    let mut body = json!({"form": "group_consultation", "title": "Критерии оценивания",
        "format": "in_person", "place": "МОБУ СОШ № 7, кабинет 3", "audience": "teachers",
        "tutor_ids": [tid], "starts_at": at(30), "ends_at": at(31), "request_ids": [rid]});
    body["seats"] = json!(5);
    let s = plan_session(&app, &coord, body).await;
    let n = newest(&app, &teacher, "request_status").await;
    let text = n["body"].as_str().unwrap();
    let when = local(&app, &teacher, &s["starts_at"]).await;
    for part in [
        "«Критерии оценивания»",
        when.as_str(),
        "кабинет 3",
        tname.as_str(),
    ] {
        assert!(text.contains(part), "{part} in {text}");
    }
    assert_eq!(n["link"], format!("/requests/{rid}").as_str());
}
