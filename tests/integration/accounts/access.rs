//! Invitations in the authorisation matrix.

use crate::access::matrix::{Ctx, Rows};
use serde_json::json;

pub fn rows() -> Rows {
    Rows {
        noun: "accounts",
        //                               admin coord tutor teach sadm  obs
        cases: vec![
            ("INVITE foreign user", &[201, 404, 404, 404, 404, 404]),
            ("INVITE own teacher", &[201, 201, 404, 403, 403, 404]),
        ],
        play: |c, case| Box::pin(play(c, case)),
    }
}

async fn play(c: &Ctx<'_>, case: &str) -> u16 {
    let (app, w, t) = (c.app, c.w, c.t);
    let id = match case {
        "INVITE foreign user" => w.foreign_user.clone(),
        "INVITE own teacher" => {
            let teacher = app.login(crate::common::TEACHER).await;
            app.me(&teacher).await["id"].as_str().unwrap().to_string()
        }
        other => panic!("unknown case {other}"),
    };
    app.post(&format!("/api/v1/users/{id}/invitation"), t, json!({}))
        .await
        .status
}
