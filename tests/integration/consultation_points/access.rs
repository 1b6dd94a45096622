//! Consultation points in the authorisation matrix: coordinators of the municipality
//! (and admins) manage, everyone in reach reads.

use super::{edit, new_point, point};
use crate::access::matrix::{Ctx, Rows};

pub fn rows() -> Rows {
    Rows {
        noun: "points",
        //                                  admin coord tutor teach sadm  obs   far
        cases: vec![
            ("LIST points", &[200, 200, 200, 200, 200, 200, 200]),
            ("GET own point", &[200, 200, 200, 200, 200, 200, 404]),
            ("GET foreign point", &[200, 404, 404, 404, 404, 404, 200]),
            ("POST point own m", &[201, 201, 403, 403, 403, 403, 422]),
            ("POST point foreign m", &[201, 422, 403, 403, 403, 403, 201]),
            ("PUT own point", &[200, 200, 403, 403, 403, 403, 404]),
            ("DELETE own point", &[200, 200, 403, 403, 403, 403, 404]),
            ("DELETE foreign point", &[200, 404, 404, 404, 404, 404, 200]),
            ("GET schedule own m", &[200, 200, 200, 200, 200, 200, 404]),
            (
                "GET schedule foreign m",
                &[200, 404, 404, 404, 404, 404, 200],
            ),
        ],
        play: |c, case| Box::pin(play(c, case)),
    }
}

async fn play(c: &Ctx<'_>, case: &str) -> u16 {
    let (app, w, t) = (c.app, c.w, c.t);
    let uniq = format!("Пункт {case} {}", c.n);
    let path = |p: &serde_json::Value| {
        format!("/api/v1/consultation-points/{}", p["id"].as_str().unwrap())
    };
    match case {
        "LIST points" => app.get("/api/v1/consultation-points", t).await.status,
        "GET own point" | "GET foreign point" => {
            let m = if case == "GET own point" {
                &w.own_m
            } else {
                &w.foreign_m
            };
            let p = new_point(app, &w.admin, m, &uniq).await;
            app.get(&path(&p), t).await.status
        }
        "POST point own m" | "POST point foreign m" => {
            let m = if case == "POST point own m" {
                &w.own_m
            } else {
                &w.foreign_m
            };
            app.post(
                "/api/v1/consultation-points",
                t,
                point(m, &uniq, None, None),
            )
            .await
            .status
        }
        "PUT own point" => {
            let p = new_point(app, &w.admin, &w.own_m, &uniq).await;
            app.put(&path(&p), t, edit(&p, &format!("{uniq} (новое)")))
                .await
                .status
        }
        "DELETE own point" | "DELETE foreign point" => {
            let m = if case == "DELETE own point" {
                &w.own_m
            } else {
                &w.foreign_m
            };
            let p = new_point(app, &w.admin, m, &uniq).await;
            app.delete(&path(&p), t).await.status
        }
        "GET schedule own m" | "GET schedule foreign m" => {
            let m = if case == "GET schedule own m" {
                &w.own_m
            } else {
                &w.foreign_m
            };
            app.get(
                &format!("/api/v1/calendar/schedule/export.xlsx?municipality_id={m}&from=2026-12-01&to=2026-12-31"),
                t,
            )
            .await
            .status
        }
        other => panic!("unknown case {other}"),
    }
}
