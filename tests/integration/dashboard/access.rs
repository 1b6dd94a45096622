//! The dashboard and the start page in the authorisation matrix.

use crate::access::matrix::{Ctx, Rows};

pub fn rows() -> Rows {
    Rows {
        noun: "dashboard",
        //                          admin coord tutor teach sadm  obs   far
        cases: vec![
            // A regional admin has no municipality of their own: they must choose one.
            ("GET dashboard", &[422, 200, 403, 403, 403, 403, 200]),
            (
                "GET dashboard of own municipality",
                &[200, 200, 403, 403, 403, 403, 404],
            ),
            ("GET agenda", &[200, 200, 200, 200, 200, 200, 200]),
        ],
        play: |c, case| Box::pin(play(c, case)),
    }
}

async fn play(c: &Ctx<'_>, case: &str) -> u16 {
    match case {
        "GET dashboard" => c.app.get("/api/v1/dashboard", c.t).await.status,
        "GET dashboard of own municipality" => {
            let path = format!("/api/v1/dashboard?municipality_id={}", c.w.own_m);
            c.app.get(&path, c.t).await.status
        }
        "GET agenda" => c.app.get("/api/v1/agenda", c.t).await.status,
        other => panic!("unknown case {other}"),
    }
}
