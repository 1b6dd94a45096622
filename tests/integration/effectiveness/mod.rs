//! The October effectiveness review (issue 11): figures grow with logged work, every
//! figure's records add up to it, the failing share of the supported schools next to
//! similar schools that received less, the DOCX/XLSX report with the API's figures, and
//! who may read it.

pub mod access;
mod review;

use crate::common::*;
use serde_json::{json, Value};

pub fn path(m: &str, extra: &str) -> String {
    format!("/api/v1/effectiveness?municipality_id={m}{extra}")
}

/// The figure with `key` of a review section.
pub fn figure(list: &Value, key: &str) -> f64 {
    list.as_array()
        .unwrap()
        .iter()
        .find(|f| f["key"] == key)
        .and_then(|f| f["value"].as_f64())
        .unwrap_or(0.0)
}

/// The records behind a figure.
pub async fn records(app: &TestApp, t: &str, m: &str, key: &str) -> Vec<Value> {
    app.get(
        &format!("/api/v1/effectiveness/records?municipality_id={m}&key={key}"),
        t,
    )
    .await
    .ok(200)["records"]
        .as_array()
        .unwrap()
        .clone()
}

/// A remote group consultation open to `schools`, held two hours ago for two academic
/// hours with `attended` present; returns its id.
pub async fn held_session(app: &TestApp, tutor: &str, schools: &[&str], teacher: &str) -> String {
    let mut b = remote_session(
        "group_consultation",
        "Разбор заданий региональной диагностики",
        30,
        32,
    );
    b["open_to"] = json!("schools");
    b["target_school_ids"] = json!(schools);
    let s = plan_session(app, tutor, b).await;
    let id = s["id"].as_str().unwrap().to_string();
    app.post(
        &format!("/api/v1/sessions/{id}/registration"),
        teacher,
        json!({}),
    )
    .await
    .ok(200);
    // Let it take place, keeping whom it is open to.
    let path = format!("/api/v1/sessions/{id}");
    let cur = app.get(&path, tutor).await.ok(200);
    let mut body = json!({"starts_at": at(-3), "ends_at": at(-1), "open_to": "schools",
                          "target_school_ids": schools});
    for k in [
        "form",
        "title",
        "online_link",
        "format",
        "audience",
        "version",
    ] {
        body[k] = cur[k].clone();
    }
    body["tutor_ids"] = json!(cur["tutors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].clone())
        .collect::<Vec<_>>());
    let moved = app.put(&path, tutor, body).await.ok(200);
    let teacher_id = app.me(teacher).await["id"].clone();
    app.post(
        &format!("/api/v1/sessions/{id}/log"),
        tutor,
        json!({"attended_user_ids": [teacher_id], "academic_hours": 2.0,
               "outcome": "Разобрали задания 3–5", "version": moved["version"]}),
    )
    .await
    .ok(200);
    id
}
