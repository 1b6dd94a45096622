//! The session log in the authorisation matrix.

use crate::access::matrix::{Ctx, Rows};
use serde_json::json;

pub fn rows() -> Rows {
    Rows {
        noun: "session log",
        //                             admin coord tutor teach sadm  obs   far
        cases: vec![("POST log (early)", &[404, 404, 404, 403, 403, 403, 404])],
        play: |c, case| Box::pin(play(c, case)),
    }
}

async fn play(c: &Ctx<'_>, case: &str) -> u16 {
    match case {
        // A malformed log (empty outcome) tells permission apart without holding the session.
        "POST log (early)" => {
            let r = c
                .app
                .post(
                    &format!("/api/v1/sessions/{}/log", c.w.session),
                    c.t,
                    json!({"outcome": "", "version": 1}),
                )
                .await
                .status;
            if r == 422 {
                404
            } else {
                r
            }
        }
        other => panic!("unknown case {other}"),
    }
}
