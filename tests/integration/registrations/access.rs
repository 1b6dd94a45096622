//! Registrations in the authorisation matrix.

use crate::access::matrix::{Ctx, Rows};
use serde_json::json;

pub fn rows() -> Rows {
    Rows {
        noun: "registrations",
        //                              admin coord tutor teach sadm  obs   far
        cases: vec![("POST registration", &[403, 403, 200, 200, 200, 403, 404])],
        play: |c, case| Box::pin(play(c, case)),
    }
}

async fn play(c: &Ctx<'_>, case: &str) -> u16 {
    match case {
        "POST registration" => {
            c.app
                .post(
                    &format!("/api/v1/sessions/{}/registration", c.w.upcoming),
                    c.t,
                    json!({}),
                )
                .await
                .status
        }
        other => panic!("unknown case {other}"),
    }
}
