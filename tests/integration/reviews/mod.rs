//! Expert reviews of documents: the workflow end to end, refusals, template versions,
//! the conclusion's DOCX, races, and the authorisation rows.

pub mod access;
mod due;
mod race;
mod refusals;
mod templates;
mod workflow;

use crate::common::*;
use serde_json::{json, Value};

/// A КТП submitted by `t`.
pub async fn submit_ktp(app: &TestApp, t: &str, title: &str) -> Value {
    app.post(
        "/api/v1/reviews",
        t,
        json!({"document_type": "ktp", "title": title, "grades": "7"}),
    )
    .await
    .ok(201)
}

/// A workflow step of a review.
pub async fn act(app: &TestApp, t: &str, id: &str, body: Value) -> Resp {
    app.post(&format!("/api/v1/reviews/{id}/transitions"), t, body)
        .await
}

pub async fn detail(app: &TestApp, t: &str, id: &str) -> Value {
    app.get(&format!("/api/v1/reviews/{id}"), t).await.ok(200)
}

/// A tutor of the composition of the teacher's municipality working in no school:
/// (user id, token).
pub async fn outside_expert(app: &TestApp, n: &str) -> (String, String) {
    let admin = app.login(ADMIN).await;
    let teacher = app.login(TEACHER).await;
    let m = app.me(&teacher).await["municipality_id"]
        .as_str()
        .unwrap()
        .to_string();
    let email = format!("expert-{n}@tutornet.local");
    let uid = composition_tutor(app, &admin, &m, &email, &format!("Экспертова Нина {n}")).await;
    (uid, app.login(&email).await)
}

/// Verdicts on every criterion of the detail's checklist: `met` except `not_met` on
/// the first one (with a remark) when `first_unmet`.
pub fn verdicts(d: &Value, first_unmet: bool) -> Value {
    let v: Vec<Value> = d["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if i == 0 && first_unmet {
                json!({"code": c["code"], "verdict": "not_met", "remark": "Темы КТП расходятся с рабочей программой"})
            } else {
                json!({"code": c["code"], "verdict": "met", "remark": null})
            }
        })
        .collect();
    json!(v)
}

/// Submitted, assigned to a new outside expert and started: (review id, expert token).
pub async fn in_review(app: &TestApp, title: &str) -> (String, String) {
    let teacher = app.login(TEACHER).await;
    let coord = app.login(COORDINATOR).await;
    let r = submit_ktp(app, &teacher, title).await;
    let id = r["id"].as_str().unwrap().to_string();
    let (expert_id, expert) = outside_expert(app, &r["id"].as_str().unwrap()[24..]).await;
    let d = act(
        app,
        &coord,
        &id,
        json!({"action": "assign", "expert_id": expert_id, "version": r["version"]}),
    )
    .await
    .ok(200);
    act(
        app,
        &expert,
        &id,
        json!({"action": "start", "no_conflict": true, "version": d["review"]["version"]}),
    )
    .await
    .ok(200);
    (id, expert)
}
