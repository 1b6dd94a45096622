//! Calendar feeds in the authorisation matrix.

use crate::access::matrix::{Ctx, Rows};
use serde_json::json;

pub fn rows() -> Rows {
    Rows {
        noun: "calendar",
        //                               admin coord tutor teach sadm  obs   far
        cases: vec![
            ("POST personal feed", &[201, 201, 201, 201, 201, 201, 201]),
            ("POST municipal feed", &[403, 201, 403, 403, 403, 403, 201]),
        ],
        play: |c, case| Box::pin(play(c, case)),
    }
}

async fn play(c: &Ctx<'_>, case: &str) -> u16 {
    let (app, t) = (c.app, c.t);
    match case {
        "POST personal feed" => {
            app.post("/api/v1/calendar/feeds", t, json!({}))
                .await
                .status
        }
        "POST municipal feed" => {
            app.post("/api/v1/calendar/feeds", t, json!({"municipal": true}))
                .await
                .status
        }
        other => panic!("unknown case {other}"),
    }
}
