//! Sessions for management teams (004 works largely with school administrations; 000
//! plan 3 «руководителей», plan 5 «ИОМ директора»): the audience is stored and read
//! back, a school administrator registers, and the log asks for no pupils' class.

use crate::common::*;
use serde_json::json;

#[actix_web::test]
async fn a_seminar_for_management_teams() {
    let app = TestApp::new().await;
    let tutor = app.login(TUTOR).await;
    let mut body = remote_session(
        "seminar",
        "Семинар для заместителей директоров по УВР",
        48,
        50,
    );
    body["audience"] = json!("administration");
    let s = plan_session(&app, &tutor, body).await;
    assert_eq!(s["audience"], "administration");
    let id = s["id"].as_str().unwrap();
    let got = app
        .get(&format!("/api/v1/sessions/{id}"), &tutor)
        .await
        .ok(200);
    assert_eq!(got["audience"], "administration");

    let head = app.login(SCHOOL_ADMIN).await;
    let d = app
        .post(
            &format!("/api/v1/sessions/{id}/registration"),
            &head,
            json!({}),
        )
        .await
        .ok(200);
    assert_eq!(d["my_registration"], "registered");

    let unknown = app
        .post(
            "/api/v1/sessions",
            &tutor,
            json!({"form": "seminar", "title": "x", "starts_at": at(72), "ends_at": at(73),
                   "format": "remote", "online_link": "https://meet.example/x", "audience": "directors"}),
        )
        .await;
    assert_eq!(unknown.status, 422, "{}", unknown.body);
}
