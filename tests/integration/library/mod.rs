//! The methodological library: moderation end to end, versions, files and their
//! visibility, Russian search on both databases, races, and the authorisation rows.

pub mod access;
mod race;
mod search;
mod workflow;

use crate::common::*;
use serde_json::{json, Value};

/// A material's input.
pub fn material(title: &str, description: &str, visibility: &str) -> Value {
    json!({
        "material_type": "manual",
        "title": title,
        "description": description,
        "grades": [7],
        "tags": [{"kind": "deficit", "value": "формирующее оценивание"}],
        "authors": [{"full_name": "Кедров Алексей Павлович", "organisation": "учитель математики"}],
        "licence": "cc_by",
        "visibility": visibility,
    })
}

/// Creates a draft as `t`: its detail.
pub async fn create(app: &TestApp, t: &str, body: Value) -> Value {
    app.post("/api/v1/library", t, body).await.ok(201)
}

/// Uploads a DOCX with `paragraphs`: (status, body).
pub async fn upload_docx(
    app: &TestApp,
    t: &str,
    id: &str,
    name: &str,
    paragraphs: &[&str],
) -> (u16, Value) {
    let bytes = tutornet_api::features::library::demo::docx(paragraphs);
    upload(
        app,
        "POST",
        &format!("/api/v1/library/{id}/files?name={name}"),
        t,
        "application/octet-stream",
        bytes,
    )
    .await
}

/// A moderation step.
pub async fn act(app: &TestApp, t: &str, id: &str, body: Value) -> Resp {
    app.post(&format!("/api/v1/library/{id}/transitions"), t, body)
        .await
}

pub async fn detail(app: &TestApp, t: &str, id: &str) -> Value {
    app.get(&format!("/api/v1/library/{id}"), t).await.ok(200)
}

/// A draft of `author` with a DOCX, submitted and published by `coord`: its id.
pub async fn published(
    app: &TestApp,
    author: &str,
    coord: &str,
    body: Value,
    docx: &[&str],
) -> String {
    let d = create(app, author, body).await;
    let id = d["item"]["id"].as_str().unwrap().to_string();
    let (st, f) = upload_docx(app, author, &id, "material.docx", docx).await;
    assert_eq!(st, 201, "{f}");
    let d = act(
        app,
        author,
        &id,
        json!({"action": "submit", "version": d["item"]["version"]}),
    )
    .await
    .ok(200);
    act(
        app,
        coord,
        &id,
        json!({"action": "publish", "version": d["item"]["version"]}),
    )
    .await
    .ok(200);
    id
}

/// A search as `t`.
pub async fn find(app: &TestApp, t: &str, q: &str) -> Value {
    let q: String = q
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    app.get(&format!("/api/v1/library?q={q}"), t).await.ok(200)
}

/// Titles of the found materials, in rank order.
pub fn titles(r: &Value) -> Vec<String> {
    r["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["item"]["title"].as_str().unwrap().to_string())
        .collect()
}

/// A teacher of another school of the own municipality, logged in.
pub async fn other_teacher(app: &TestApp, n: &str) -> String {
    let admin = app.login(ADMIN).await;
    let ms = app.municipalities(&admin).await;
    let school = app.school_id(&admin, &ms[0].0, "МБОУ СОШ № 5").await;
    let email = format!("teacher-{n}@x.ru");
    create_user(
        app,
        &admin,
        user(
            &email,
            &format!("Другая Учительница {n}"),
            "teacher",
            &ms[0].0,
            Some(&school),
        ),
    )
    .await;
    app.login(&email).await
}
