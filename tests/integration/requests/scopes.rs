//! Who sees a request (one, lists, the dashboard) and who may file and act on it.

use crate::common::*;
use serde_json::json;

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
        ("admin (no municipality chosen)", admin.clone(), 200, 1, 422),
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
    assert_eq!(app.post("/api/v1/sessions", &obs, json!({"form": "tutorial", "title": "т", "starts_at": at(5), "ends_at": at(6), "format": "remote", "online_link": "https://meet.example/x", "audience": "teachers"})).await.status, 403);
}
