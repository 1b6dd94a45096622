//! `POST /sessions` with a repetition: monthly at the same weekday position, once a
//! school quarter (never in the summer), within one academic year; planning ahead into
//! a later academic year once it exists.

use crate::common::*;
use serde_json::{json, Value};

/// A remote session of the demo tutor on `day` at 15:00–16:30 Moscow time.
fn on(day: &str) -> Value {
    json!({"form": "open_lesson", "title": "Открытый урок: функциональная грамотность",
           "starts_at": format!("{day}T12:00:00Z"), "ends_at": format!("{day}T13:30:00Z"),
           "format": "remote", "online_link": "https://meet.example/open", "audience": "teachers"})
}

fn series(day: &str, recurrence: &str, until: &str) -> Value {
    let mut b = on(day);
    b["recurrence"] = json!(recurrence);
    b["repeat_until"] = json!(until);
    b
}

fn days(made: &Value) -> Vec<String> {
    made.as_array()
        .unwrap()
        .iter()
        .map(|s| s["starts_at"].as_str().unwrap().to_string())
        .collect()
}

/// The academic year 2030/2031, created by the admin (not current).
async fn year_2030(app: &TestApp) -> String {
    let admin = app.login(ADMIN).await;
    app.post(
        "/api/v1/academic-years",
        &admin,
        json!({"start_year": 2030}),
    )
    .await
    .ok(201)["id"]
        .as_str()
        .unwrap()
        .to_string()
}

#[actix_web::test]
async fn a_later_year_is_planned_once_it_exists() {
    let app = TestApp::new().await;
    let tutor = app.login(TUTOR).await;
    let r = app.post("/api/v1/sessions", &tutor, on("2030-10-01")).await;
    assert_eq!(r.field_errors(), vec!["starts_at"]);
    assert!(
        r.body.to_string().contains("2030/2031, которого ещё нет"),
        "{}",
        r.body
    );
    let year = year_2030(&app).await;
    let made = app
        .post("/api/v1/sessions", &tutor, on("2030-10-01"))
        .await
        .ok(201);
    assert_eq!(made[0]["academic_year_id"], year.as_str());
    // A past academic year stays closed.
    let r = app.post("/api/v1/sessions", &tutor, on("2026-03-03")).await;
    assert_eq!(r.field_errors(), vec!["starts_at"]);
    assert!(r.body.to_string().contains("прошедшем"), "{}", r.body);
    // An edit may move a session into the later year too.
    let now = plan_session(
        &app,
        &tutor,
        remote_session("seminar", "Семинар: ВСОКО", 30, 31),
    )
    .await;
    let mut edit = on("2030-10-08");
    edit["version"] = now["version"].clone();
    let moved = app
        .put(
            &format!("/api/v1/sessions/{}", now["id"].as_str().unwrap()),
            &tutor,
            edit,
        )
        .await
        .ok(200);
    assert_eq!(moved["academic_year_id"], year.as_str());
}

#[actix_web::test]
async fn once_a_quarter_is_one_session_per_school_quarter() {
    let app = TestApp::new().await;
    year_2030(&app).await;
    let tutor = app.login(TUTOR).await;
    // 17.09.2030 is the third Tuesday of quarter I; until the end of the year.
    let made = app
        .post(
            "/api/v1/sessions",
            &tutor,
            series("2030-09-17", "quarterly", "2031-08-31"),
        )
        .await
        .ok(201);
    assert_eq!(
        days(&made),
        vec![
            "2030-09-17T12:00:00Z",
            "2030-11-19T12:00:00Z",
            "2031-01-28T12:00:00Z",
            "2031-04-15T12:00:00Z"
        ]
    );
    let series_id = made[0]["series_id"].as_str().unwrap();
    assert!(made
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["series_id"] == series_id));
    assert!(made
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["activity"] == "teaching"));
    // The list of one series has exactly its sessions, in time order (a request answered
    // by the series shows them).
    let listed = app
        .get(&format!("/api/v1/sessions?series_id={series_id}"), &tutor)
        .await
        .ok(200);
    assert_eq!(days(&listed["items"]), days(&made));
    // A series the caller cannot reach or that does not exist lists nothing.
    let none = app
        .get("/api/v1/sessions?series_id=00000000-no-such-series", &tutor)
        .await
        .ok(200);
    assert_eq!(none["total"], 0);
    // A quarterly series cannot start in the summer holidays.
    let r = app
        .post(
            "/api/v1/sessions",
            &tutor,
            series("2031-06-10", "quarterly", "2031-08-20"),
        )
        .await;
    assert_eq!(r.field_errors(), vec!["starts_at"]);
    // Nor repeat into the next academic year.
    let r = app
        .post(
            "/api/v1/sessions",
            &tutor,
            series("2031-02-04", "quarterly", "2031-10-01"),
        )
        .await;
    assert_eq!(r.field_errors(), vec!["repeat_until"]);
    assert!(r.body.to_string().contains("31.08.2031"), "{}", r.body);
}

#[actix_web::test]
async fn monthly_keeps_the_weekday_and_stays_in_the_school_year() {
    let app = TestApp::new().await;
    year_2030(&app).await;
    let tutor = app.login(TUTOR).await;
    let made = app
        .post(
            "/api/v1/sessions",
            &tutor,
            series("2030-09-17", "monthly", "2031-08-31"),
        )
        .await
        .ok(201);
    let got: Vec<String> = days(&made).iter().map(|d| d[..10].to_string()).collect();
    assert_eq!(
        got,
        vec![
            "2030-09-17",
            "2030-10-15",
            "2030-11-19",
            "2030-12-17",
            "2031-01-21",
            "2031-02-18",
            "2031-03-18",
            "2031-04-15",
            "2031-05-20"
        ]
    );
    // The tutor is now busy on those days: another series overlapping one is refused.
    let r = app.post("/api/v1/sessions", &tutor, on("2031-03-18")).await;
    assert_eq!((r.status, r.code()), (409, "tutor_conflict"));
    // Filter by activity type: open lessons are teaching; none is consulting.
    let teaching = app
        .get(
            "/api/v1/sessions?activity=teaching&from=2030-09-01T00:00:00Z",
            &tutor,
        )
        .await
        .ok(200);
    assert_eq!(teaching["total"], 9);
    let consulting = app
        .get(
            "/api/v1/sessions?activity=consulting&from=2030-09-01T00:00:00Z",
            &tutor,
        )
        .await
        .ok(200);
    assert_eq!(consulting["total"], 0);
}

#[actix_web::test]
async fn an_individual_form_has_one_participant() {
    let app = TestApp::new().await;
    let tutor = app.login(TUTOR).await;
    let mut b = remote_session("mentoring", "Наставничество: молодой учитель", 50, 51);
    b["seats"] = json!(10);
    b["open_to"] = json!("low_results");
    let r = app.post("/api/v1/sessions", &tutor, b).await;
    assert_eq!(r.field_errors(), vec!["seats", "open_to"]);
    let ok = plan_session(
        &app,
        &tutor,
        remote_session("mentoring", "Наставничество: молодой учитель", 50, 51),
    )
    .await;
    assert_eq!(ok["activity"], "consulting");
    // Nobody registers for an individual form.
    let teacher = app.login(TEACHER).await;
    let r = app
        .post(
            &format!(
                "/api/v1/sessions/{}/registration",
                ok["id"].as_str().unwrap()
            ),
            &teacher,
            json!({}),
        )
        .await;
    assert_eq!((r.status, r.code()), (409, "not_open_for_registration"));
}
