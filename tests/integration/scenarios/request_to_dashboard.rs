//! The consultation point end to end: a request is filed, clarified and accepted, a
//! session answers it, teachers register and queue, the tutor logs it, participants
//! rate it, the dashboard counts it and the inbox tells the story.

use crate::common::*;
use serde_json::{json, Value};

#[actix_web::test]
async fn the_whole_path_from_request_to_dashboard() {
    let app = TestApp::new().await;
    let teacher = app.login(TEACHER).await;
    let coord = app.login(COORDINATOR).await;
    let tutor = app.login(TUTOR).await;
    let math = subject_id(&app, &teacher, "Математика").await;

    // 1. A teacher files a request.
    let r = file_request(&app, &teacher, &math).await;
    let id = r["id"].as_str().unwrap().to_string();
    assert_eq!(r["status"], "new");
    assert_eq!(r["requester_name"], "Синицына Ольга Андреевна");

    // Validation and illegal steps.
    let bad = app.post("/api/v1/requests", &teacher, json!({"topic": "", "problem": "", "form": null, "audience": "teachers", "format": "remote"})).await;
    assert_eq!(bad.status, 422);
    assert_eq!(bad.field_errors(), vec!["form", "topic", "problem"]);
    let r409 = step(
        &app,
        &coord,
        &id,
        json!({"action": "complete", "version": 1}),
    )
    .await;
    assert_eq!(r409.status, 409);
    assert_eq!(r409.code(), "invalid_transition");
    assert!(
        r409.body["detail"].as_str().unwrap().contains("ask_info"),
        "{}",
        r409.body
    );
    // The teacher may not accept their own request.
    assert_eq!(
        step(
            &app,
            &teacher,
            &id,
            json!({"action": "accept", "tutor_user_id": "x", "version": 1})
        )
        .await
        .status,
        403
    );

    // 2. The coordinator asks for more information; the teacher answers.
    let r = step(
        &app,
        &coord,
        &id,
        json!({"action": "ask_info", "version": 1}),
    )
    .await;
    assert_eq!(r.field_errors(), vec!["comment"]);
    let r = step(
        &app,
        &coord,
        &id,
        json!({"action": "ask_info", "comment": "Уточните классы и удобные дни", "version": 1}),
    )
    .await
    .ok(200);
    assert_eq!(r["status"], "needs_info");
    let r = step(
        &app,
        &teacher,
        &id,
        json!({"action": "answer", "comment": "7А и 7Б, по четвергам", "version": r["version"]}),
    )
    .await
    .ok(200);
    assert_eq!(r["status"], "new");
    assert_eq!(r["allowed_actions"], json!(["cancel"]));

    // 3. The coordinator takes the suggested tutor.
    let sugg = app
        .get(&format!("/api/v1/requests/{id}/tutor-suggestions"), &coord)
        .await
        .ok(200);
    let first = &sugg.as_array().unwrap()[0];
    assert_eq!(first["full_name"], "Кедров Алексей Павлович");
    assert!(
        first["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x == "тот же предмет"),
        "{first}"
    );
    assert_eq!(
        app.get(
            &format!("/api/v1/requests/{id}/tutor-suggestions"),
            &teacher
        )
        .await
        .status,
        403
    );
    let tutor_id = first["user_id"].as_str().unwrap().to_string();
    let r = step(
        &app,
        &coord,
        &id,
        json!({"action": "accept", "tutor_user_id": tutor_id, "version": r["version"]}),
    )
    .await
    .ok(200);
    assert_eq!(r["status"], "accepted");
    assert_eq!(r["tutor_name"], "Кедров Алексей Павлович");

    // 4. The tutor schedules a group session answering it (in two hours).
    let s = app
        .post(
            "/api/v1/sessions",
            &tutor,
            json!({"form": "group_consultation", "subject_id": math, "title": "Критерии формирующего оценивания",
                   "starts_at": at(2), "ends_at": at(3), "place": "ИМЦ, каб. 12", "format": "in_person",
                   "audience": "teachers", "seats": 1, "request_ids": [id]}),
        )
        .await
        .ok(201);
    let sid = s[0]["id"].as_str().unwrap().to_string();
    let r = app
        .get(&format!("/api/v1/requests/{id}"), &teacher)
        .await
        .ok(200);
    assert_eq!(r["status"], "scheduled");
    assert_eq!(r["session_id"], sid.as_str());

    // 5. Two teachers register for one seat: the second waits, then moves up.
    let (m, _) = app.municipalities(&coord).await.remove(0);
    let school2 = app.school_id(&coord, &m, "МОБУ СОШ № 7").await;
    app.post("/api/v1/users", &coord, json!({"email": "teacher2@tutornet.local", "full_name": "Голубева Анна Сергеевна", "role": "teacher", "municipality_id": m, "school_id": school2, "password": PASSWORD})).await.ok(201);
    let teacher2 = app.login("teacher2@tutornet.local").await;
    let d = app
        .post(
            &format!("/api/v1/sessions/{sid}/registration"),
            &teacher,
            json!({}),
        )
        .await
        .ok(200);
    assert_eq!(d["my_registration"], "registered");
    let d = app
        .post(
            &format!("/api/v1/sessions/{sid}/registration"),
            &teacher2,
            json!({}),
        )
        .await
        .ok(200);
    assert_eq!(d["my_registration"], "waitlisted");
    // A third teacher queues behind; they see their own place, counted over everyone.
    app.post("/api/v1/users", &coord, json!({"email": "teacher3@tutornet.local", "full_name": "Орлова Вера Ильинична", "role": "teacher", "municipality_id": m, "school_id": school2, "password": PASSWORD})).await.ok(201);
    let teacher3 = app.login("teacher3@tutornet.local").await;
    let d3 = app
        .post(
            &format!("/api/v1/sessions/{sid}/registration"),
            &teacher3,
            json!({}),
        )
        .await
        .ok(200);
    let mine: Vec<&Value> = d3["registrations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["full_name"] == "Орлова Вера Ильинична")
        .collect();
    assert_eq!(mine.len(), 1, "{d3}");
    assert_eq!(mine[0]["waitlist_position"], 2);
    app.delete(&format!("/api/v1/sessions/{sid}/registration"), &teacher3)
        .await
        .ok(200);
    assert_eq!(
        app.post(
            &format!("/api/v1/sessions/{sid}/registration"),
            &teacher2,
            json!({})
        )
        .await
        .status,
        409
    );
    app.delete(&format!("/api/v1/sessions/{sid}/registration"), &teacher)
        .await
        .ok(200);
    let d = app
        .get(&format!("/api/v1/sessions/{sid}"), &teacher2)
        .await
        .ok(200);
    assert_eq!(d["my_registration"], "registered");
    let inbox = app.get("/api/v1/notifications", &teacher2).await.ok(200);
    assert!(inbox["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n["kind"] == "waitlist_promoted"));

    // Once it has started, nobody registers any more.
    move_session(&app, &tutor, &sid, -1, 0).await;
    let late = app
        .post(
            &format!("/api/v1/sessions/{sid}/registration"),
            &teacher3,
            json!({}),
        )
        .await;
    assert_eq!((late.status, late.code()), (409, "session_started"));

    // 6. The tutor logs it as held with attendance; the request is done.
    let d = app
        .get(&format!("/api/v1/sessions/{sid}"), &tutor)
        .await
        .ok(200);
    assert_eq!(d["can_manage"], true);
    let t2id = app.get("/api/v1/auth/me", &teacher2).await.ok(200)["id"]
        .as_str()
        .unwrap()
        .to_string();
    let logged = app
        .post(&format!("/api/v1/sessions/{sid}/log"), &tutor, json!({"attended_user_ids": [t2id], "outcome": "Разобрали критерии, составили чек-лист", "summary": "Чек-лист во вложении", "private_notes": "Голубевой нужна индивидуальная консультация", "materials": "Чек-лист критериев.docx", "version": d["version"]}))
        .await
        .ok(200);
    assert_eq!(logged["status"], "held");
    assert_eq!(logged["registrations"][1]["attended"], true);
    assert_eq!(
        app.get(&format!("/api/v1/requests/{id}"), &teacher)
            .await
            .ok(200)["status"],
        "done"
    );
    // Private notes stay private.
    let seen_by_teacher = app
        .get(&format!("/api/v1/sessions/{sid}"), &teacher2)
        .await
        .ok(200);
    assert!(seen_by_teacher["private_notes"].is_null());
    assert_eq!(seen_by_teacher["summary"], "Чек-лист во вложении");
    // Logging twice is refused; corrections are amendments.
    assert_eq!(
        app.post(
            &format!("/api/v1/sessions/{sid}/log"),
            &tutor,
            json!({"outcome": "другое", "version": logged["version"]})
        )
        .await
        .code(),
        "already_held"
    );
    let amended = app.post(&format!("/api/v1/sessions/{sid}/amendments"), &tutor, json!({"field": "outcome", "value": "Разобрали критерии и два кейса", "note": "Дополнил итог"})).await.ok(200);
    assert_eq!(amended["outcome"], "Разобрали критерии и два кейса");
    assert_eq!(
        amended["amendments"][0]["before_value"],
        "Разобрали критерии, составили чек-лист"
    );
    assert_eq!(
        amended["amendments"][0]["author_name"],
        "Кедров Алексей Павлович"
    );

    // 7. Participants rate it once.
    let rated = app
        .post(
            &format!("/api/v1/sessions/{sid}/ratings"),
            &teacher2,
            json!({"score": 5, "comment": "Очень полезно"}),
        )
        .await
        .ok(200);
    assert_eq!(rated["average_rating"], 5.0);
    assert_eq!(
        app.post(
            &format!("/api/v1/sessions/{sid}/ratings"),
            &teacher2,
            json!({"score": 4})
        )
        .await
        .code(),
        "already_rated"
    );
    assert_eq!(
        app.post(
            &format!("/api/v1/sessions/{sid}/ratings"),
            &teacher2,
            json!({"score": 9})
        )
        .await
        .status,
        422
    );

    // 8. The coordinator's dashboard counts it.
    let dash = app.get("/api/v1/dashboard", &coord).await.ok(200);
    assert_eq!(dash["held_this_month"], 1);
    let done = dash["requests_by_status"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["key"] == "done")
        .unwrap();
    assert_eq!(done["count"], 1);
    assert!(dash["sessions_this_month_by_form"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["key"] == "group_consultation" && c["count"] == 1));
    let load = dash["tutor_load"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["full_name"] == "Кедров Алексей Павлович")
        .unwrap()
        .clone();
    assert_eq!(load["held_this_month"], 1);

    // History of the request tells the whole story.
    let r = app
        .get(&format!("/api/v1/requests/{id}"), &coord)
        .await
        .ok(200);
    let statuses: Vec<&str> = r["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["to_status"].as_str().unwrap())
        .collect();
    assert_eq!(
        statuses,
        vec!["new", "needs_info", "new", "accepted", "scheduled", "done"]
    );
    let inbox = app
        .get("/api/v1/notifications?unread=true", &teacher)
        .await
        .ok(200);
    assert!(inbox["unread"].as_i64().unwrap() >= 4, "{inbox}");
    assert_eq!(
        app.post("/api/v1/notifications/read-all", &teacher, json!({}))
            .await
            .status,
        204
    );
    assert_eq!(
        app.get("/api/v1/notifications?unread=true", &teacher)
            .await
            .ok(200)["unread"],
        0
    );
}
