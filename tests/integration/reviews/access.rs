//! Reviews in the authorisation matrix: the author (teacher), the school's
//! administration and the municipality's coordinator see a review; a tutor only the
//! ones they are the expert of; the coordinator assigns and edits the templates.

use super::{act, submit_ktp};
use crate::access::matrix::{Ctx, Rows};
use crate::common::*;
use serde_json::json;

pub fn rows() -> Rows {
    Rows {
        noun: "reviews",
        //                                  admin coord tutor teach sadm  obs   far
        cases: vec![
            ("LIST reviews", &[200, 200, 200, 200, 200, 200, 200]),
            ("GET own review", &[200, 200, 404, 200, 200, 200, 404]),
            ("GET as expert", &[200, 200, 200, 200, 200, 200, 404]),
            ("POST review", &[422, 422, 403, 201, 201, 403, 422]),
            ("ASSIGN own review", &[200, 200, 404, 403, 403, 403, 404]),
            ("GET by school", &[200, 200, 200, 200, 200, 200, 200]),
            ("PUT template", &[403, 200, 403, 403, 403, 403, 200]),
        ],
        play: |c, case| Box::pin(play(c, case)),
    }
}

async fn play(c: &Ctx<'_>, case: &str) -> u16 {
    let (app, t) = (c.app, c.t);
    let teacher = app.login(TEACHER).await;
    let title = format!("КТП {case} {}", c.n);
    match case {
        "LIST reviews" => app.get("/api/v1/reviews", t).await.status,
        "GET own review" => {
            let r = submit_ktp(app, &teacher, &title).await;
            app.get(&format!("/api/v1/reviews/{}", r["id"].as_str().unwrap()), t)
                .await
                .status
        }
        "GET as expert" | "ASSIGN own review" => {
            let coord = app.login(COORDINATOR).await;
            let tutor = app.login(TUTOR).await;
            let tutor_id = app.me(&tutor).await["id"].as_str().unwrap().to_string();
            let r = submit_ktp(app, &teacher, &title).await;
            let id = r["id"].as_str().unwrap();
            let assign = json!({"action": "assign", "expert_id": tutor_id, "confirm_same_school": true, "version": 1});
            if case == "ASSIGN own review" {
                return act(app, t, id, assign).await.status;
            }
            act(app, &coord, id, assign).await.ok(200);
            app.get(&format!("/api/v1/reviews/{id}"), t).await.status
        }
        "POST review" => {
            app.post(
                "/api/v1/reviews",
                t,
                json!({"document_type": "ktp", "title": title}),
            )
            .await
            .status
        }
        "GET by school" => app.get("/api/v1/reviews/by-school", t).await.status,
        "PUT template" => {
            let cur = app.get("/api/v1/review-templates/lesson_map", t).await;
            let (version, mut criteria) = if cur.status == 200 {
                (
                    cur.body["version"].clone(),
                    cur.body["criteria"].as_array().unwrap().clone(),
                )
            } else {
                (json!(1), vec![])
            };
            criteria.push(json!({"code": format!("x{}", c.n), "title": title, "hint": "", "basis": "", "weight": 1, "critical": false}));
            app.put(
                "/api/v1/review-templates/lesson_map",
                t,
                json!({"version": version, "criteria": criteria}),
            )
            .await
            .status
        }
        _ => unreachable!("{case}"),
    }
}
