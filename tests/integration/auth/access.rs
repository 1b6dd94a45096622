//! Auth in the authorisation matrix.

use crate::access::matrix::{Ctx, Rows};

pub fn rows() -> Rows {
    Rows {
        noun: "auth",
        //                admin coord tutor teach sadm  obs
        cases: vec![("ME", &[200, 200, 200, 200, 200, 200])],
        play: |c, case| Box::pin(play(c, case)),
    }
}

async fn play(c: &Ctx<'_>, case: &str) -> u16 {
    match case {
        "ME" => c.app.get("/api/v1/auth/me", c.t).await.status,
        other => panic!("unknown case {other}"),
    }
}
