//! `/composition/members/{id}/attachments`: only approved members; no duplicates.

use crate::common::*;
use serde_json::json;

#[actix_web::test]
async fn attachments_only_for_approved_members() {
    let app = TestApp::new().await;
    let coord = app.login(COORDINATOR).await;
    let m = municipality_by_name(&app, &coord, "Лесогорский").await;
    let tutor_member = app
        .get(
            "/api/v1/composition/members?q=%D0%BA%D0%B5%D0%B4%D1%80%D0%BE%D0%B2",
            &coord,
        )
        .await
        .ok(200)["items"][0]
        .clone();
    assert_eq!(tutor_member["status"], "approved");
    assert_eq!(tutor_member["school_name"], "МБОУ СОШ № 1");
    assert_eq!(tutor_member["subjects"][0]["name"], "Математика");
    let id = tutor_member["id"].as_str().unwrap();
    let school = app.school_id(&coord, &m, "МОБУ СОШ № 3").await;
    let teacher = app.login(TEACHER).await;
    let teacher_id = app.get("/api/v1/auth/me", &teacher).await.ok(200)["id"]
        .as_str()
        .unwrap()
        .to_string();

    let path = format!("/api/v1/composition/members/{id}/attachments");
    let a = app
        .post(&path, &coord, json!({"school_id": school}))
        .await
        .ok(201);
    assert_eq!(a["school_name"], "МОБУ СОШ № 3");
    let t = app
        .post(&path, &coord, json!({"teacher_user_id": teacher_id}))
        .await
        .ok(201);
    assert_eq!(t["teacher_name"], "Синицына Ольга Андреевна");
    let r = app.post(&path, &coord, json!({"school_id": school})).await;
    assert_eq!((r.status, r.code()), (409, "already_exists"));
    let r = app
        .post(
            &path,
            &coord,
            json!({"school_id": school, "teacher_user_id": teacher_id}),
        )
        .await;
    assert_eq!(r.status, 422);
    let admin = app.login(ADMIN).await;
    let foreign = municipality_by_name(&app, &admin, "Приреченский").await;
    let foreign_school = app.school_id(&admin, &foreign, "МБОУ СОШ № 6").await;
    let r = app
        .post(&path, &coord, json!({"school_id": foreign_school}))
        .await;
    assert_eq!(r.status, 422);
    assert_eq!(r.field_errors(), vec!["school_id"]);
    let member = app
        .get(&format!("/api/v1/composition/members/{id}"), &coord)
        .await
        .ok(200);
    assert_eq!(member["attachments"].as_array().unwrap().len(), 2);

    // A nominated member cannot be attached yet.
    let nominated = app
        .get("/api/v1/composition/members?status=nominated", &coord)
        .await
        .ok(200)["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let r = app
        .post(
            &format!("/api/v1/composition/members/{nominated}/attachments"),
            &coord,
            json!({"school_id": school}),
        )
        .await;
    assert_eq!((r.status, r.code()), (409, "member_not_approved"));

    let gone = app
        .delete(
            &format!(
                "/api/v1/composition/attachments/{}",
                a["id"].as_str().unwrap()
            ),
            &coord,
        )
        .await
        .ok(200);
    assert!(gone["archived_at"].is_string());
    let left = app.get(&path, &coord).await.ok(200);
    assert_eq!(left.as_array().unwrap().len(), 1);
    assert_eq!(left[0]["teacher_user_id"], teacher_id.as_str());
}
