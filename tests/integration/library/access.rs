//! The library in the authorisation matrix: everyone searches; a draft is seen by its
//! author and the moderators only, and so are its files; a published material and its
//! files follow its visibility; the coordinator moderates.

use super::{act, create, published, upload_docx};
use crate::access::matrix::{Ctx, Rows};
use crate::common::*;
use serde_json::json;

pub fn rows() -> Rows {
    Rows {
        noun: "library",
        //                                  admin coord tutor teach sadm  obs   far
        cases: vec![
            ("SEARCH library", &[200, 200, 200, 200, 200, 200, 200]),
            ("GET draft", &[200, 200, 200, 404, 404, 404, 404]),
            ("DOWNLOAD draft file", &[200, 200, 200, 404, 404, 404, 404]),
            ("GET published", &[200, 200, 200, 200, 200, 200, 404]),
            (
                "DOWNLOAD published file",
                &[200, 200, 200, 200, 200, 200, 404],
            ),
            ("GET community-only", &[200, 200, 200, 404, 404, 404, 404]),
            ("POST material", &[403, 201, 201, 201, 201, 403, 201]),
            ("PUBLISH on review", &[200, 200, 403, 404, 404, 404, 404]),
            ("QUEUE", &[200, 200, 403, 403, 403, 403, 200]),
            ("REPORT published", &[200, 200, 200, 200, 200, 403, 404]),
        ],
        play: |c, case| Box::pin(play(c, case)),
    }
}

async fn play(c: &Ctx<'_>, case: &str) -> u16 {
    let (app, t) = (c.app, c.t);
    let tutor = app.login(TUTOR).await;
    let coord = app.login(COORDINATOR).await;
    let title = format!("Материал {case} {}", c.n);
    let body = super::material(&title, "Проверка доступа", "municipality");
    match case {
        "SEARCH library" => {
            app.get(
                "/api/v1/library?q=%D0%BC%D0%B0%D1%82%D0%B5%D1%80%D0%B8%D0%B0%D0%BB",
                t,
            )
            .await
            .status
        }
        "GET draft" | "DOWNLOAD draft file" => {
            let d = create(app, &tutor, body).await;
            let id = d["item"]["id"].as_str().unwrap();
            let (_, f) = upload_docx(app, &tutor, id, "d.docx", &["Черновик"]).await;
            if case == "GET draft" {
                return app.get(&format!("/api/v1/library/{id}"), t).await.status;
            }
            download(app, f["url"].as_str().unwrap(), t).await.0
        }
        "GET published" | "DOWNLOAD published file" | "REPORT published" => {
            let id = published(app, &tutor, &coord, body, &["Текст"]).await;
            match case {
                "GET published" => app.get(&format!("/api/v1/library/{id}"), t).await.status,
                "REPORT published" => {
                    app.post(
                        &format!("/api/v1/library/{id}/reports"),
                        t,
                        json!({"reason": "Проверка"}),
                    )
                    .await
                    .status
                }
                _ => {
                    let d = app.get(&format!("/api/v1/library/{id}"), &coord).await.body;
                    let url = d["shown"]["files"][0]["url"].as_str().unwrap().to_string();
                    download(app, &url, t).await.0
                }
            }
        }
        "GET community-only" => {
            let body = super::material(&title, "Только сообщество", "community");
            let id = published(app, &tutor, &coord, body, &["Текст"]).await;
            app.get(&format!("/api/v1/library/{id}"), t).await.status
        }
        "POST material" => app.post("/api/v1/library", t, body).await.status,
        "PUBLISH on review" => {
            let d = create(app, &tutor, body).await;
            let id = d["item"]["id"].as_str().unwrap().to_string();
            upload_docx(app, &tutor, &id, "p.docx", &["Текст"]).await;
            let v = app.get(&format!("/api/v1/library/{id}"), &tutor).await.body["item"]["version"]
                .clone();
            let d = act(app, &tutor, &id, json!({"action": "submit", "version": v}))
                .await
                .ok(200);
            act(
                app,
                t,
                &id,
                json!({"action": "publish", "version": d["item"]["version"]}),
            )
            .await
            .status
        }
        "QUEUE" => app.get("/api/v1/library/queue", t).await.status,
        other => panic!("unknown case {other}"),
    }
}
