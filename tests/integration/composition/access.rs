//! The composition in the authorisation matrix.

use crate::access::matrix::Rows;
use crate::common::*;
use serde_json::{json, Value};

pub fn rows() -> Rows {
    Rows {
        noun: "composition",
        //                                   admin coord tutor teach sadm  obs
        cases: vec![
            ("LIST members", &[200, 200, 200, 200, 200, 200]),
            ("GET own member", &[200, 200, 200, 200, 200, 200]),
            ("GET foreign member", &[200, 404, 404, 404, 404, 404]),
            ("POST member own m", &[201, 201, 403, 403, 403, 403]),
            ("POST member foreign m", &[201, 422, 403, 403, 403, 403]),
            ("PUT own nominated member", &[200, 200, 403, 403, 403, 403]),
            ("PUT foreign member", &[200, 404, 404, 404, 404, 404]),
            (
                "DELETE own nominated member",
                &[200, 200, 403, 403, 403, 403],
            ),
            ("DELETE foreign member", &[200, 404, 404, 404, 404, 404]),
            ("LIST orders", &[200, 200, 200, 200, 200, 200]),
            ("GET own order", &[200, 200, 200, 200, 200, 200]),
            ("POST order own m", &[201, 201, 403, 403, 403, 403]),
            ("PUT own order details", &[200, 200, 403, 403, 403, 403]),
            ("POST order foreign m", &[201, 422, 403, 403, 403, 403]),
            ("LIST nominations", &[200, 200, 403, 403, 200, 403]),
            ("GET own-school nomination", &[200, 200, 404, 404, 200, 404]),
            ("GET foreign nomination", &[200, 404, 404, 404, 404, 404]),
            (
                "POST nomination own school",
                &[201, 201, 403, 403, 201, 403],
            ),
            (
                "POST nomination other school",
                &[201, 201, 403, 403, 404, 403],
            ),
            (
                "POST nomination foreign school",
                &[201, 404, 403, 403, 404, 403],
            ),
            ("DECIDE own nomination", &[200, 200, 404, 404, 403, 404]),
            ("DECIDE foreign nomination", &[200, 404, 404, 404, 404, 404]),
            ("LIST attachments", &[200, 200, 200, 200, 200, 200]),
            ("POST attachment", &[201, 201, 403, 403, 403, 403]),
            ("DELETE attachment", &[200, 200, 403, 403, 403, 403]),
            ("IMPORT preview own m", &[200, 200, 403, 403, 403, 403]),
            ("IMPORT preview foreign m", &[200, 422, 403, 403, 403, 403]),
            ("EXPORT own m", &[200, 200, 200, 200, 200, 200]),
            ("EXPORT foreign m", &[200, 404, 404, 404, 404, 404]),
        ],
        play: |c, case| Box::pin(run(c.app, c.t, c.w, case, c.n)),
    }
}

async fn member_body(app: &TestApp, w: &World, id: &str) -> Value {
    let m = app
        .get(&format!("/api/v1/composition/members/{id}"), &w.admin)
        .await
        .ok(200);
    json!({"full_name": m["full_name"], "subject_ids": [w.math], "level": m["level"], "version": m["version"]})
}

async fn run(app: &TestApp, t: &str, w: &World, case: &str, n: usize) -> u16 {
    let uniq = format!("Проверка {} {n}", case.replace(['-', '/'], " "));
    let import = |m: &str| {
        json!({"municipality_id": m, "format": "text",
               "content": "1\tМатематика\tИванова Анна Петровна\tучитель математики МБОУ СОШ № 1"})
    };
    match case {
        "LIST members" => app.get("/api/v1/composition/members", t).await.status,
        "GET own member" => {
            app.get(&format!("/api/v1/composition/members/{}", w.own_member), t)
                .await
                .status
        }
        "GET foreign member" => {
            app.get(
                &format!("/api/v1/composition/members/{}", w.foreign_member),
                t,
            )
            .await
            .status
        }
        "POST member own m" | "POST member foreign m" => {
            let m = if case.ends_with("own m") {
                &w.own_m
            } else {
                &w.foreign_m
            };
            app.post(
                "/api/v1/composition/members",
                t,
                json!({"municipality_id": m, "full_name": uniq, "subject_ids": [w.math]}),
            )
            .await
            .status
        }
        "PUT own nominated member" | "PUT foreign member" => {
            let id = if case == "PUT foreign member" {
                w.foreign_member.clone()
            } else {
                w.member(app, &w.own_m, &uniq).await
            };
            let body = member_body(app, w, &id).await;
            app.put(&format!("/api/v1/composition/members/{id}"), t, body)
                .await
                .status
        }
        "DELETE own nominated member" | "DELETE foreign member" => {
            let m = if case == "DELETE foreign member" {
                &w.foreign_m
            } else {
                &w.own_m
            };
            let id = w.member(app, m, &uniq).await;
            app.delete(&format!("/api/v1/composition/members/{id}"), t)
                .await
                .status
        }
        "LIST orders" => app.get("/api/v1/composition/orders", t).await.status,
        "GET own order" => {
            app.get(&format!("/api/v1/composition/orders/{}", w.own_order), t)
                .await
                .status
        }
        "PUT own order details" => {
            let path = format!("/api/v1/composition/orders/{}", w.own_order);
            let o = app.get(&path, &w.admin).await.ok(200);
            let body = json!({"number": format!("Д-{uniq}"), "issuer": o["issuer"], "title": o["title"], "version": o["version"]});
            app.put(&path, t, body).await.status
        }
        "POST order own m" | "POST order foreign m" => {
            let m = if case.ends_with("own m") {
                &w.own_m
            } else {
                &w.foreign_m
            };
            let id = w.member(app, m, &uniq).await;
            let mut o = order("approve", "2026-10-01", vec![&id], json!([]));
            o["municipality_id"] = json!(m);
            app.post("/api/v1/composition/orders", t, o).await.status
        }
        "LIST nominations" => app.get("/api/v1/nominations", t).await.status,
        "GET own-school nomination" => {
            app.get(&format!("/api/v1/nominations/{}", w.own_nomination), t)
                .await
                .status
        }
        "GET foreign nomination" => {
            app.get(&format!("/api/v1/nominations/{}", w.foreign_nomination), t)
                .await
                .status
        }
        "POST nomination own school"
        | "POST nomination other school"
        | "POST nomination foreign school" => {
            let s = match case {
                "POST nomination own school" => &w.own_school,
                "POST nomination other school" => &w.other_school,
                _ => &w.foreign_school,
            };
            app.post(
                "/api/v1/nominations",
                t,
                nomination(Some(s), &w.math, &uniq),
            )
            .await
            .status
        }
        "DECIDE own nomination" | "DECIDE foreign nomination" => {
            let s = if case == "DECIDE own nomination" {
                &w.own_school
            } else {
                &w.foreign_school
            };
            let id = w.nomination(app, s, &uniq).await;
            app.post(
                &format!("/api/v1/nominations/{id}/decision"),
                t,
                json!({"approve": true}),
            )
            .await
            .status
        }
        "LIST attachments" => {
            app.get(
                &format!("/api/v1/composition/members/{}/attachments", w.own_member),
                t,
            )
            .await
            .status
        }
        "POST attachment" => {
            let id = w.approved_member(app, &uniq).await;
            app.post(
                &format!("/api/v1/composition/members/{id}/attachments"),
                t,
                json!({"school_id": w.other_school}),
            )
            .await
            .status
        }
        "DELETE attachment" => {
            let id = w.approved_member(app, &uniq).await;
            let a = app
                .post(
                    &format!("/api/v1/composition/members/{id}/attachments"),
                    &w.admin,
                    json!({"school_id": w.other_school}),
                )
                .await
                .ok(201);
            app.delete(
                &format!(
                    "/api/v1/composition/attachments/{}",
                    a["id"].as_str().unwrap()
                ),
                t,
            )
            .await
            .status
        }
        "IMPORT preview own m" => {
            app.post("/api/v1/composition/import/preview", t, import(&w.own_m))
                .await
                .status
        }
        "IMPORT preview foreign m" => {
            app.post(
                "/api/v1/composition/import/preview",
                t,
                import(&w.foreign_m),
            )
            .await
            .status
        }
        "EXPORT own m" => {
            app.get(
                &format!(
                    "/api/v1/composition/export.xlsx?municipality_id={}",
                    w.own_m
                ),
                t,
            )
            .await
            .status
        }
        "EXPORT foreign m" => {
            app.get(
                &format!(
                    "/api/v1/composition/export.docx?municipality_id={}",
                    w.foreign_m
                ),
                t,
            )
            .await
            .status
        }
        other => panic!("unknown case {other}"),
    }
}
