//! Consultation points (000 §6.1–6.5): CRUD with version and archive, per-object
//! access, sessions held at a point, one name per municipality under concurrency.

pub mod access;
mod concurrency;
mod manage;
mod rooms;
mod sessions;

use crate::common::*;
use serde_json::{json, Value};

/// A point's body: on the base of `school` (or of the ИМЦ when none), headed by `head`
/// (a user id) or by a typed name.
pub fn point(m: &str, name: &str, school: Option<&str>, head: Option<&str>) -> Value {
    let mut b = json!({"municipality_id": m, "name": name, "address": "ул. Школьная, 1, каб. 12",
                       "subject_ids": []});
    match school {
        Some(s) => b["base_school_id"] = json!(s),
        None => b["base_organisation"] = json!("МКУ ИМЦ"),
    }
    match head {
        Some(u) => b["head_user_id"] = json!(u),
        None => b["head_name"] = json!("Губанова Ирина Степановна"),
    }
    b
}

/// Creates a point (as `t`) and returns it.
pub async fn new_point(app: &TestApp, t: &str, m: &str, name: &str) -> Value {
    app.post("/api/v1/consultation-points", t, point(m, name, None, None))
        .await
        .ok(201)
}

/// The point's body for an edit: what it holds, with `name`.
pub fn edit(p: &Value, name: &str) -> Value {
    let mut b = json!({"municipality_id": p["municipality_id"], "name": name,
                       "base_school_id": p["base_school_id"], "base_organisation": p["base_organisation"],
                       "head_user_id": p["head_user_id"], "address": p["address"], "note": p["note"],
                       "version": p["version"]});
    if p["head_user_id"].is_null() {
        b["head_name"] = p["head_name"].clone();
    }
    b["subject_ids"] = p["subjects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].clone())
        .collect();
    b
}
