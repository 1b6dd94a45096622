//! A coordinator registers a request that came by letter or phone on a school's behalf:
//! the request belongs to the school, the coordinator is its author.

use crate::common::*;
use serde_json::{json, Value};

fn letter(school: &str, received: &str) -> Value {
    json!({"form": "thematic_consultation", "topic": "Критерии оценивания устного ответа",
           "problem": "Учителя русского языка по-разному оценивают устное собеседование",
           "audience": "teachers", "format": "in_person", "school_id": school,
           "channel": "letter", "received_on": received, "contact": "зам. директора по УВР Петрова Н.В."})
}

#[actix_web::test]
async fn a_coordinator_registers_a_letter_for_a_school() {
    let app = TestApp::new().await;
    let w = World::build(&app).await;
    let coord = app.login(COORDINATOR).await;
    let head = app.login(SCHOOL_ADMIN).await;
    let today = chrono::Utc::now()
        .date_naive()
        .format("%Y-%m-%d")
        .to_string();
    let r = app
        .post("/api/v1/requests", &coord, letter(&w.own_school, &today))
        .await
        .ok(201);
    assert_eq!(r["school_id"], w.own_school.as_str());
    assert_eq!(r["channel"], "letter");
    assert_eq!(r["received_on"], today.as_str());
    assert_eq!(r["contact"], "зам. директора по УВР Петрова Н.В.");
    assert_eq!(r["for_school"], true);
    assert_eq!(r["requester_name"], app.me(&coord).await["full_name"]);
    // The school sees it and may withdraw it; the school's head heard about it.
    let id = r["id"].as_str().unwrap();
    let seen = app
        .get(&format!("/api/v1/requests/{id}"), &head)
        .await
        .ok(200);
    assert!(
        seen["allowed_actions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a == "cancel"),
        "{seen}"
    );
    let inbox = app.get("/api/v1/notifications", &head).await.ok(200);
    assert!(inbox.to_string().contains("письмо"), "{inbox}");

    // What a registration on a school's behalf needs.
    let mut bad = letter(&w.own_school, "2999-01-01");
    bad["channel"] = json!("platform");
    assert_eq!(
        app.post("/api/v1/requests", &coord, bad)
            .await
            .field_errors(),
        vec!["channel", "received_on"]
    );
    let mut none = letter(&w.own_school, &today);
    none.as_object_mut().unwrap().remove("school_id");
    assert_eq!(
        app.post("/api/v1/requests", &coord, none)
            .await
            .field_errors(),
        vec!["school_id"]
    );
    // A school of another municipality is out of the coordinator's reach.
    assert_eq!(
        app.post(
            "/api/v1/requests",
            &coord,
            letter(&w.foreign_school, &today)
        )
        .await
        .field_errors(),
        vec!["school_id"]
    );
    // Schools file for themselves, through the platform, without the coordinator's fields.
    let teacher = app.login(TEACHER).await;
    assert_eq!(
        app.post(
            "/api/v1/requests",
            &teacher,
            letter(&w.other_school, &today)
        )
        .await
        .field_errors(),
        vec!["school_id"]
    );
    assert_eq!(
        app.post("/api/v1/requests", &teacher, letter(&w.own_school, &today))
            .await
            .field_errors(),
        vec!["channel", "received_on", "contact"]
    );
    let own = file_request(&app, &teacher, &w.math).await;
    assert_eq!(own["channel"], "platform");
    assert_eq!(own["received_on"], Value::Null);
    // The regional admin registers for any school of the region; observers never.
    let admin = app.login(ADMIN).await;
    app.post(
        "/api/v1/requests",
        &admin,
        letter(&w.foreign_school, &today),
    )
    .await
    .ok(201);
    assert_eq!(
        app.post(
            "/api/v1/requests",
            &app.login(OBSERVER).await,
            letter(&w.own_school, &today)
        )
        .await
        .status,
        403
    );
    // The coordinator, as author, withdraws their registration.
    let c = step(
        &app,
        &coord,
        id,
        json!({"action": "cancel", "version": seen["version"]}),
    )
    .await
    .ok(200);
    assert_eq!(c["status"], "cancelled");
}
