//! Municipalities: create, list in Russian order, rename with a version, archive.

use crate::common::*;
use serde_json::json;

#[actix_web::test]
async fn municipalities_create_list_rename_archive() {
    let app = TestApp::new().await;
    let t = app.login(ADMIN).await;
    let m = app
        .post(
            "/api/v1/municipalities",
            &t,
            json!({"name": "Заречный район"}),
        )
        .await
        .ok(201);
    let id = m["id"].as_str().unwrap();
    let names: Vec<String> = app.get("/api/v1/municipalities", &t).await.ok(200)["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        names,
        vec![
            "Заречный район",
            "Лесогорский район",
            "Приреченский городской округ"
        ]
    );
    let m2 = app
        .put(
            &format!("/api/v1/municipalities/{id}"),
            &t,
            json!({"name": "Заречный муниципальный округ", "version": 1}),
        )
        .await
        .ok(200);
    assert_eq!(m2["version"], 2);
    app.delete(&format!("/api/v1/municipalities/{id}"), &t)
        .await
        .ok(200);
    assert_eq!(
        app.get("/api/v1/municipalities", &t).await.ok(200)["total"],
        2
    );
}
