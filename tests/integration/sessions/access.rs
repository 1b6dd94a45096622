//! Sessions in the authorisation matrix (the world's session: the demo tutor's, in the
//! own municipality, held 3–2 hours ago and not yet logged).

use crate::access::matrix::{Ctx, Rows};
use serde_json::{json, Value};

pub fn rows() -> Rows {
    Rows {
        noun: "sessions",
        //                          admin coord tutor teach sadm  obs   far
        cases: vec![
            ("GET session", &[200, 200, 200, 200, 200, 200, 404]),
            ("LIST sessions", &[200, 200, 200, 200, 200, 200, 200]),
            ("PUT session", &[200, 200, 200, 403, 403, 403, 404]),
        ],
        play: |c, case| Box::pin(play(c, case)),
    }
}

async fn play(c: &Ctx<'_>, case: &str) -> u16 {
    let (app, w, t, i) = (c.app, c.w, c.t, c.n);
    let sp = format!("/api/v1/sessions/{}", w.session);
    match case {
        "GET session" => app.get(&sp, t).await.status,
        "LIST sessions" => app.get("/api/v1/sessions", t).await.status,
        "PUT session" => {
            let cur = app.get(&sp, &w.admin).await.ok(200);
            let tutors: Vec<Value> = cur["tutors"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["id"].clone())
                .collect();
            let body = json!({"form": cur["form"], "title": format!("Проверка доступа {i}"), "starts_at": cur["starts_at"], "ends_at": cur["ends_at"], "format": "remote", "online_link": "https://meet.example/x", "audience": "teachers", "tutor_ids": tutors, "version": cur["version"]});
            app.put(&sp, t, body).await.status
        }
        other => panic!("unknown case {other}"),
    }
}
