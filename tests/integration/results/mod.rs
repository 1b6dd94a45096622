//! Results of assessment procedures (issue 11): import in counts and percent with
//! per-row errors, all or nothing and re-import replacing the slice; entry by hand;
//! dynamics numbers; risk flags; the calendar and scales; access; concurrent confirms.

pub mod access;
mod dynamics;
mod import;
mod race;

use crate::common::*;
use serde_json::{json, Value};

/// The ids a results test needs, on the demo data.
pub struct Ctx {
    pub coord: String,
    pub m: String,
    pub math: String,
    /// 2025/2026 and 2026/2027 (current).
    pub last_year: String,
    pub this_year: String,
}

pub async fn year_id(app: &TestApp, t: &str, name: &str) -> String {
    let page = app.get("/api/v1/academic-years?limit=200", t).await.ok(200);
    items(&page)
        .iter()
        .find(|y| y["name"] == name)
        .and_then(|y| y["id"].as_str())
        .unwrap_or_else(|| panic!("year {name}"))
        .to_string()
}

pub async fn ctx(app: &TestApp) -> Ctx {
    let coord = app.login(COORDINATOR).await;
    let (m, _) = app.municipalities(&coord).await.remove(0);
    Ctx {
        math: subject_id(app, &coord, "Математика").await,
        last_year: year_id(app, &coord, "2025/2026").await,
        this_year: year_id(app, &coord, "2026/2027").await,
        coord,
        m,
    }
}

/// An import request of ВПР, mathematics, grade 5.
pub fn vpr(c: &Ctx, year: &str, format: &str, content: &str) -> Value {
    json!({"municipality_id": c.m, "academic_year_id": year, "procedure": "vpr",
           "subject_id": c.math, "grade": 5, "format": format, "content": content})
}

/// A CSV table in counts: «ОО;Участники;2;3;4;5».
pub fn counts_csv(rows: &[(&str, i32, [i32; 4])]) -> String {
    let mut s = String::from("ОО;Количество участников;«2»;«3»;«4»;«5»\n");
    for (school, p, m) in rows {
        s.push_str(&format!(
            "{school};{p};{};{};{};{}\n",
            m[0], m[1], m[2], m[3]
        ));
    }
    s
}

/// Imports (confirm) and returns the answer.
pub async fn import(app: &TestApp, t: &str, body: Value) -> Value {
    app.post("/api/v1/results/import/confirm", t, body)
        .await
        .ok(201)
}
