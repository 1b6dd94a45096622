//! `GET /schools/{id}/support`: the tutors attached to a school or its teachers, and the
//! schools a mentor school accompanies.

use crate::common::*;
use serde_json::json;

#[actix_web::test]
async fn attached_tutors_and_mentored_schools() {
    let app = TestApp::new().await;
    let w = World::build(&app).await;
    let coord = app.login(COORDINATOR).await;
    let teacher = app.login(TEACHER).await;
    let member = app
        .get(
            &format!("/api/v1/composition/members/{}", w.own_member),
            &coord,
        )
        .await
        .ok(200);
    let name = member["full_name"].as_str().unwrap().to_string();
    let path = format!("/api/v1/schools/{}/support", w.other_school);
    let before = app.get(&path, &coord).await.ok(200);
    assert!(!before["tutors"].to_string().contains(&name));
    app.post(
        &format!("/api/v1/composition/members/{}/attachments", w.own_member),
        &coord,
        json!({"school_id": w.other_school}),
    )
    .await
    .ok(201);
    let after = app.get(&path, &coord).await.ok(200);
    let tutors = after["tutors"].as_array().unwrap();
    assert!(
        tutors
            .iter()
            .any(|t| t["full_name"] == name.as_str() && t["teacher_name"].is_null()),
        "{after}"
    );

    // A demo school accompanied by a mentor school is listed on the mentor's support.
    let all = app
        .get(
            &format!("/api/v1/schools?municipality_id={}&limit=200", w.own_m),
            &coord,
        )
        .await
        .ok(200);
    let mentee = items(&all)
        .iter()
        .find(|s| s["mentor_school_id"].is_string())
        .expect("a demo school with a mentor")
        .clone();
    let s = app
        .get(
            &format!(
                "/api/v1/schools/{}/support",
                mentee["mentor_school_id"].as_str().unwrap()
            ),
            &coord,
        )
        .await
        .ok(200);
    assert!(
        s["mentored_schools"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["id"] == mentee["id"]),
        "{s}"
    );

    // Reading follows the school: not the own school's teacher, another school is hidden.
    assert_eq!(app.get(&path, &teacher).await.status, 404);
    let far = app.login(FAR_COORDINATOR).await;
    assert_eq!(app.get(&path, &far).await.status, 404);
}
