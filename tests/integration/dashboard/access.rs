//! The dashboard in the authorisation matrix.

use crate::access::matrix::{Ctx, Rows};

pub fn rows() -> Rows {
    Rows {
        noun: "dashboard",
        //                          admin coord tutor teach sadm  obs   far
        cases: vec![("GET dashboard", &[403, 200, 403, 403, 403, 403, 200])],
        play: |c, case| Box::pin(play(c, case)),
    }
}

async fn play(c: &Ctx<'_>, case: &str) -> u16 {
    match case {
        "GET dashboard" => c.app.get("/api/v1/dashboard", c.t).await.status,
        other => panic!("unknown case {other}"),
    }
}
