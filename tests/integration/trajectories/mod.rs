//! Individual trajectories (ИОМ): drawn up from diagnostic deficits, agreed by the
//! learner and the mentor, steps completed with evidence (a session attended, checked),
//! progress, completion, the re-diagnosis, the DOCX table; one write per version under
//! concurrency; the authorisation rows.

pub mod access;
mod race;
mod workflow;

use crate::common::*;
use crate::diagnostics::{teacher_scores, KIM};
use serde_json::{json, Value};

pub fn path(t: &Value) -> String {
    format!("/api/v1/trajectories/{}", t["id"].as_str().unwrap())
}

/// A draft for the demo teacher led by the demo tutor, with the KIM deficit (the teacher
/// scored 40 in a campaign) and two steps: attending a session, self-study.
pub async fn drafted(app: &TestApp) -> Value {
    let coord = app.login(COORDINATOR).await;
    let tutor = app.login(TUTOR).await;
    let teacher = app.login(TEACHER).await;
    let (m, _) = app.municipalities(&coord).await.remove(0);
    teacher_scores(app, &coord, &m, "2026-11-20", "40", "85").await;
    let teacher_id = app.me(&teacher).await["id"].clone();
    let t = app
        .post(
            "/api/v1/trajectories",
            &tutor,
            json!({"user_id": teacher_id, "title": "ИОМ учителя математики на 2026/2027 учебный год",
                   "deficits": [{"indicator_id": KIM, "task": "Научиться составлять задания в формате КИМ ОГЭ"}]}),
        )
        .await
        .ok(201);
    let t = app
        .post(
            &format!("{}/steps", path(&t)),
            &tutor,
            json!({"kind": "session", "title": "Практикум «Задания ОГЭ с развёрнутым ответом»", "indicator_id": KIM,
                   "deadline": "2027-01-31", "expected_product": "Банк из 10 заданий", "version": t["version"]}),
        )
        .await
        .ok(200);
    app.post(
        &format!("{}/steps", path(&t)),
        &tutor,
        json!({"kind": "self_study", "title": "Изучить кодификатор и спецификацию ОГЭ", "indicator_id": KIM,
               "deadline": "2027-02-28", "expected_product": "Конспект", "version": t["version"]}),
    )
    .await
    .ok(200)
}

/// Agreed by the teacher, then the tutor.
pub async fn agreed(app: &TestApp) -> Value {
    let t = drafted(app).await;
    let teacher = app.login(TEACHER).await;
    let tutor = app.login(TUTOR).await;
    let t = app
        .post(
            &format!("{}/transitions", path(&t)),
            &teacher,
            json!({"action": "agree", "version": t["version"]}),
        )
        .await
        .ok(200);
    app.post(
        &format!("{}/transitions", path(&t)),
        &tutor,
        json!({"action": "agree", "version": t["version"]}),
    )
    .await
    .ok(200)
}

/// A session of the demo tutor the demo teacher attended (registered, then logged).
pub async fn attended_session(app: &TestApp, title: &str) -> Value {
    let tutor = app.login(TUTOR).await;
    let teacher = app.login(TEACHER).await;
    let s = plan_session(app, &tutor, remote_session("master_class", title, 30, 31)).await;
    let id = s["id"].as_str().unwrap();
    app.post(
        &format!("/api/v1/sessions/{id}/registration"),
        &teacher,
        json!({}),
    )
    .await
    .ok(200);
    let moved = move_session(app, &tutor, id, -5, -4).await;
    let teacher_id = app.me(&teacher).await["id"].clone();
    app.post(
        &format!("/api/v1/sessions/{id}/log"),
        &tutor,
        json!({"attended_user_ids": [teacher_id], "outcome": "Разобрали задания 20–25", "version": moved["version"]}),
    )
    .await
    .ok(200)
}
