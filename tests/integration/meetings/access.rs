//! Meetings in the authorisation matrix: the municipality's coordinators (and admins)
//! organise, the invited tutor reads and marks their own поручение, observers read, the
//! uninvited teacher and school administrator and the far coordinator see nothing.

use super::*;
use crate::access::matrix::{Ctx, Rows};

pub fn rows() -> Rows {
    Rows {
        noun: "meetings",
        //                                  admin coord tutor teach sadm  obs   far
        cases: vec![
            ("LIST meetings", &[200, 200, 200, 200, 200, 200, 200]),
            ("GET own meeting", &[200, 200, 200, 404, 404, 200, 404]),
            (
                "POST meeting own municipality",
                &[201, 201, 403, 403, 403, 403, 422],
            ),
            ("PUT own meeting", &[200, 200, 403, 404, 404, 403, 404]),
            (
                "TRANSITION own meeting",
                &[200, 200, 403, 404, 404, 403, 404],
            ),
            (
                "MARK tutor's decision",
                &[200, 200, 200, 404, 404, 403, 404],
            ),
            (
                "GET own protocol docx",
                &[200, 200, 200, 404, 404, 200, 404],
            ),
        ],
        play: |c, case| Box::pin(play(c, case)),
    }
}

async fn play(c: &Ctx<'_>, case: &str) -> u16 {
    let (app, t) = (c.app, c.t);
    match case {
        "LIST meetings" => app.get("/api/v1/meetings", t).await.status,
        "GET own meeting" => {
            let m = called(app, "2026-11-20", "Совещание").await;
            app.get(&path(&m), t).await.status
        }
        "GET own protocol docx" => {
            let m = held(app, "2026-11-20", "Совещание").await;
            app.get(&format!("{}/protocol.docx", path(&m)), t)
                .await
                .status
        }
        "POST meeting own municipality" => {
            app.post(
                "/api/v1/meetings",
                t,
                json!({"municipality_id": c.w.own_m, "kind": "method_council", "topic": "Совет",
                       "held_on": "2026-11-20", "starts_at": "10:00", "place": "ИМЦ"}),
            )
            .await
            .status
        }
        "PUT own meeting" => {
            let m = called(app, "2026-11-20", "Совещание").await;
            let tutor = app.login(TUTOR).await;
            let tutor_id = app.me(&tutor).await["id"].clone();
            app.put(&path(&m), t, content(&m, &tutor_id, false))
                .await
                .status
        }
        "TRANSITION own meeting" => {
            let m = called(app, "2026-11-20", "Совещание").await;
            app.post(
                &format!("{}/transitions", path(&m)),
                t,
                json!({"action": "hold", "version": m["version"]}),
            )
            .await
            .status
        }
        "MARK tutor's decision" => {
            let m = held(app, "2026-11-20", "Совещание").await;
            let d = decisions(&m)[0].clone();
            app.post(
                &mark_path(&m, &d),
                t,
                json!({"done": true, "version": d["version"]}),
            )
            .await
            .status
        }
        other => panic!("unknown case {other}"),
    }
}
