use super::*;

#[actix_web::test]
async fn invitees_come_from_the_composition_in_force_that_day() {
    let app = TestApp::new().await;
    let tutor = app.login(TUTOR).await;
    let tutor_id = app.me(&tutor).await["id"].clone();
    let m = called(
        &app,
        "2026-11-20",
        "Анализ эффективности деятельности тьюторов",
    )
    .await;
    assert_eq!(m["status"], "planned");
    let inv = m["invitees"].as_array().unwrap();
    // The four approved members of order 01-03/17 (01.09.2026); the nominated one is not.
    let mut names: Vec<&str> = inv
        .iter()
        .map(|i| i["full_name"].as_str().unwrap())
        .collect();
    names.sort();
    assert_eq!(
        names,
        vec![
            "Кедров Алексей Павлович",
            "Ольховская Нина Ильинична",
            "Рябинина Светлана Олеговна",
            "Тополев Денис Маркович"
        ]
    );
    let kedrov = inv
        .iter()
        .find(|i| i["full_name"] == "Кедров Алексей Павлович")
        .unwrap();
    assert_eq!(kedrov["user_id"], tutor_id);
    assert_eq!(kedrov["category"], "учителя-тьюторы по ЕГЭ");
    assert_eq!(kedrov["position"], "учитель математики");
    assert!(inv
        .iter()
        .all(|i| i["present"].is_null() && !i["member_id"].is_null()));
    // Before the order was issued nobody was in the composition.
    let early = called(&app, "2026-08-31", "До приказа").await;
    assert_eq!(early["invitees"], json!([]));
    // Validation: time and kind.
    let coord = app.login(COORDINATOR).await;
    let r = app
        .post("/api/v1/meetings", &coord,
              json!({"kind": "other", "topic": "Т", "held_on": "2026-11-20", "starts_at": "25:00", "place": "ИМЦ"}))
        .await;
    assert_eq!(r.field_errors(), vec!["kind_text", "starts_at"]);
}

#[actix_web::test]
async fn a_meeting_is_held_signed_and_read_only_its_decisions_marked_by_their_owner() {
    let app = TestApp::new().await;
    let coord = app.login(COORDINATOR).await;
    let tutor = app.login(TUTOR).await;
    let teacher = app.login(TEACHER).await;
    let tutor_id = app.me(&tutor).await["id"].clone();
    let m = called(&app, "2026-11-20", "Анализ эффективности").await;
    // The invited tutor reads it; the teacher (not invited) does not see it; only the
    // coordinator edits it.
    app.get(&path(&m), &tutor).await.ok(200);
    assert_eq!(app.get(&path(&m), &teacher).await.status, 404);
    let listed = app.get("/api/v1/meetings", &tutor).await.ok(200);
    assert!(listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|x| x["id"] == m["id"]));
    assert_eq!(
        app.get("/api/v1/meetings", &teacher).await.ok(200)["total"],
        0
    );
    let r = app
        .put(&path(&m), &tutor, content(&m, &tutor_id, false))
        .await;
    assert_eq!(r.status, 403);
    // A planned meeting in the future cannot be held yet.
    let future = called(&app, "2027-05-20", "Будущее").await;
    let r = app
        .post(
            &format!("{}/transitions", path(&future)),
            &coord,
            json!({"action": "hold", "version": future["version"]}),
        )
        .await;
    assert_eq!((r.status, r.code()), (409, "invalid_transition"));
    // Planned: no поручения to mark yet.
    let m = app
        .put(&path(&m), &coord, content(&m, &tutor_id, false))
        .await
        .ok(200);
    let ds = decisions(&m);
    assert_eq!(ds.len(), 2);
    assert_eq!(ds[0]["owner_name"], "Кедров А.П.");
    assert_eq!(ds[0]["status"], "open");
    assert_eq!(ds[1]["status"], "overdue");
    let r = app
        .post(
            &mark_path(&m, &ds[0]),
            &tutor,
            json!({"done": true, "version": ds[0]["version"]}),
        )
        .await;
    assert_eq!(r.status, 409);
    let m = app
        .post(
            &format!("{}/transitions", path(&m)),
            &coord,
            json!({"action": "hold", "version": m["version"]}),
        )
        .await
        .ok(200);
    assert_eq!(m["status"], "held");
    // Signing needs every attendance ticked.
    let r = app
        .post(
            &format!("{}/transitions", path(&m)),
            &coord,
            json!({"action": "sign", "version": m["version"]}),
        )
        .await;
    assert_eq!((r.status, r.code()), (409, "invalid_transition"));
    let m = app
        .put(&path(&m), &coord, content(&m, &tutor_id, true))
        .await
        .ok(200);
    assert_eq!(
        (m["present_count"].as_i64(), m["absent_count"].as_i64()),
        (Some(19), Some(1))
    );
    // The decisions kept their ids through the edit.
    assert_eq!(decisions(&m)[0]["id"], ds[0]["id"]);
    let signed = app
        .post(
            &format!("{}/transitions", path(&m)),
            &coord,
            json!({"action": "sign", "version": m["version"]}),
        )
        .await
        .ok(200);
    assert_eq!(signed["status"], "signed");
    let r = app
        .put(&path(&signed), &coord, content(&signed, &tutor_id, true))
        .await;
    assert_eq!((r.status, r.code()), (409, "invalid_transition"));
    // After signing the tutor marks their own поручение done, not another's.
    let ds = decisions(&signed);
    let done = app
        .post(
            &mark_path(&signed, &ds[0]),
            &tutor,
            json!({"done": true, "version": ds[0]["version"]}),
        )
        .await
        .ok(200);
    assert_eq!(done["status"], "done");
    assert_eq!(done["version"], ds[0]["version"].as_i64().unwrap() + 1);
    let r = app
        .post(
            &mark_path(&signed, &ds[1]),
            &tutor,
            json!({"done": true, "version": ds[1]["version"]}),
        )
        .await;
    assert_eq!(r.status, 403);
    let r = app
        .post(
            &mark_path(&signed, &ds[1]),
            &coord,
            json!({"done": true, "done_on": "2099-01-01", "version": ds[1]["version"]}),
        )
        .await;
    assert_eq!(r.field_errors(), vec!["done_on"]);
    app.post(
        &mark_path(&signed, &ds[1]),
        &coord,
        json!({"done": true, "version": ds[1]["version"]}),
    )
    .await
    .ok(200);
    // Every step is in the audit log.
    let log = app
        .get(
            &format!(
                "/api/v1/audit?entity=meeting&entity_id={}",
                signed["id"].as_str().unwrap()
            ),
            &coord,
        )
        .await
        .ok(200);
    let actions: Vec<&str> = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    for a in ["create", "update", "hold", "sign_protocol"] {
        assert!(actions.contains(&a), "{a} in {actions:?}");
    }
    let log = app
        .get("/api/v1/audit?entity=meeting_decision", &coord)
        .await
        .ok(200);
    assert_eq!(log["total"], 2);
}
