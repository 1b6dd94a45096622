//! The registry in the authorisation matrix: municipalities, subjects, academic
//! years, regions, the audit log and stats.

use crate::access::matrix::{Ctx, Rows};
use serde_json::json;

pub fn rows() -> Rows {
    Rows {
        noun: "registry",
        //                                admin coord tutor teach sadm  obs
        cases: vec![
            ("LIST municipalities", &[200, 200, 200, 200, 200, 200]),
            ("GET foreign m", &[200, 200, 200, 200, 200, 200]),
            ("POST municipality", &[201, 403, 403, 403, 403, 403]),
            ("PUT foreign m", &[200, 403, 403, 403, 403, 403]),
            ("LIST subjects", &[200, 200, 200, 200, 200, 200]),
            ("POST subject", &[201, 403, 403, 403, 403, 403]),
            ("POST academic year", &[201, 403, 403, 403, 403, 403]),
            ("LIST years", &[200, 200, 200, 200, 200, 200]),
            ("LIST regions", &[200, 200, 200, 200, 200, 200]),
            ("AUDIT", &[200, 200, 403, 403, 403, 403]),
            ("STATS", &[200, 200, 200, 200, 200, 200]),
        ],
        play: |c, case| Box::pin(play(c, case)),
    }
}

async fn play(c: &Ctx<'_>, case: &str) -> u16 {
    let (app, w, t, n) = (c.app, c.w, c.t, c.n);
    let uniq = format!("{case} {n}");
    match case {
        "LIST municipalities" => app.get("/api/v1/municipalities", t).await.status,
        "GET foreign m" => {
            app.get(&format!("/api/v1/municipalities/{}", w.foreign_m), t)
                .await
                .status
        }
        "POST municipality" => {
            app.post("/api/v1/municipalities", t, json!({"name": uniq}))
                .await
                .status
        }
        "PUT foreign m" => {
            let m = app
                .get(&format!("/api/v1/municipalities/{}", w.foreign_m), &w.admin)
                .await
                .ok(200);
            app.put(
                &format!("/api/v1/municipalities/{}", w.foreign_m),
                t,
                json!({"name": m["name"], "version": m["version"]}),
            )
            .await
            .status
        }
        "LIST subjects" => app.get("/api/v1/subjects", t).await.status,
        "POST subject" => {
            app.post("/api/v1/subjects", t, json!({"name": uniq}))
                .await
                .status
        }
        "POST academic year" => {
            app.post(
                "/api/v1/academic-years",
                t,
                json!({"start_year": 2030 + n as i32}),
            )
            .await
            .status
        }
        "LIST years" => app.get("/api/v1/academic-years", t).await.status,
        "LIST regions" => app.get("/api/v1/regions", t).await.status,
        "AUDIT" => app.get("/api/v1/audit", t).await.status,
        "STATS" => app.get("/api/v1/stats", t).await.status,
        other => panic!("unknown case {other}"),
    }
}
