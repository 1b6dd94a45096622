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

#[actix_web::test]
async fn the_prepositional_name_is_stored_as_given() {
    let app = TestApp::new().await;
    let t = app.login(ADMIN).await;
    let m = app
        .post(
            "/api/v1/municipalities",
            &t,
            json!({"name": "Владимирский район", "name_prepositional": "  Владимирском районе "}),
        )
        .await
        .ok(201);
    assert_eq!(m["name_prepositional"], "Владимирском районе");
    let id = m["id"].as_str().unwrap();
    let cleared = app
        .put(
            &format!("/api/v1/municipalities/{id}"),
            &t,
            json!({"name": "Владимирский район", "name_prepositional": " ", "version": m["version"]}),
        )
        .await
        .ok(200);
    assert_eq!(cleared["name_prepositional"], serde_json::Value::Null);
    let demo = municipality_by_name(&app, &t, "Лесогорский").await;
    let demo = app
        .get(&format!("/api/v1/municipalities/{demo}"), &t)
        .await
        .ok(200);
    assert_eq!(demo["name_prepositional"], "Лесогорском районе");
}
