//! Deficit diagnostics: campaigns, the results table (preview → confirm, all or
//! nothing, a re-import replaces), what each role sees, a person's deficits.

pub mod access;
mod import;
mod race;

use crate::common::*;
use serde_json::{json, Value};

pub const KIM: &str = "ind-kim-1";
pub const FEEDBACK: &str = "ind-formative_assessment-2";

/// The wording of an indicator of the seeded framework.
pub async fn wording(app: &TestApp, t: &str, id: &str) -> String {
    let all = app.get("/api/v1/diagnostics/indicators", t).await.ok(200);
    all.as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id)
        .unwrap()["name"]
        .as_str()
        .unwrap()
        .to_string()
}

/// A campaign of `m` held on `held_on` (ДД given as ISO).
pub async fn campaign(app: &TestApp, t: &str, m: &str, held_on: &str) -> Value {
    app.post(
        "/api/v1/diagnostics/campaigns",
        t,
        json!({"municipality_id": m, "title": format!("Диагностика дефицитов {held_on}"),
               "held_on": held_on, "method": "questionnaire", "respondents": "teachers"}),
    )
    .await
    .ok(201)
}

/// A pasted table: the header and one row per (e-mail, KIM score, feedback score).
pub async fn table(app: &TestApp, t: &str, rows: &[(&str, &str, &str)]) -> String {
    let mut s = format!(
        "ФИО\tE-mail\tМолодой педагог\t{}\t{}\n",
        wording(app, t, KIM).await,
        wording(app, t, FEEDBACK).await
    );
    for (email, kim, fb) in rows {
        s.push_str(&format!("Педагог\t{email}\tда\t{kim}\t{fb}\n"));
    }
    s
}

/// Loads the teacher's scores (KIM, feedback) into a new campaign; returns it.
pub async fn teacher_scores(
    app: &TestApp,
    coord: &str,
    m: &str,
    held_on: &str,
    kim: &str,
    fb: &str,
) -> Value {
    let c = campaign(app, coord, m, held_on).await;
    let content = table(app, coord, &[(TEACHER, kim, fb)]).await;
    app.post(
        &format!(
            "/api/v1/diagnostics/campaigns/{}/import/confirm",
            c["id"].as_str().unwrap()
        ),
        coord,
        json!({"format": "text", "content": content}),
    )
    .await
    .ok(200);
    c
}
