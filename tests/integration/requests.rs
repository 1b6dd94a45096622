//! Requests, the schedule, registrations, the session log, ratings, the dashboard,
//! notifications and iCal feeds: the consultation point end to end over HTTP.

use crate::common::*;
use serde_json::{json, Value};

pub async fn subject_id(app: &TestApp, t: &str, name: &str) -> String {
    let s = app.get("/api/v1/subjects", t).await.ok(200);
    s["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["name"] == name)
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string()
}

pub async fn file_request(app: &TestApp, teacher: &str, subject: &str) -> Value {
    app.post(
        "/api/v1/requests",
        teacher,
        json!({
            "form": "group_consultation", "subject_id": subject,
            "topic": "Формирующее оценивание на уроках математики",
            "problem": "Учащиеся 7-х классов не видят своих ошибок; нужна помощь с критериями",
            "audience": "teachers", "audience_count": 4, "format": "in_person",
        }),
    )
    .await
    .ok(201)
}

async fn step(app: &TestApp, t: &str, id: &str, body: Value) -> crate::common::Resp {
    app.post(&format!("/api/v1/requests/{id}/transitions"), t, body)
        .await
}

/// RFC 3339 time `hours` from now, whole minutes.
pub fn at(hours: i64) -> String {
    let t = chrono::Utc::now() + chrono::Duration::hours(hours);
    t.format("%Y-%m-%dT%H:%M:00Z").to_string()
}

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

    // 4. The tutor schedules a group session answering it (it started an hour ago).
    let s = app
        .post(
            "/api/v1/sessions",
            &tutor,
            json!({"form": "group_consultation", "subject_id": math, "title": "Критерии формирующего оценивания",
                   "starts_at": at(-1), "ends_at": at(0), "place": "ИМЦ, каб. 12", "format": "in_person",
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

#[actix_web::test]
async fn schedule_conflicts_year_bounds_series_and_cancel() {
    let app = TestApp::new().await;
    let tutor = app.login(TUTOR).await;
    let coord = app.login(COORDINATOR).await;
    let base = json!({"form": "master_class", "title": "Мастер-класс: текстовые задачи", "format": "in_person", "place": "СОШ № 1, актовый зал", "audience": "teachers"});
    let with = |s: i64, e: i64| {
        let mut b = base.clone();
        b["starts_at"] = json!(at(s));
        b["ends_at"] = json!(at(e));
        b
    };
    let first = app
        .post("/api/v1/sessions", &tutor, with(24, 26))
        .await
        .ok(201);
    let fid = first[0]["id"].as_str().unwrap().to_string();
    // The same tutor, overlapping.
    let r = app.post("/api/v1/sessions", &tutor, with(25, 27)).await;
    assert_eq!(r.status, 409);
    assert_eq!(r.code(), "tutor_conflict");
    assert!(r.body["detail"].as_str().unwrap().contains(&fid));
    // Outside the academic year.
    let mut far = with(24, 26);
    far["starts_at"] = json!("2030-01-10T10:00:00Z");
    far["ends_at"] = json!("2030-01-10T11:00:00Z");
    assert_eq!(
        app.post("/api/v1/sessions", &tutor, far)
            .await
            .field_errors(),
        vec!["starts_at"]
    );
    // Missing place for an in-person session; end before start.
    let mut bad = with(30, 29);
    bad["place"] = json!("");
    assert_eq!(
        app.post("/api/v1/sessions", &tutor, bad)
            .await
            .field_errors(),
        vec!["ends_at", "place"]
    );

    // A weekly series of three; one occurrence edited alone.
    let mut series = with(48, 49);
    series["place"] = json!("ИМЦ, каб. 5");
    series["recurrence"] = json!("weekly");
    let until = &at(48 + 24 * 15)[..10];
    series["repeat_until"] = json!(until);
    let made = app
        .post("/api/v1/sessions", &tutor, series.clone())
        .await
        .ok(201);
    let made = made.as_array().unwrap();
    assert_eq!(made.len(), 3);
    assert!(made
        .iter()
        .all(|s| s["series_id"] == made[0]["series_id"] && s["series_id"].is_string()));
    let second = made[1].clone();
    let mut edit = series.clone();
    edit.as_object_mut().unwrap().remove("recurrence");
    edit.as_object_mut().unwrap().remove("repeat_until");
    edit["title"] = json!("Мастер-класс (перенесён)");
    edit["starts_at"] = second["starts_at"].clone();
    edit["ends_at"] = second["ends_at"].clone();
    edit["version"] = second["version"].clone();
    let edited = app
        .put(
            &format!("/api/v1/sessions/{}", second["id"].as_str().unwrap()),
            &tutor,
            edit,
        )
        .await
        .ok(200);
    assert_eq!(edited["title"], "Мастер-класс (перенесён)");
    assert_eq!(
        app.get(
            &format!("/api/v1/sessions/{}", made[2]["id"].as_str().unwrap()),
            &tutor
        )
        .await
        .ok(200)["title"],
        "Мастер-класс: текстовые задачи"
    );

    // Filters: mine, form.
    let mine = app
        .get("/api/v1/sessions?mine=true&form=master_class", &tutor)
        .await
        .ok(200);
    assert_eq!(mine["total"], 4);
    // Cancel needs a reason; then the slot is free again.
    let r = app
        .post(
            &format!("/api/v1/sessions/{fid}/cancel"),
            &coord,
            json!({"reason": " ", "version": 1}),
        )
        .await;
    assert_eq!(r.field_errors(), vec!["reason"]);
    let c = app
        .post(
            &format!("/api/v1/sessions/{fid}/cancel"),
            &coord,
            json!({"reason": "Карантин в школе", "version": 1}),
        )
        .await
        .ok(200);
    assert_eq!(c["status"], "cancelled");
    app.post("/api/v1/sessions", &tutor, with(25, 27))
        .await
        .ok(201);
    // Logging a future session is refused.
    let future = &made[2];
    let r = app
        .post(
            &format!("/api/v1/sessions/{}/log", future["id"].as_str().unwrap()),
            &tutor,
            json!({"outcome": "x", "version": future["version"]}),
        )
        .await;
    assert_eq!(r.status, 422);
    // A teacher cannot plan sessions.
    let teacher = app.login(TEACHER).await;
    assert_eq!(
        app.post("/api/v1/sessions", &teacher, with(60, 61))
            .await
            .status,
        403
    );
}

#[actix_web::test]
async fn ical_feeds_are_secret_and_revocable() {
    let app = TestApp::new().await;
    let tutor = app.login(TUTOR).await;
    app.post(
        "/api/v1/sessions",
        &tutor,
        json!({"form": "tutorial", "title": "Тьюториал для учителей физики", "starts_at": at(30), "ends_at": at(31), "format": "remote", "online_link": "https://meet.example/abc", "audience": "teachers"}),
    )
    .await
    .ok(201);
    let feed = app
        .post("/api/v1/calendar/feeds", &tutor, json!({}))
        .await
        .ok(201);
    let url = feed["url"].as_str().unwrap();
    let mut res = app.srv.get(url).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 200);
    assert!(res
        .headers()
        .get("content-type")
        .unwrap()
        .to_str()
        .unwrap()
        .starts_with("text/calendar"));
    // Unfold RFC 5545 folded lines before looking for text.
    let body = String::from_utf8(res.body().await.unwrap().to_vec())
        .unwrap()
        .replace("\r\n ", "");
    assert!(body.starts_with("BEGIN:VCALENDAR"), "{body}");
    assert!(body.contains("Тьюториал для учителей физики"), "{body}");
    // Municipal feeds are for coordinators.
    assert_eq!(
        app.post("/api/v1/calendar/feeds", &tutor, json!({"municipal": true}))
            .await
            .status,
        403
    );
    let coord = app.login(COORDINATOR).await;
    app.post("/api/v1/calendar/feeds", &coord, json!({"municipal": true}))
        .await
        .ok(201);
    // Revoked: the URL stops working; a guessed token never worked.
    assert_eq!(
        app.delete(
            &format!("/api/v1/calendar/feeds/{}", feed["id"].as_str().unwrap()),
            &tutor
        )
        .await
        .status,
        204
    );
    assert_eq!(app.call("GET", url, None, None).await.status, 404);
    assert_eq!(
        app.call("GET", "/api/v1/calendar/guess.ics", None, None)
            .await
            .status,
        404
    );
}

#[actix_web::test]
async fn request_and_session_scopes() {
    let app = TestApp::new().await;
    let teacher = app.login(TEACHER).await;
    let math = subject_id(&app, &teacher, "Математика").await;
    let r = file_request(&app, &teacher, &math).await;
    let path = format!("/api/v1/requests/{}", r["id"].as_str().unwrap());
    let admin = app.login(ADMIN).await;
    let ms = app.municipalities(&admin).await;
    let foreign_school = app.school_id(&admin, &ms[1].0, "МБОУ СОШ № 6").await;
    app.post("/api/v1/users", &admin, json!({"email": "far@x.ru", "full_name": "Дальняя Учительница", "role": "teacher", "municipality_id": ms[1].0, "school_id": foreign_school, "password": PASSWORD})).await.ok(201);
    app.post("/api/v1/users", &admin, json!({"email": "far-coord@x.ru", "full_name": "Дальний Координатор", "role": "coordinator", "municipality_id": ms[1].0, "password": PASSWORD})).await.ok(201);
    let far_teacher = app.login("far@x.ru").await;
    let far_coord = app.login("far-coord@x.ru").await;
    //                 who                          GET request  list total  dashboard
    let cases: Vec<(&str, String, u16, i64, u16)> = vec![
        ("admin", admin.clone(), 200, 1, 403),
        ("coordinator", app.login(COORDINATOR).await, 200, 1, 200),
        ("tutor (not assigned)", app.login(TUTOR).await, 404, 0, 403),
        ("teacher (requester)", teacher.clone(), 200, 1, 403),
        (
            "school admin (same school)",
            app.login(SCHOOL_ADMIN).await,
            200,
            1,
            403,
        ),
        ("observer", app.login(OBSERVER).await, 200, 1, 403),
        (
            "teacher of another municipality",
            far_teacher.clone(),
            404,
            0,
            403,
        ),
        (
            "coordinator of another municipality",
            far_coord.clone(),
            404,
            0,
            200,
        ),
    ];
    let mut failures = Vec::new();
    for (who, t, get, total, dash) in &cases {
        let g = app.get(&path, t).await.status;
        let l = app.get("/api/v1/requests", t).await;
        let d = app.get("/api/v1/dashboard", t).await.status;
        let lt = if l.status == 200 {
            l.body["total"].as_i64().unwrap()
        } else {
            -1
        };
        if g != *get || lt != *total || d != *dash {
            failures.push(format!("{who}: GET {g} (want {get}), list total {lt} (want {total}), dashboard {d} (want {dash})"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // Writes: only teachers and school administrators file; observers write nothing.
    let obs = app.login(OBSERVER).await;
    let body = json!({"form": "tutorial", "topic": "т", "problem": "п", "audience": "teachers", "format": "remote"});
    assert_eq!(
        app.post("/api/v1/requests", &obs, body.clone())
            .await
            .status,
        403
    );
    assert_eq!(
        app.post("/api/v1/requests", &app.login(TUTOR).await, body.clone())
            .await
            .status,
        403
    );
    assert_eq!(
        app.post("/api/v1/requests", &app.login(SCHOOL_ADMIN).await, body)
            .await
            .status,
        201
    );
    assert_eq!(
        step(
            &app,
            &far_coord,
            r["id"].as_str().unwrap(),
            json!({"action": "ask_info", "comment": "?", "version": 1})
        )
        .await
        .status,
        404
    );
    assert_eq!(app.post("/api/v1/sessions", &obs, json!({"form": "tutorial", "title": "т", "starts_at": at(5), "ends_at": at(6), "format": "remote", "online_link": "x", "audience": "teachers"})).await.status, 403);
}

/// Every role × the schedule's endpoints, own and foreign municipality; expected
/// statuses written out by hand.
#[actix_web::test]
async fn session_endpoints_matrix() {
    let app = TestApp::new().await;
    let admin = app.login(ADMIN).await;
    let tutor = app.login(TUTOR).await;
    let ms = app.municipalities(&admin).await;
    app.post("/api/v1/users", &admin, json!({"email": "far-coord@x.ru", "full_name": "Дальний Координатор", "role": "coordinator", "municipality_id": ms[1].0, "password": PASSWORD})).await.ok(201);
    let roles: Vec<(&str, String)> = vec![
        ("admin", admin.clone()),
        ("coordinator", app.login(COORDINATOR).await),
        ("tutor", tutor.clone()),
        ("teacher", app.login(TEACHER).await),
        ("school_admin", app.login(SCHOOL_ADMIN).await),
        ("observer", app.login(OBSERVER).await),
        ("far coordinator", app.login("far-coord@x.ru").await),
    ];
    let s = app
        .post("/api/v1/sessions", &tutor, json!({"form": "group_consultation", "title": "Проверка доступа", "starts_at": at(-3), "ends_at": at(-2), "format": "remote", "online_link": "https://meet.example/x", "audience": "teachers"}))
        .await
        .ok(201);
    let sid = s[0]["id"].as_str().unwrap().to_string();
    let sp = format!("/api/v1/sessions/{sid}");

    //                       admin coord tutor teach sadm  obs   far
    let rows: Vec<(&str, [u16; 7])> = vec![
        ("GET session", [200, 200, 200, 200, 200, 200, 404]),
        ("LIST sessions", [200, 200, 200, 200, 200, 200, 200]),
        ("PUT session", [200, 200, 200, 403, 403, 403, 404]),
        ("POST registration", [403, 403, 200, 200, 200, 403, 404]),
        ("GET dashboard", [403, 200, 403, 403, 403, 403, 200]),
        ("POST personal feed", [201, 201, 201, 201, 201, 201, 201]),
        ("POST municipal feed", [403, 201, 403, 403, 403, 403, 201]),
        ("GET notifications", [200, 200, 200, 200, 200, 200, 200]),
        ("POST log (early)", [404, 404, 404, 403, 403, 403, 404]),
    ];
    let mut failures = Vec::new();
    for (i, (role, t)) in roles.iter().enumerate() {
        for (case, expected) in &rows {
            let got = match *case {
                "GET session" => app.get(&sp, t).await.status,
                "LIST sessions" => app.get("/api/v1/sessions", t).await.status,
                "PUT session" => {
                    let cur = app.get(&sp, &admin).await.ok(200);
                    let tutors: Vec<Value> = cur["tutors"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|p| p["id"].clone())
                        .collect();
                    let body = json!({"form": cur["form"], "title": format!("Проверка доступа {i}"), "starts_at": cur["starts_at"], "ends_at": cur["ends_at"], "format": "remote", "online_link": "https://meet.example/x", "audience": "teachers", "tutor_ids": tutors, "version": cur["version"]});
                    app.put(&sp, t, body).await.status
                }
                "POST registration" => {
                    app.post(&format!("{sp}/registration"), t, json!({}))
                        .await
                        .status
                }
                "GET dashboard" => app.get("/api/v1/dashboard", t).await.status,
                "POST personal feed" => {
                    app.post("/api/v1/calendar/feeds", t, json!({}))
                        .await
                        .status
                }
                "POST municipal feed" => {
                    app.post("/api/v1/calendar/feeds", t, json!({"municipal": true}))
                        .await
                        .status
                }
                "GET notifications" => app.get("/api/v1/notifications", t).await.status,
                // A malformed log (empty outcome) tells permission apart without holding the session.
                "POST log (early)" => {
                    let r = app
                        .post(
                            &format!("{sp}/log"),
                            t,
                            json!({"outcome": "", "version": 1}),
                        )
                        .await
                        .status;
                    if r == 422 {
                        404
                    } else {
                        r
                    }
                }
                other => panic!("{other}"),
            };
            if got != expected[i] {
                failures.push(format!(
                    "{role:>16} {case:<20} expected {} got {got}",
                    expected[i]
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "schedule matrix mismatches:\n{}",
        failures.join("\n")
    );

    // Holding, amending, rating and cancelling.
    let cur = app.get(&sp, &tutor).await.ok(200);
    let teacher = &roles[3].1;
    let teacher_id = app.get("/api/v1/auth/me", teacher).await.ok(200)["id"].clone();
    for (who, t, want) in [
        ("teacher", teacher, 403),
        ("observer", &roles[5].1, 403),
        ("far", &roles[6].1, 404),
    ] {
        let r = app
            .post(
                &format!("{sp}/log"),
                t,
                json!({"outcome": "итог", "version": cur["version"]}),
            )
            .await
            .status;
        assert_eq!(r, want, "{who} log");
    }
    app.post(
        &format!("{sp}/log"),
        &tutor,
        json!({"outcome": "итог", "attended_user_ids": [teacher_id], "version": cur["version"]}),
    )
    .await
    .ok(200);
    for (who, t, want) in [
        ("teacher", teacher, 403),
        ("observer", &roles[5].1, 403),
        ("coordinator", &roles[1].1, 200),
    ] {
        let r = app
            .post(
                &format!("{sp}/amendments"),
                t,
                json!({"field": "summary", "value": "кратко", "note": "дополнение"}),
            )
            .await
            .status;
        assert_eq!(r, want, "{who} amend");
    }
    for (who, t, want) in [
        ("observer", &roles[5].1, 403),
        ("coordinator", &roles[1].1, 403),
        ("teacher", teacher, 200),
    ] {
        let r = app
            .post(&format!("{sp}/ratings"), t, json!({"score": 4}))
            .await
            .status;
        assert_eq!(r, want, "{who} rate");
    }
    assert_eq!(
        app.post(
            &format!("{sp}/cancel"),
            &roles[1].1,
            json!({"reason": "поздно", "version": 99})
        )
        .await
        .status,
        409
    );
}

/// The dashboard flags open requests with no status change for `stale_days` days.
#[actix_web::test]
async fn dashboard_flags_stale_requests() {
    let app = TestApp::new().await;
    let teacher = app.login(TEACHER).await;
    let coord = app.login(COORDINATOR).await;
    let math = subject_id(&app, &teacher, "Математика").await;
    let r = file_request(&app, &teacher, &math).await;
    let now = app
        .get("/api/v1/dashboard?stale_days=0", &coord)
        .await
        .ok(200);
    let stale: Vec<&str> = now["stale_requests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["id"].as_str().unwrap())
        .collect();
    assert_eq!(stale, vec![r["id"].as_str().unwrap()]);
    assert_eq!(now["stale_requests"][0]["school_name"], "МОБУ СОШ № 2");
    let later = app
        .get("/api/v1/dashboard?stale_days=3", &coord)
        .await
        .ok(200);
    assert_eq!(later["stale_requests"], json!([]));
    assert_eq!(
        app.get("/api/v1/requests?stale_days=0", &coord)
            .await
            .ok(200)["total"],
        1
    );
}
