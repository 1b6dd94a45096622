//! Results in the authorisation matrix: coordinators of the municipality (and admins)
//! write; tutors and observers read the municipality; school staff their school.

use super::{counts_csv, year_id};
use crate::access::matrix::{Ctx, Rows};
use serde_json::json;

pub fn rows() -> Rows {
    Rows {
        noun: "results",
        //                                  admin coord tutor teach sadm  obs   far
        cases: vec![
            ("LIST results", &[200, 200, 200, 200, 200, 200, 200]),
            (
                "GET dynamics own school",
                &[200, 200, 200, 200, 200, 200, 404],
            ),
            (
                "GET dynamics other school",
                &[200, 200, 200, 404, 404, 200, 404],
            ),
            ("GET dynamics own m", &[200, 200, 200, 404, 404, 200, 404]),
            (
                "GET dynamics foreign m",
                &[200, 404, 404, 404, 404, 404, 200],
            ),
            (
                "POST result own school",
                &[201, 201, 403, 403, 403, 403, 404],
            ),
            (
                "POST result other school",
                &[201, 201, 403, 404, 404, 403, 404],
            ),
            (
                "POST import preview own m",
                &[200, 200, 403, 403, 403, 403, 422],
            ),
            (
                "POST import confirm own m",
                &[201, 201, 403, 403, 403, 403, 422],
            ),
            ("GET risks own m", &[200, 200, 200, 200, 200, 200, 404]),
            ("GET calendar", &[200, 200, 200, 200, 200, 200, 200]),
            ("POST calendar own m", &[201, 201, 403, 403, 403, 403, 422]),
            ("PUT calendar own m", &[200, 200, 403, 403, 403, 403, 404]),
            (
                "DELETE calendar own m",
                &[200, 200, 403, 403, 403, 403, 404],
            ),
            ("PUT scale own m", &[200, 200, 403, 403, 403, 403, 422]),
            ("GET scales own m", &[200, 200, 200, 200, 200, 200, 404]),
        ],
        play: |c, case| Box::pin(play(c, case)),
    }
}

async fn play(c: &Ctx<'_>, case: &str) -> u16 {
    let (app, w, t) = (c.app, c.w, c.t);
    let year = year_id(app, &w.admin, "2026/2027").await;
    let q = format!("procedure=vpr&subject_id={}&grade=5", w.math);
    let import = |m: &str| {
        json!({"municipality_id": m, "academic_year_id": year, "procedure": "vpr", "subject_id": w.math,
               "grade": 5, "format": "csv", "content": counts_csv(&[("МБОУ СОШ № 5", 10, [1, 3, 3, 3])])})
    };
    let result = |school: &str| {
        json!({"academic_year_id": year, "procedure": "trial", "subject_id": w.math, "grade": 9,
               "school_id": school, "participants": 4, "mark2": 1, "mark3": 1, "mark4": 1, "mark5": 1})
    };
    let event = |m: &str| json!({"municipality_id": m, "procedure": "oge", "held_on": "2027-05-20", "title": format!("ОГЭ {}", c.n)});
    let new_event = || async {
        app.post("/api/v1/results/calendar", &w.admin, event(&w.own_m))
            .await
            .ok(201)
    };
    match case {
        "LIST results" => app.get("/api/v1/results", t).await.status,
        "GET dynamics own school" | "GET dynamics other school" => {
            let s = if case.ends_with("own school") { &w.own_school } else { &w.other_school };
            app.get(&format!("/api/v1/results/schools/{s}/dynamics?{q}"), t).await.status
        }
        "GET dynamics own m" | "GET dynamics foreign m" => {
            let m = if case.ends_with("own m") { &w.own_m } else { &w.foreign_m };
            app.get(&format!("/api/v1/results/municipalities/{m}/dynamics?{q}"), t).await.status
        }
        "POST result own school" => app.post("/api/v1/results", t, result(&w.own_school)).await.status,
        "POST result other school" => app.post("/api/v1/results", t, result(&w.other_school)).await.status,
        "POST import preview own m" => {
            app.post("/api/v1/results/import/preview", t, import(&w.own_m)).await.status
        }
        "POST import confirm own m" => {
            app.post("/api/v1/results/import/confirm", t, import(&w.own_m)).await.status
        }
        "GET risks own m" => {
            app.get(&format!("/api/v1/results/risks?municipality_id={}", w.own_m), t).await.status
        }
        "GET calendar" => app.get("/api/v1/results/calendar", t).await.status,
        "POST calendar own m" => app.post("/api/v1/results/calendar", t, event(&w.own_m)).await.status,
        "PUT calendar own m" => {
            let e = new_event().await;
            let mut b = event(&w.own_m);
            b["version"] = e["version"].clone();
            b["held_on"] = json!("2027-05-21");
            app.put(&format!("/api/v1/results/calendar/{}", e["id"].as_str().unwrap()), t, b)
                .await
                .status
        }
        "DELETE calendar own m" => {
            let e = new_event().await;
            app.delete(&format!("/api/v1/results/calendar/{}", e["id"].as_str().unwrap()), t)
                .await
                .status
        }
        "PUT scale own m" => {
            app.put("/api/v1/results/scales", t, json!({"municipality_id": w.own_m, "academic_year_id": year,
                "procedure": "vpr", "subject_id": w.math, "grade": 5, "max_score": 20, "min3": 6 + c.n as i32}))
                .await
                .status
        }
        "GET scales own m" => {
            app.get(&format!("/api/v1/results/scales?municipality_id={}", w.own_m), t)
                .await
                .status
        }
        other => panic!("unknown case {other}"),
    }
}
