use super::*;
use crate::diagnostics::FEEDBACK;

#[actix_web::test]
async fn a_trajectory_is_agreed_done_by_evidence_and_completed() {
    let app = TestApp::new().await;
    let tutor = app.login(TUTOR).await;
    let teacher = app.login(TEACHER).await;
    let coord = app.login(COORDINATOR).await;
    let t = drafted(&app).await;
    assert_eq!(t["status"], "draft");
    assert_eq!(t["mentor_user_id"], app.me(&tutor).await["id"]);
    assert_eq!(t["deficits"][0]["score_before"], 40);
    assert_eq!(t["progress"], json!({"done": 0, "total": 2, "percent": 0}));
    let steps = t["steps"].as_array().unwrap().clone();
    let step = |i: usize| format!("{}/steps/{}", path(&t), steps[i]["id"].as_str().unwrap());

    // The teacher reads and agrees but does not compose it; nothing is done before agreement.
    let r = app
        .post(&format!("{}/steps", path(&t)), &teacher,
              json!({"kind": "course", "title": "Курсы", "deadline": "2027-03-01", "expected_product": "Удостоверение", "version": t["version"]}))
        .await;
    assert_eq!(r.status, 403);
    let r = app
        .post(
            &format!("{}/completion", step(1)),
            &teacher,
            json!({"evidence_kind": "text", "note": "Конспект в папке", "version": t["version"]}),
        )
        .await;
    assert_eq!((r.status, r.code()), (409, "invalid_transition"));
    // A step's deficit must be one of the trajectory's.
    let r = app
        .post(&format!("{}/steps", path(&t)), &tutor,
              json!({"kind": "course", "title": "Курсы", "indicator_id": FEEDBACK, "deadline": "2027-03-01",
                     "expected_product": "Удостоверение", "version": t["version"]}))
        .await;
    assert_eq!(r.field_errors(), vec!["indicator_id"]);

    let a = app
        .post(
            &format!("{}/transitions", path(&t)),
            &teacher,
            json!({"action": "agree", "version": t["version"]}),
        )
        .await
        .ok(200);
    assert_eq!(
        (a["status"].as_str(), a["learner_agreed"].as_bool()),
        (Some("draft"), Some(true))
    );
    let a = app
        .post(
            &format!("{}/transitions", path(&t)),
            &tutor,
            json!({"action": "agree", "version": a["version"]}),
        )
        .await
        .ok(200);
    assert_eq!(a["status"], "agreed");

    // A session the teacher did not attend is no evidence; one attended is.
    let other = plan_session(
        &app,
        &tutor,
        remote_session("master_class", "Чужое занятие", 50, 51),
    )
    .await;
    let r = app
        .post(
            &format!("{}/completion", step(0)),
            &teacher,
            json!({"evidence_kind": "session", "ref_id": other["id"], "version": a["version"]}),
        )
        .await;
    assert_eq!(r.field_errors(), vec!["ref_id"]);
    let s = attended_session(&app, "Практикум по КИМ ОГЭ").await;
    let done = app
        .post(
            &format!("{}/completion", step(0)),
            &teacher,
            json!({"evidence_kind": "session", "ref_id": s["id"], "version": a["version"]}),
        )
        .await
        .ok(200);
    assert_eq!(done["status"], "in_progress");
    assert_eq!(
        done["progress"],
        json!({"done": 1, "total": 2, "percent": 50})
    );
    let ev = &done["steps"][0]["evidence"];
    assert_eq!(ev["kind"], "session");
    assert_eq!(ev["ref_id"], s["id"]);
    assert!(ev["label"]
        .as_str()
        .unwrap()
        .contains("Практикум по КИМ ОГЭ"));
    // A stale version is a conflict; completing with a step left is refused.
    let r = app
        .post(
            &format!("{}/completion", step(1)),
            &teacher,
            json!({"evidence_kind": "text", "note": "Конспект", "version": a["version"]}),
        )
        .await;
    assert_eq!((r.status, r.code()), (409, "version_conflict"));
    let r = app
        .post(
            &format!("{}/transitions", path(&t)),
            &tutor,
            json!({"action": "complete", "version": done["version"]}),
        )
        .await;
    assert_eq!((r.status, r.code()), (409, "invalid_transition"));
    let done = app
        .post(&format!("{}/completion", step(1)), &teacher,
              json!({"evidence_kind": "text", "note": "Конспект кодификатора ОГЭ", "version": done["version"]}))
        .await
        .ok(200);
    let r = app
        .post(
            &format!("{}/transitions", path(&t)),
            &teacher,
            json!({"action": "complete", "version": done["version"]}),
        )
        .await;
    assert_eq!(r.status, 409, "the learner does not complete it");
    let fin = app
        .post(
            &format!("{}/transitions", path(&t)),
            &tutor,
            json!({"action": "complete", "version": done["version"]}),
        )
        .await
        .ok(200);
    assert_eq!(fin["status"], "completed");

    // The re-diagnosis shows before/after per deficit.
    let (m, _) = app.municipalities(&coord).await.remove(0);
    let later = (chrono::Utc::now() + chrono::Duration::days(1))
        .format("%Y-%m-%d")
        .to_string();
    teacher_scores(&app, &coord, &m, &later, "80", "90").await;
    let t2 = app.get(&path(&t), &teacher).await.ok(200);
    assert_eq!(
        (
            t2["deficits"][0]["score_before"].as_i64(),
            t2["deficits"][0]["score_after"].as_i64()
        ),
        (Some(40), Some(80))
    );

    // Lists and audit.
    for (who, filter) in [(&coord, "?status=completed"), (&teacher, ""), (&tutor, "")] {
        let l = app
            .get(&format!("/api/v1/trajectories{filter}"), who)
            .await
            .ok(200);
        let row = items(&l).iter().find(|x| x["id"] == t["id"]).cloned();
        assert_eq!(row.expect("listed")["progress"]["percent"], 100);
    }
    let log = audit_of(&app, &coord, t["id"].as_str().unwrap()).await;
    let acts = actions(&log);
    for a in ["create", "agree", "step_done", "complete"] {
        assert!(acts.contains(&a.to_string()), "{a} in {acts:?}");
    }
}

#[actix_web::test]
async fn the_docx_is_the_iom_table() {
    let app = TestApp::new().await;
    let teacher = app.login(TEACHER).await;
    let t = agreed(&app).await;
    let s = attended_session(&app, "Практикум по КИМ ОГЭ").await;
    let step = t["steps"][0]["id"].as_str().unwrap();
    app.post(
        &format!("{}/steps/{step}/completion", path(&t)),
        &teacher,
        json!({"evidence_kind": "session", "ref_id": s["id"], "version": t["version"]}),
    )
    .await
    .ok(200);
    let (status, ctype, bytes) =
        download(&app, &format!("{}/document.docx", path(&t)), &teacher).await;
    assert_eq!(status, 200);
    assert!(ctype.contains("wordprocessingml"));
    let text = crate::composition::export::docx_text(&bytes).1;
    let name = app.me(&teacher).await["full_name"]
        .as_str()
        .unwrap()
        .to_string();
    for want in [
        "Индивидуальный образовательный маршрут",
        name.as_str(),
        "Дефицит",
        "Отметка о выполнении",
        "Научиться составлять задания в формате КИМ ОГЭ",
        "Участие в занятии сообщества: Практикум «Задания ОГЭ с развёрнутым ответом»",
        "до 31.01.2027",
        "Банк из 10 заданий",
        "Занятие «Практикум по КИМ ОГЭ»",
        "выполнено мероприятий: 1 из 2 (50 %)",
    ] {
        assert!(text.contains(want), "«{want}» in {text}");
    }
}

#[actix_web::test]
async fn only_teachers_and_leaders_get_a_trajectory_from_their_mentor() {
    let app = TestApp::new().await;
    let tutor = app.login(TUTOR).await;
    let coord = app.login(COORDINATOR).await;
    let teacher = app.login(TEACHER).await;
    let tutor_id = app.me(&tutor).await["id"].clone();
    let teacher_id = app.me(&teacher).await["id"].clone();
    let r = app
        .post(
            "/api/v1/trajectories",
            &tutor,
            json!({"user_id": tutor_id, "title": "ИОМ"}),
        )
        .await;
    assert_eq!(r.field_errors(), vec!["user_id"]);
    // A coordinator who names no mentor leads it themself.
    let own = app
        .post(
            "/api/v1/trajectories",
            &coord,
            json!({"user_id": teacher_id, "title": "ИОМ"}),
        )
        .await
        .ok(201);
    assert_eq!(own["mentor_user_id"], app.me(&coord).await["id"]);
    let r = app
        .post(
            "/api/v1/trajectories",
            &coord,
            json!({"user_id": teacher_id, "mentor_user_id": teacher_id, "title": "ИОМ"}),
        )
        .await;
    assert_eq!(r.field_errors(), vec!["mentor_user_id"]);
    let r = app
        .post("/api/v1/trajectories", &coord,
              json!({"user_id": teacher_id, "title": " ", "deficits": [{"indicator_id": "nope", "task": "x"}]}))
        .await;
    assert_eq!(r.field_errors(), vec!["title"]);
    let r = app
        .post("/api/v1/trajectories", &coord,
              json!({"user_id": teacher_id, "mentor_user_id": tutor_id, "title": "ИОМ", "deficits": [{"indicator_id": "nope", "task": "x"}]}))
        .await;
    assert_eq!(r.field_errors(), vec!["deficits[0].indicator_id"]);
    let ok = app
        .post(
            "/api/v1/trajectories",
            &coord,
            json!({"user_id": teacher_id, "mentor_user_id": tutor_id, "title": "ИОМ"}),
        )
        .await
        .ok(201);
    let r = app
        .post(
            &format!("{}/transitions", path(&ok)),
            &tutor,
            json!({"action": "agree", "version": ok["version"]}),
        )
        .await;
    assert_eq!(
        (r.status, r.code()),
        (409, "invalid_transition"),
        "nothing to agree on yet"
    );
}
