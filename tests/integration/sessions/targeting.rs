//! A group session open to ШНОР/ШССУ teachers only, or to named schools: registration
//! enforces it (403 with the reason), the list shows it.

use crate::common::*;
use serde_json::json;

#[actix_web::test]
async fn registration_follows_the_sessions_audience() {
    let app = TestApp::new().await;
    let w = World::build(&app).await;
    let tutor = app.login(TUTOR).await;
    let coord = app.login(COORDINATOR).await;
    let teacher = app.login(TEACHER).await;
    // A teacher of another, ordinary school of the municipality.
    let plain = app.school_id(&coord, &w.own_m, "МБОУ СОШ № 5").await;
    let school = app
        .get(&format!("/api/v1/schools/{plain}"), &coord)
        .await
        .ok(200);
    let mut edit = school_edit(&school);
    edit["is_low_results"] = json!(false);
    edit["is_difficult_conditions"] = json!(false);
    app.put(&format!("/api/v1/schools/{plain}"), &coord, edit)
        .await
        .ok(200);
    create_user(
        &app,
        &coord,
        user(
            "plain@x.ru",
            "Обычная Учительница",
            "teacher",
            &w.own_m,
            Some(&plain),
        ),
    )
    .await;
    let other = app.login("plain@x.ru").await;
    let own = app
        .get(&format!("/api/v1/schools/{}", w.own_school), &coord)
        .await
        .ok(200);
    assert!(
        own["is_low_results"] == true || own["is_difficult_conditions"] == true,
        "the demo teacher's school is a ШНОР/ШССУ: {own}"
    );

    // Open to ШНОР/ШССУ only.
    let mut b = remote_session("seminar", "Семинар для ШНОР", 50, 51);
    b["open_to"] = json!("low_results");
    let s = plan_session(&app, &tutor, b).await;
    assert_eq!(s["open_to"], "low_results");
    let path = format!(
        "/api/v1/sessions/{}/registration",
        s["id"].as_str().unwrap()
    );
    let refused = app.post(&path, &other, json!({})).await;
    assert_eq!(refused.status, 403);
    assert!(
        refused.body["detail"].as_str().unwrap().contains("ШНОР"),
        "{}",
        refused.body
    );
    app.post(&path, &teacher, json!({})).await.ok(200);
    // The list says who it is for, and whether it admits the caller.
    let seen = app
        .get(
            &format!("/api/v1/sessions/{}", s["id"].as_str().unwrap()),
            &other,
        )
        .await
        .ok(200);
    assert_eq!(seen["open_to_me"], false);

    // Open to named schools: the plain school only.
    let mut b = remote_session("round_table", "Круглый стол: профстандарт", 60, 61);
    b["open_to"] = json!("schools");
    let r = app.post("/api/v1/sessions", &tutor, b.clone()).await;
    assert_eq!(r.field_errors(), vec!["target_school_ids"]);
    b["target_school_ids"] = json!([w.foreign_school]);
    let r = app.post("/api/v1/sessions", &tutor, b.clone()).await;
    assert_eq!(r.field_errors(), vec!["target_school_ids"]);
    b["target_school_ids"] = json!([plain]);
    let s = plan_session(&app, &tutor, b).await;
    assert_eq!(s["activity"], "informational");
    assert_eq!(s["target_schools"][0]["short_name"], "МБОУ СОШ № 5");
    let path = format!(
        "/api/v1/sessions/{}/registration",
        s["id"].as_str().unwrap()
    );
    let refused = app.post(&path, &teacher, json!({})).await;
    assert_eq!(refused.status, 403);
    assert!(
        refused.body["detail"]
            .as_str()
            .unwrap()
            .contains("МБОУ СОШ № 5"),
        "{}",
        refused.body
    );
    app.post(&path, &other, json!({})).await.ok(200);
    let list = app
        .get("/api/v1/sessions?form=round_table", &teacher)
        .await
        .ok(200);
    assert_eq!(list["items"][0]["open_to"], "schools");
    assert_eq!(list["items"][0]["open_to_me"], false);
}
