//! Builders for the objects tests make: schools, users with a role, requests,
//! sessions, composition members, orders and nominations.

use super::app::TestApp;
use super::world::PASSWORD;
use serde_json::{json, Value};

/// RFC 3339 time `hours` from now, whole minutes.
pub fn at(hours: i64) -> String {
    let t = chrono::Utc::now() + chrono::Duration::hours(hours);
    t.format("%Y-%m-%dT%H:%M:00Z").to_string()
}

/// The id of a subject by its name.
pub async fn subject_id(app: &TestApp, t: &str, name: &str) -> String {
    let list = app.get("/api/v1/subjects", t).await.ok(200);
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == name)
        .and_then(|s| s["id"].as_str())
        .unwrap_or_else(|| panic!("subject {name}"))
        .to_string()
}

/// The id of a demo municipality by the start of its name.
pub async fn municipality_by_name(app: &TestApp, t: &str, prefix: &str) -> String {
    app.municipalities(t)
        .await
        .into_iter()
        .find(|(_, n)| n.starts_with(prefix))
        .unwrap()
        .0
}

/// A new municipality (admin only).
pub async fn new_municipality(app: &TestApp, admin: &str, name: &str) -> String {
    app.post("/api/v1/municipalities", admin, json!({"name": name}))
        .await
        .ok(201)["id"]
        .as_str()
        .unwrap()
        .to_string()
}

// ------------------------------------------------------------------ schools

/// A new school's input: a ШНОР in municipality `m`.
pub fn school(m: &str, short: &str) -> Value {
    json!({
        "municipality_id": m,
        "short_name": short,
        "full_name": format!("Муниципальное бюджетное общеобразовательное учреждение {short}"),
        "address": "ст. Новая, ул. Школьная, 1",
        "is_low_results": true,
    })
}

/// The edit body that leaves a school (as `GET /schools/{id}` shows it) unchanged.
pub fn school_edit(s: &Value) -> Value {
    json!({
        "municipality_id": s["municipality_id"], "full_name": s["full_name"], "short_name": s["short_name"],
        "address": s["address"], "is_low_results": s["is_low_results"], "is_difficult_conditions": s["is_difficult_conditions"],
        "is_500plus": s["is_500plus"], "is_mentor": s["is_mentor"], "mentor_school_id": s["mentor_school_id"], "version": s["version"],
    })
}

// -------------------------------------------------------------------- users

/// A new user's input with the demo password.
pub fn user(email: &str, full_name: &str, role: &str, m: &str, school: Option<&str>) -> Value {
    let mut v = json!({"email": email, "full_name": full_name, "role": role, "municipality_id": m, "password": PASSWORD});
    if let Some(s) = school {
        v["school_id"] = json!(s);
    }
    v
}

/// Creates a user (as `token`) and returns its id.
pub async fn create_user(app: &TestApp, token: &str, body: Value) -> String {
    app.post("/api/v1/users", token, body).await.ok(201)["id"]
        .as_str()
        .unwrap()
        .to_string()
}

/// A coordinator of the other (foreign) municipality, logged in.
pub async fn far_coordinator(app: &TestApp, admin: &str) -> String {
    let ms = app.municipalities(admin).await;
    create_user(
        app,
        admin,
        user(
            "far-coord@x.ru",
            "Дальний Координатор",
            "coordinator",
            &ms[1].0,
            None,
        ),
    )
    .await;
    app.login("far-coord@x.ru").await
}

// ------------------------------------------------------------------ requests

/// A teacher files a group consultation request.
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

// ------------------------------------------------------------------ sessions

/// A remote session for teachers from `start` to `end` hours from now.
pub fn remote_session(form: &str, title: &str, start: i64, end: i64) -> Value {
    json!({"form": form, "title": title, "starts_at": at(start), "ends_at": at(end), "format": "remote",
           "online_link": "https://meet.example/x", "audience": "teachers"})
}

/// Plans a session (as a tutor) and returns the first occurrence.
pub async fn plan_session(app: &TestApp, tutor: &str, body: Value) -> Value {
    app.post("/api/v1/sessions", tutor, body).await.ok(201)[0].clone()
}

/// Moves a planned session to `start`..`end` hours from now, keeping everything else:
/// teachers register while a session is ahead, then the tests let it take place.
pub async fn move_session(app: &TestApp, tutor: &str, id: &str, start: i64, end: i64) -> Value {
    let path = format!("/api/v1/sessions/{id}");
    let s = app.get(&path, tutor).await.ok(200);
    let mut body = json!({"starts_at": at(start), "ends_at": at(end)});
    for k in [
        "form",
        "subject_id",
        "title",
        "place",
        "online_link",
        "format",
        "audience",
        "seats",
        "version",
    ] {
        body[k] = s[k].clone();
    }
    body["tutor_ids"] = s["tutors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].clone())
        .collect();
    app.put(&path, tutor, body).await.ok(200)
}

// --------------------------------------------------------------- composition

/// Adds a nominated member of the composition; returns its id.
pub async fn add_member(app: &TestApp, t: &str, m: &str, name: &str, subject_id: &str) -> String {
    app.post(
        "/api/v1/composition/members",
        t,
        json!({"municipality_id": m, "full_name": name, "subject_ids": [subject_id], "level": "municipal", "position": "учитель"}),
    )
    .await
    .ok(201)["id"]
        .as_str()
        .unwrap()
        .to_string()
}

/// An order's input: approve `approve`, exclude `exclude`.
pub fn order(kind: &str, date: &str, approve: Vec<&str>, exclude: Value) -> Value {
    json!({
        "kind": kind, "number": format!("01-03/{date}"), "issued_on": date, "issuer": "МКУ ИМЦ",
        "title": "О составе муниципального сообщества тьюторов",
        "approve_member_ids": approve, "exclude": exclude,
    })
}

/// A nomination's input that meets every criterion.
pub fn nomination(school: Option<&str>, subject_id: &str, name: &str) -> Value {
    let mut v = json!({
        "full_name": name, "subject_id": subject_id, "position": "учитель математики",
        "is_current_teacher": true, "experience_years": 12, "achievements": "Призёры олимпиад",
        "has_authority": true, "ready_to_help": true, "justification": "Стабильно высокие результаты ОГЭ",
    });
    if let Some(s) = school {
        v["school_id"] = json!(s);
    }
    v
}

/// The `items` of a list response.
pub fn items(page: &Value) -> &Vec<Value> {
    page["items"].as_array().expect("a list response has items")
}

/// The audit entries of one record, as `t` reads them.
pub async fn audit_of(app: &TestApp, t: &str, entity_id: &str) -> Value {
    app.get(&format!("/api/v1/audit?entity_id={entity_id}"), t)
        .await
        .ok(200)
}

/// The actions of audit entries.
pub fn actions(log: &Value) -> Vec<String> {
    items(log)
        .iter()
        .map(|e| e["action"].as_str().unwrap().to_string())
        .collect()
}

/// A new calendar feed of the caller `t`.
pub async fn new_feed(app: &TestApp, t: &str) -> Value {
    app.post("/api/v1/calendar/feeds", t, serde_json::json!({}))
        .await
        .ok(201)
}

/// Members of one municipality (first 200), in the list's order.
pub async fn members_of(app: &TestApp, t: &str, m: &str) -> Vec<Value> {
    let page = app
        .get(
            &format!("/api/v1/composition/members?municipality_id={m}&limit=200"),
            t,
        )
        .await
        .ok(200);
    items(&page).clone()
}

// ------------------------------------------------------------- tutors

/// A member of municipality `m` approved by an order of `date` (made by the admin).
pub async fn approved_member_of(
    app: &TestApp,
    admin: &str,
    m: &str,
    name: &str,
    date: &str,
) -> String {
    let math = subject_id(app, admin, "Математика").await;
    let id = add_member(app, admin, m, name, &math).await;
    let mut o = order("approve", date, vec![&id], json!([]));
    o["municipality_id"] = json!(m);
    app.post("/api/v1/composition/orders", admin, o)
        .await
        .ok(201);
    id
}

/// A tutor the composition's way: a user of `m` with `role` (demo password), a member
/// approved by an order, the member's account linked to the user. Returns the user id.
pub async fn composition_tutor(
    app: &TestApp,
    admin: &str,
    m: &str,
    email: &str,
    name: &str,
) -> String {
    let uid = create_user(app, admin, user(email, name, "tutor", m, None)).await;
    let member = approved_member_of(app, admin, m, name, "2026-09-21").await;
    app.post(
        &format!("/api/v1/composition/members/{member}/account"),
        admin,
        json!({ "user_id": uid }),
    )
    .await
    .ok(201);
    uid
}
