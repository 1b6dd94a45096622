//! Diagnostics in the authorisation matrix: the municipality's coordinators run
//! campaigns; tutors and observers read the municipality, a school its people, a
//! teacher their own results.

use super::teacher_scores;
use crate::access::matrix::{Ctx, Rows};
use crate::common::*;
use serde_json::json;

pub fn rows() -> Rows {
    Rows {
        noun: "diagnostics",
        //                                  admin coord tutor teach sadm  obs   far
        cases: vec![
            ("LIST campaigns", &[200, 200, 200, 200, 200, 200, 200]),
            ("GET campaign own m", &[200, 200, 200, 200, 200, 200, 404]),
            ("POST campaign own m", &[201, 201, 403, 403, 403, 403, 422]),
            (
                "GET deficits of teacher",
                &[200, 200, 200, 200, 200, 200, 404],
            ),
        ],
        play: |c, case| Box::pin(play(c, case)),
    }
}

async fn play(c: &Ctx<'_>, case: &str) -> u16 {
    let (app, w, t) = (c.app, c.w, c.t);
    match case {
        "LIST campaigns" => app.get("/api/v1/diagnostics/campaigns", t).await.status,
        "GET campaign own m" => {
            let coord = app.login(COORDINATOR).await;
            let cmp = teacher_scores(app, &coord, &w.own_m, "2026-11-20", "40", "80").await;
            app.get(
                &format!(
                    "/api/v1/diagnostics/campaigns/{}",
                    cmp["id"].as_str().unwrap()
                ),
                t,
            )
            .await
            .status
        }
        "POST campaign own m" => {
            app.post(
                "/api/v1/diagnostics/campaigns",
                t,
                json!({"municipality_id": w.own_m, "title": "Диагностика", "held_on": "2026-11-20",
                       "method": "expert_rating", "respondents": "leaders"}),
            )
            .await
            .status
        }
        "GET deficits of teacher" => {
            let teacher = app.login(TEACHER).await;
            let id = app.me(&teacher).await["id"].as_str().unwrap().to_string();
            app.get(&format!("/api/v1/diagnostics/deficits?user_id={id}"), t)
                .await
                .status
        }
        other => panic!("unknown case {other}"),
    }
}
