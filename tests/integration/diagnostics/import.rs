use super::*;

#[actix_web::test]
async fn a_results_table_loads_all_or_nothing_and_shows_deficits() {
    let app = TestApp::new().await;
    let coord = app.login(COORDINATOR).await;
    let teacher = app.login(TEACHER).await;
    let me = app.me(&teacher).await;
    let (m, _) = app.municipalities(&coord).await.remove(0);
    let c = campaign(&app, &coord, &m, "2026-11-20").await;
    let id = c["id"].as_str().unwrap();
    let url = |p: &str| format!("/api/v1/diagnostics/campaigns/{id}/import/{p}");

    // An unknown person: the preview names the row, confirm writes nothing.
    let bad = table(
        &app,
        &coord,
        &[(TEACHER, "40", "85 %"), ("nobody@x.ru", "10", "20")],
    )
    .await;
    let p = app
        .post(
            &url("preview"),
            &coord,
            json!({"format": "text", "content": bad}),
        )
        .await
        .ok(200);
    assert_eq!(p["columns"].as_array().unwrap().len(), 2);
    assert_eq!(p["invalid"], 1);
    assert_eq!(p["rows"][0]["user_id"], me["id"]);
    assert_eq!(p["rows"][0]["full_name"], me["full_name"]);
    assert_eq!(p["rows"][0]["scores"], json!([40, 85]));
    assert_eq!(p["rows"][0]["deficits"], 1);
    assert!(p["rows"][1]["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("nobody@x.ru"));
    let r = app
        .post(
            &url("confirm"),
            &coord,
            json!({"format": "text", "content": bad}),
        )
        .await;
    assert_eq!(r.status, 422);
    let got = app
        .get(&format!("/api/v1/diagnostics/campaigns/{id}"), &coord)
        .await
        .ok(200);
    assert_eq!(got["people"].as_array().unwrap().len(), 0);

    // A column that is no indicator is refused as a whole.
    let odd = "ФИО\tE-mail\tЛюбимый цвет\nПедагог\tteacher@tutornet.local\tсиний\n";
    let r = app
        .post(
            &url("preview"),
            &coord,
            json!({"format": "text", "content": odd}),
        )
        .await;
    assert_eq!(r.status, 422);
    assert_eq!(r.field_errors(), vec!["content"]);

    // The good table loads; loading it again replaces, never duplicates.
    let good = table(&app, &coord, &[(TEACHER, "40", "85 %")]).await;
    for _ in 0..2 {
        let done = app
            .post(
                &url("confirm"),
                &coord,
                json!({"format": "text", "content": good}),
            )
            .await
            .ok(200);
        assert_eq!(done, json!({"people": 1, "scores": 2, "deficits": 1}));
    }
    let got = app
        .get(&format!("/api/v1/diagnostics/campaigns/{id}"), &coord)
        .await
        .ok(200);
    let people = got["people"].as_array().unwrap();
    assert_eq!(people.len(), 1);
    assert_eq!(people[0]["young"], true);
    let scores = people[0]["scores"].as_array().unwrap();
    assert_eq!(scores.len(), 2);
    assert_eq!(
        (
            scores[0]["indicator_id"].as_str(),
            scores[0]["deficit"].as_bool()
        ),
        (Some(FEEDBACK), Some(false))
    );
    assert_eq!(
        (
            scores[1]["indicator_id"].as_str(),
            scores[1]["deficit"].as_bool()
        ),
        (Some(KIM), Some(true))
    );
    // The heat map: the teacher's school, KIM at 100 %, formative assessment at 0 %.
    let school = &got["schools"][0];
    assert_eq!(school["school_id"], me["school_id"]);
    let cell = |area: &str| {
        school["cells"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["area"] == area)
            .unwrap()["percent"]
            .clone()
    };
    assert_eq!(cell("kim"), 100);
    assert_eq!(cell("formative_assessment"), 0);
    assert_eq!(got["campaign"]["people"], 1);

    // The teacher's deficits: KIM only; the teacher sees the campaign with their own row.
    let path = format!(
        "/api/v1/diagnostics/deficits?user_id={}",
        me["id"].as_str().unwrap()
    );
    for t in [&coord, &teacher] {
        let d = app.get(&path, t).await.ok(200);
        let d = d.as_array().unwrap();
        assert_eq!(d.len(), 1);
        assert_eq!(
            (d[0]["indicator_id"].as_str(), d[0]["score"].as_i64()),
            (Some(KIM), Some(40))
        );
    }
    let mine = app
        .get("/api/v1/diagnostics/campaigns", &teacher)
        .await
        .ok(200);
    assert!(
        items(&mine).iter().any(|c| c["id"] == id),
        "the teacher lists the campaign with their results"
    );
    // A later campaign where KIM is fine closes that deficit.
    teacher_scores(&app, &coord, &m, "2026-11-27", "75", "90").await;
    let d = app.get(&path, &teacher).await.ok(200);
    assert_eq!(d.as_array().unwrap().len(), 0);
    let log = audit_of(&app, &coord, id).await;
    assert!(actions(&log).contains(&"import".to_string()));
}

#[actix_web::test]
async fn campaigns_are_checked_and_a_tutor_may_not_load_them() {
    let app = TestApp::new().await;
    let coord = app.login(COORDINATOR).await;
    let tutor = app.login(TUTOR).await;
    let (m, _) = app.municipalities(&coord).await.remove(0);
    let r = app
        .post(
            "/api/v1/diagnostics/campaigns",
            &coord,
            json!({"municipality_id": m, "title": " ", "threshold": 150}),
        )
        .await;
    assert_eq!(r.status, 422);
    let mut f = r.field_errors();
    f.sort();
    assert_eq!(
        f,
        vec!["held_on", "method", "respondents", "threshold", "title"]
    );
    let c = campaign(&app, &coord, &m, "2026-11-20").await;
    assert_eq!(c["threshold"], 60);
    let content = table(&app, &coord, &[(TEACHER, "40", "85")]).await;
    let r = app
        .post(
            &format!(
                "/api/v1/diagnostics/campaigns/{}/import/confirm",
                c["id"].as_str().unwrap()
            ),
            &tutor,
            json!({"format": "text", "content": content}),
        )
        .await;
    assert_eq!(r.status, 403);
    let added = app
        .post(
            "/api/v1/diagnostics/indicators",
            &coord,
            json!({"area": "digital", "name": "Ведёт электронный журнал"}),
        )
        .await
        .ok(201);
    assert_eq!(added["area"], "digital");
    let again = app
        .post(
            "/api/v1/diagnostics/indicators",
            &coord,
            json!({"area": "digital", "name": "Ведёт электронный журнал"}),
        )
        .await;
    assert_eq!(again.status, 422);
    assert_eq!(
        app.post(
            "/api/v1/diagnostics/indicators",
            &tutor,
            json!({"area": "digital", "name": "x"})
        )
        .await
        .status,
        403
    );
}
