//! What a review refuses: an expert of the author's own school without confirmation,
//! the author as expert, steps out of turn (409 naming what is possible), stale
//! versions, unknown fields, outsiders (404) and the wrong capacity (403).

use super::*;
use serde_json::json;

/// A teacher of the demo teacher's school who is an approved tutor: (user id).
async fn same_school_tutor(app: &TestApp) -> String {
    let admin = app.login(ADMIN).await;
    let teacher = app.login(TEACHER).await;
    let me = app.me(&teacher).await;
    let (m, s) = (
        me["municipality_id"].as_str().unwrap(),
        me["school_id"].as_str().unwrap(),
    );
    let email = "colleague-expert@tutornet.local";
    let uid = create_user(
        app,
        &admin,
        user(email, "Коллегова Ирина Петровна", "teacher", m, Some(s)),
    )
    .await;
    let member = approved_member_of(app, &admin, m, "Коллегова Ирина Петровна", "2026-09-21").await;
    app.post(
        &format!("/api/v1/composition/members/{member}/account"),
        &admin,
        json!({ "user_id": uid }),
    )
    .await
    .ok(201);
    uid
}

#[actix_web::test]
async fn same_school_needs_confirmation_and_steps_keep_their_order() {
    let app = TestApp::new().await;
    let teacher = app.login(TEACHER).await;
    let coord = app.login(COORDINATOR).await;
    let r = submit_ktp(&app, &teacher, "КТП по физике").await;
    let id = r["id"].as_str().unwrap();

    // Out of turn: nothing but assign from «submitted», and only by the coordinator.
    let early = act(&app, &coord, id, json!({"action": "accept", "version": 1})).await;
    assert_eq!((early.status, early.code()), (409, "invalid_transition"));
    assert!(
        early.body["detail"].as_str().unwrap().contains("assign"),
        "{}",
        early.body
    );
    let colleague = same_school_tutor(&app).await;
    let by_teacher = act(
        &app,
        &teacher,
        id,
        json!({"action": "assign", "expert_id": colleague, "version": 1}),
    )
    .await;
    assert_eq!(by_teacher.status, 403);

    // An expert of the author's school: refused unless confirmed.
    let same = act(
        &app,
        &coord,
        id,
        json!({"action": "assign", "expert_id": colleague, "version": 1}),
    )
    .await;
    assert_eq!(same.status, 422);
    assert_eq!(same.body["errors"][0]["code"], "same_school");
    let teacher_id = app.me(&teacher).await["id"].as_str().unwrap().to_string();
    let author = act(
        &app,
        &coord,
        id,
        json!({"action": "assign", "expert_id": teacher_id, "version": 1}),
    )
    .await;
    assert_eq!(author.status, 422);
    let nobody = act(
        &app,
        &coord,
        id,
        json!({"action": "assign", "expert_id": "nobody", "version": 1}),
    )
    .await;
    assert_eq!(nobody.body["errors"][0]["code"], "not_in_composition");
    let stale = act(&app, &coord, id, json!({"action": "assign", "expert_id": colleague, "confirm_same_school": true, "version": 7})).await;
    assert_eq!((stale.status, stale.code()), (409, "version_conflict"));
    let d = act(&app, &coord, id, json!({"action": "assign", "expert_id": colleague, "confirm_same_school": true, "version": 1}))
        .await
        .ok(200);
    assert_eq!(d["review"]["same_school_confirmed"], true);

    // Unknown fields are 422; the expert's verdicts wait for the start.
    let unknown = act(
        &app,
        &coord,
        id,
        json!({"action": "start", "version": 2, "extra": 1}),
    )
    .await;
    assert_eq!(unknown.status, 422);
    let (_, outsider) = outside_expert(&app, "ref").await;
    assert_eq!(
        app.get(&format!("/api/v1/reviews/{id}"), &outsider)
            .await
            .status,
        404
    );
    let far = far_coordinator(&app, &app.login(ADMIN).await).await;
    assert_eq!(
        app.get(&format!("/api/v1/reviews/{id}"), &far).await.status,
        404
    );
    let path = format!("/api/v1/reviews/{id}/verdicts");
    assert_eq!(
        app.put(&path, &coord, json!({"version": 2, "verdicts": []}))
            .await
            .status,
        403
    );
    // An unknown criterion code is 422 once in review.
    let (rid, expert) = in_review(&app, "КТП по химии").await;
    let d = detail(&app, &expert, &rid).await;
    let bad = app
        .put(
            &format!("/api/v1/reviews/{rid}/verdicts"),
            &expert,
            json!({"version": d["review"]["version"], "verdicts": [{"code": "nope", "verdict": "met", "remark": null}]}),
        )
        .await;
    assert_eq!(bad.status, 422);
    assert_eq!(bad.field_errors(), vec!["verdicts[0].code"]);
    // Returning needs every criterion judged.
    let incomplete = act(
        &app,
        &expert,
        &rid,
        json!({"action": "return", "comment": "Доработать", "version": d["review"]["version"]}),
    )
    .await;
    assert_eq!(incomplete.status, 422);
    assert_eq!(incomplete.body["errors"][0]["code"], "incomplete");
    // The conclusion waits for a decision.
    let early = app
        .put(
            &format!("/api/v1/reviews/{rid}/conclusion"),
            &expert,
            json!({"version": d["review"]["version"], "text": "Рано", "recommendations": ""}),
        )
        .await;
    assert_eq!(early.status, 409);
    let no_docx = app
        .get(&format!("/api/v1/reviews/{rid}/conclusion.docx"), &expert)
        .await;
    assert_eq!(no_docx.status, 404);
}

#[actix_web::test]
async fn submission_is_checked() {
    let app = TestApp::new().await;
    let teacher = app.login(TEACHER).await;
    let tutor = app.login(TUTOR).await;
    let coord = app.login(COORDINATOR).await;
    let empty = app
        .post("/api/v1/reviews", &teacher, json!({"title": " "}))
        .await;
    assert_eq!(empty.status, 422);
    let mut f = empty.field_errors();
    f.sort();
    assert_eq!(f, vec!["document_type", "title"]);
    let unknown = app
        .post(
            "/api/v1/reviews",
            &teacher,
            json!({"document_type": "essay", "title": "x"}),
        )
        .await;
    assert_eq!(unknown.status, 422);
    assert_eq!(
        app.post(
            "/api/v1/reviews",
            &tutor,
            json!({"document_type": "ktp", "title": "x"})
        )
        .await
        .status,
        403
    );
    let no_school = app
        .post(
            "/api/v1/reviews",
            &coord,
            json!({"document_type": "school_document", "title": "План"}),
        )
        .await;
    assert_eq!(no_school.field_errors(), vec!["school_id"]);
    let bad_stale = app.get("/api/v1/reviews?stale_days=-1", &coord).await;
    assert_eq!(bad_stale.status, 422);
    assert_eq!(app.get("/api/v1/reviews/nope", &coord).await.status, 404);
}

#[actix_web::test]
async fn a_request_for_an_expert_review_becomes_a_review() {
    let app = TestApp::new().await;
    let teacher = app.login(TEACHER).await;
    let math = subject_id(&app, &teacher, "Математика").await;
    let other = file_request(&app, &teacher, &math).await;
    let asked = app
        .post(
            "/api/v1/requests",
            &teacher,
            json!({"form": "expert_review", "subject_id": math, "topic": "Экспертиза рабочей программы",
                   "problem": "Прошу проверить программу по алгебре", "audience": "teachers",
                   "audience_count": 1, "format": "remote"}),
        )
        .await
        .ok(201);
    let body = |rid: &Value| {
        json!({"document_type": "work_programme", "title": "Рабочая программа по алгебре",
               "subject_id": math, "request_id": rid["id"]})
    };
    let wrong = app.post("/api/v1/reviews", &teacher, body(&other)).await;
    assert_eq!(wrong.status, 422);
    assert_eq!(wrong.field_errors(), vec!["request_id"]);
    let r = app
        .post("/api/v1/reviews", &teacher, body(&asked))
        .await
        .ok(201);
    assert_eq!(r["request_id"], asked["id"]);
    assert_eq!(r["subject_name"], "Математика");
}
