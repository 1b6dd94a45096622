//! Schools in the authorisation matrix.

use crate::access::matrix::{Ctx, Rows};
use crate::common::*;
use serde_json::json;

pub fn rows() -> Rows {
    Rows {
        noun: "schools",
        //                                  admin coord tutor teach sadm  obs
        cases: vec![
            ("GET own school", &[200, 200, 200, 200, 200, 200]),
            ("GET other school", &[200, 200, 200, 404, 404, 200]),
            ("GET foreign school", &[200, 404, 404, 404, 404, 404]),
            ("LIST schools", &[200, 200, 200, 200, 200, 200]),
            ("PUT own school", &[200, 200, 403, 403, 200, 403]),
            ("PUT other school", &[200, 200, 403, 404, 404, 403]),
            ("PUT foreign school", &[200, 404, 404, 404, 404, 404]),
            ("POST school own m", &[201, 201, 403, 403, 403, 403]),
            ("POST school foreign m", &[201, 422, 403, 403, 403, 403]),
            ("DELETE other school", &[200, 200, 403, 404, 404, 403]),
            ("DELETE foreign school", &[200, 404, 404, 404, 404, 404]),
        ],
        play: |c, case| Box::pin(play(c, case)),
    }
}

async fn play(c: &Ctx<'_>, case: &str) -> u16 {
    let (app, w, t) = (c.app, c.w, c.t);
    let uniq = format!("{case} {}", c.n);
    match case {
        "GET own school" => {
            app.get(&format!("/api/v1/schools/{}", w.own_school), t)
                .await
                .status
        }
        "GET other school" => {
            app.get(&format!("/api/v1/schools/{}", w.other_school), t)
                .await
                .status
        }
        "GET foreign school" => {
            app.get(&format!("/api/v1/schools/{}", w.foreign_school), t)
                .await
                .status
        }
        "LIST schools" => app.get("/api/v1/schools", t).await.status,
        "PUT own school" | "PUT other school" | "PUT foreign school" => {
            let id = match case {
                "PUT own school" => &w.own_school,
                "PUT other school" => &w.other_school,
                _ => &w.foreign_school,
            };
            let current = app
                .get(&format!("/api/v1/schools/{id}"), &w.admin)
                .await
                .ok(200);
            app.put(&format!("/api/v1/schools/{id}"), t, school_edit(&current))
                .await
                .status
        }
        "POST school own m" | "POST school foreign m" => {
            let m = if case == "POST school own m" {
                &w.own_m
            } else {
                &w.foreign_m
            };
            app.post(
                "/api/v1/schools",
                t,
                json!({"municipality_id": m, "full_name": uniq, "short_name": uniq}),
            )
            .await
            .status
        }
        "DELETE other school" => {
            app.delete(&format!("/api/v1/schools/{}", w.other_school), t)
                .await
                .status
        }
        "DELETE foreign school" => {
            app.delete(&format!("/api/v1/schools/{}", w.foreign_school), t)
                .await
                .status
        }
        other => panic!("unknown case {other}"),
    }
}
