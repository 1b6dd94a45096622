//! Invitations and the opening of accounts (members of the composition, bulk, the
//! import of a table of people) in the authorisation matrix. The far coordinator (the
//! seventh column) works in the foreign municipality: this municipality's members are
//! not theirs.

use crate::access::matrix::{Ctx, Rows};
use crate::users::import::people_xlsx;
use serde_json::json;

pub fn rows() -> Rows {
    Rows {
        noun: "accounts",
        //                                         admin coord tutor teach sadm  obs   far
        cases: vec![
            ("INVITE foreign user", &[201, 404, 404, 404, 404, 404]),
            ("INVITE own teacher", &[201, 201, 404, 403, 403, 404]),
            (
                "MEMBER ACCOUNT create own",
                &[201, 201, 403, 403, 403, 403, 404],
            ),
            (
                "MEMBER ACCOUNT link own",
                &[201, 201, 403, 403, 403, 403, 404],
            ),
            // Without `municipality_id` the admin, who has none, must name one (422); a
            // coordinator naming another municipality is refused on that field (422), as
            // everywhere in the composition.
            (
                "MEMBERS WITHOUT ACCOUNT list",
                &[422, 200, 403, 403, 403, 403, 200],
            ),
            (
                "MEMBERS WITHOUT ACCOUNT own m",
                &[200, 200, 403, 403, 403, 403, 422],
            ),
            (
                "MEMBER ACCOUNTS bulk own",
                &[201, 201, 403, 403, 403, 403, 422],
            ),
            ("USERS IMPORT preview", &[200, 200, 403, 403, 403, 403, 200]),
            ("USERS IMPORT confirm", &[201, 201, 403, 403, 403, 403, 422]),
        ],
        play: |c, case| Box::pin(play(c, case)),
    }
}

async fn play(c: &Ctx<'_>, case: &str) -> u16 {
    let (app, w, t, n) = (c.app, c.w, c.t, c.n);
    match case {
        "INVITE foreign user" | "INVITE own teacher" => {
            let id = if case == "INVITE foreign user" {
                w.foreign_user.clone()
            } else {
                let teacher = app.login(crate::common::TEACHER).await;
                app.me(&teacher).await["id"].as_str().unwrap().to_string()
            };
            app.post(&format!("/api/v1/users/{id}/invitation"), t, json!({}))
                .await
                .status
        }
        "MEMBER ACCOUNT create own" => {
            // A fresh approved member of this municipality for each role.
            let m = w.approved_member(app, &format!("Учётная Мария {n}")).await;
            crate::accounts::members::account(
                app,
                t,
                &m,
                json!({"email": format!("acc-create-{n}@x.ru"), "delivery": "password"}),
            )
            .await
            .status
        }
        "MEMBER ACCOUNT link own" => {
            let m = w.approved_member(app, &format!("Связанный Пётр {n}")).await;
            let uid = crate::common::create_user(
                app,
                &w.admin,
                crate::common::user(
                    &format!("acc-link-{n}@x.ru"),
                    &format!("Связанный Пётр {n}"),
                    "teacher",
                    &w.own_m,
                    Some(&w.own_school),
                ),
            )
            .await;
            crate::accounts::members::account(app, t, &m, json!({ "user_id": uid }))
                .await
                .status
        }
        "MEMBERS WITHOUT ACCOUNT list" => app.get("/api/v1/accounts/members", t).await.status,
        "MEMBERS WITHOUT ACCOUNT own m" => {
            app.get(
                &format!("/api/v1/accounts/members?municipality_id={}", w.own_m),
                t,
            )
            .await
            .status
        }
        "MEMBER ACCOUNTS bulk own" => {
            let m = w.approved_member(app, &format!("Массовая Ольга {n}")).await;
            app.post(
                "/api/v1/accounts/members",
                t,
                json!({
                    "accounts": [{"member_id": m, "email": format!("acc-bulk-{n}@x.ru")}],
                    "delivery": "invitation",
                }),
            )
            .await
            .status
        }
        "USERS IMPORT preview" | "USERS IMPORT confirm" => {
            // A teacher of this municipality's school: out of the far coordinator's reach.
            let email = format!("acc-import-{n}@x.ru");
            let content = people_xlsx(&[[
                "Импортова Анна Сергеевна",
                &email,
                "Учитель",
                "МОБУ СОШ № 7",
                "учитель",
            ]]);
            let (path, body) = if case == "USERS IMPORT preview" {
                ("preview", json!({ "content": content }))
            } else {
                (
                    "confirm",
                    json!({ "content": content, "delivery": "password" }),
                )
            };
            app.post(&format!("/api/v1/users/import/{path}"), t, body)
                .await
                .status
        }
        other => panic!("unknown case {other}"),
    }
}
