//! `POST /nominations` by schools and `/nominations/{id}/decision` by coordinators.

use crate::common::*;
use serde_json::{json, Value};

#[actix_web::test]
async fn nominations_by_school_and_decisions_by_coordinator() {
    let app = TestApp::new().await;
    let sa = app.login(SCHOOL_ADMIN).await;
    let coord = app.login(COORDINATOR).await;
    let teacher = app.login(TEACHER).await;
    let m = municipality_by_name(&app, &coord, "Лесогорский").await;
    let own_school = app.get("/api/v1/auth/me", &sa).await.ok(200)["school_id"]
        .as_str()
        .unwrap()
        .to_string();
    let other_school = app.school_id(&coord, &m, "МБОУ СОШ № 5").await;
    let math = subject_id(&app, &coord, "Математика").await;

    let n1 = app
        .post(
            "/api/v1/nominations",
            &sa,
            nomination(None, &math, "Клёнова Ия Петровна"),
        )
        .await
        .ok(201);
    assert_eq!(n1["status"], "pending");
    assert_eq!(n1["school_id"], own_school.as_str());
    assert_eq!(n1["subject_name"], "Математика");
    // Not for another school, not by a teacher, and the criteria are validated.
    let r = app
        .post(
            "/api/v1/nominations",
            &sa,
            nomination(Some(&other_school), &math, "Чужая Школа"),
        )
        .await;
    assert_eq!(r.status, 404);
    let r = app
        .post(
            "/api/v1/nominations",
            &teacher,
            nomination(None, &math, "Сам Себя"),
        )
        .await;
    assert_eq!(r.status, 403);
    let mut bad = nomination(None, &math, "");
    bad["experience_years"] = json!(-1);
    bad["justification"] = json!("");
    let r = app.post("/api/v1/nominations", &sa, bad).await;
    assert_eq!(r.status, 422);
    assert_eq!(
        r.field_errors(),
        vec!["full_name", "experience_years", "justification"]
    );
    // A teacher of the school by account.
    let teacher_id = app.get("/api/v1/auth/me", &teacher).await.ok(200)["id"]
        .as_str()
        .unwrap()
        .to_string();
    let mut by_account = nomination(None, &math, "");
    by_account["full_name"] = Value::Null;
    by_account["teacher_user_id"] = json!(teacher_id);
    let n2 = app
        .post("/api/v1/nominations", &sa, by_account)
        .await
        .ok(201);
    assert_eq!(n2["full_name"], "Синицына Ольга Андреевна");

    // The school administrator sees only the own school's nominations and cannot decide.
    let list = app.get("/api/v1/nominations", &sa).await.ok(200);
    assert!(list["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|n| n["school_id"] == own_school.as_str()));
    let id1 = n1["id"].as_str().unwrap();
    let r = app
        .post(
            &format!("/api/v1/nominations/{id1}/decision"),
            &sa,
            json!({"approve": true}),
        )
        .await;
    assert_eq!(r.status, 403);

    // Declining needs a reason; a decision is final.
    let r = app
        .post(
            &format!("/api/v1/nominations/{id1}/decision"),
            &coord,
            json!({"approve": false}),
        )
        .await;
    assert_eq!(r.status, 422);
    assert_eq!(r.field_errors(), vec!["reason"]);
    let d = app
        .post(
            &format!("/api/v1/nominations/{id1}/decision"),
            &coord,
            json!({"approve": false, "reason": "Стаж в должности учителя менее трёх лет"}),
        )
        .await
        .ok(200);
    assert_eq!(d["status"], "declined");
    assert!(d["member_id"].is_null());
    let r = app
        .post(
            &format!("/api/v1/nominations/{id1}/decision"),
            &coord,
            json!({"approve": true}),
        )
        .await;
    assert_eq!((r.status, r.code()), (409, "already_decided"));

    let id2 = n2["id"].as_str().unwrap();
    let d = app
        .post(
            &format!("/api/v1/nominations/{id2}/decision"),
            &coord,
            json!({"approve": true}),
        )
        .await
        .ok(200);
    assert_eq!(d["status"], "approved");
    let member = app
        .get(
            &format!(
                "/api/v1/composition/members/{}",
                d["member_id"].as_str().unwrap()
            ),
            &coord,
        )
        .await
        .ok(200);
    assert_eq!(member["status"], "nominated");
    assert_eq!(member["level"], "municipal");
    assert_eq!(member["nomination_id"], id2);
    assert_eq!(member["user_id"], teacher_id.as_str());
    assert_eq!(member["school_id"], own_school.as_str());
    // Filter by status (the demo has one pending nomination of this school).
    let pending = app
        .get("/api/v1/nominations?status=pending", &coord)
        .await
        .ok(200);
    assert_eq!(pending["total"], 1);
    assert_eq!(
        pending["items"][0]["full_name"],
        "Лиственная Дарья Семёновна"
    );
}
