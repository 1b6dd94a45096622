//! Notifications in the authorisation matrix.

use crate::access::matrix::{Ctx, Rows};

pub fn rows() -> Rows {
    Rows {
        noun: "notifications",
        //                              admin coord tutor teach sadm  obs   far
        cases: vec![("GET notifications", &[200, 200, 200, 200, 200, 200, 200])],
        play: |c, case| Box::pin(play(c, case)),
    }
}

async fn play(c: &Ctx<'_>, case: &str) -> u16 {
    match case {
        "GET notifications" => c.app.get("/api/v1/notifications", c.t).await.status,
        other => panic!("unknown case {other}"),
    }
}
