//! Trajectories in the authorisation matrix: the learner reads and agrees, the mentor
//! composes, the school reads its people's, the municipality's coordinators manage.

use super::drafted;
use crate::access::matrix::{Ctx, Rows};
use crate::common::*;
use serde_json::json;

pub fn rows() -> Rows {
    Rows {
        noun: "trajectories",
        //                                  admin coord tutor teach sadm  obs   far
        cases: vec![
            ("LIST trajectories", &[200, 200, 200, 200, 200, 200, 200]),
            ("GET own trajectory", &[200, 200, 200, 200, 200, 200, 404]),
            (
                "POST trajectory own teacher",
                &[201, 201, 201, 403, 403, 403, 422],
            ),
            ("PUT own trajectory", &[200, 200, 200, 403, 403, 403, 404]),
            (
                "GET own trajectory docx",
                &[200, 200, 200, 200, 200, 200, 404],
            ),
        ],
        play: |c, case| Box::pin(play(c, case)),
    }
}

async fn play(c: &Ctx<'_>, case: &str) -> u16 {
    let (app, t) = (c.app, c.t);
    match case {
        "LIST trajectories" => app.get("/api/v1/trajectories", t).await.status,
        "GET own trajectory" | "GET own trajectory docx" => {
            let tr = drafted(app).await;
            let suffix = if case.ends_with("docx") {
                "/document.docx"
            } else {
                ""
            };
            app.get(&format!("{}{suffix}", super::path(&tr)), t)
                .await
                .status
        }
        "POST trajectory own teacher" => {
            let teacher = app.login(TEACHER).await;
            let tutor = app.login(TUTOR).await;
            let (teacher_id, tutor_id) = (
                app.me(&teacher).await["id"].clone(),
                app.me(&tutor).await["id"].clone(),
            );
            app.post(
                "/api/v1/trajectories",
                t,
                json!({"user_id": teacher_id, "mentor_user_id": tutor_id, "title": "ИОМ"}),
            )
            .await
            .status
        }
        "PUT own trajectory" => {
            let tr = drafted(app).await;
            app.put(
                &super::path(&tr),
                t,
                json!({"user_id": tr["user_id"], "title": "ИОМ (уточнён)",
                       "deficits": [{"indicator_id": crate::diagnostics::KIM, "task": "Задача"}], "version": tr["version"]}),
            )
            .await
            .status
        }
        other => panic!("unknown case {other}"),
    }
}
