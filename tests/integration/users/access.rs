//! Users in the authorisation matrix.

use crate::access::matrix::{Ctx, Rows};
use serde_json::json;

pub fn rows() -> Rows {
    Rows {
        noun: "users",
        //                               admin coord tutor teach sadm  obs
        cases: vec![
            ("LIST users", &[200, 200, 200, 200, 200, 403]),
            ("GET self", &[200, 200, 200, 200, 200, 404]),
            ("GET foreign user", &[200, 404, 404, 404, 404, 404]),
            ("POST user", &[201, 201, 403, 403, 403, 403]),
            ("PUT foreign user", &[200, 404, 404, 404, 404, 404]),
            ("RESET foreign user", &[204, 404, 404, 404, 404, 404]),
        ],
        play: |c, case| Box::pin(play(c, case)),
    }
}

async fn play(c: &Ctx<'_>, case: &str) -> u16 {
    let (app, w, t, n) = (c.app, c.w, c.t, c.n);
    match case {
        "LIST users" => app.get("/api/v1/users", t).await.status,
        "GET self" => {
            app.get(
                &format!("/api/v1/users/{}", c.me["id"].as_str().unwrap()),
                t,
            )
            .await
            .status
        }
        "GET foreign user" => {
            app.get(&format!("/api/v1/users/{}", w.foreign_user), t)
                .await
                .status
        }
        "POST user" => {
            let email = format!("matrix{n}@x.ru");
            app.post("/api/v1/users", t, json!({"email": email, "full_name": "Проверочный Пользователь", "role": "teacher", "municipality_id": w.own_m, "school_id": w.own_school, "password": "0123456789ab"}))
                .await
                .status
        }
        "PUT foreign user" => {
            let u = app
                .get(&format!("/api/v1/users/{}", w.foreign_user), &w.admin)
                .await
                .ok(200);
            let body = json!({"email": u["email"], "full_name": u["full_name"], "role": u["role"], "municipality_id": u["municipality_id"], "active": true, "version": u["version"]});
            app.put(&format!("/api/v1/users/{}", w.foreign_user), t, body)
                .await
                .status
        }
        "RESET foreign user" => {
            app.post(
                &format!("/api/v1/users/{}/password", w.foreign_user),
                t,
                json!({"new_password": "another-password-9"}),
            )
            .await
            .status
        }
        other => panic!("unknown case {other}"),
    }
}
