//! `GET /schools`: filters, Cyrillic search, Russian order, keyset pages.

use crate::common::*;
use serde_json::Value;

fn names(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["short_name"].as_str().unwrap().to_string())
        .collect()
}

#[actix_web::test]
async fn create_then_find_by_filter_and_cyrillic_search() {
    let app = TestApp::new().await;
    let t = app.login(COORDINATOR).await;
    let (m, _) = app.municipalities(&t).await.remove(0);
    let r = app
        .post("/api/v1/schools", &t, school(&m, "МОБУ СОШ № 42 «Ёлочка»"))
        .await;
    assert_eq!(r.status, 201);
    let id = r.body["id"].as_str().unwrap().to_string();
    assert_eq!(
        r.header("location").unwrap(),
        format!("/api/v1/schools/{id}")
    );
    assert_eq!(r.body["version"], 1);
    assert!(r.body["created_by"].is_string());

    // Case-insensitive Cyrillic search with ё folded to е.
    let page = app
        .get(
            "/api/v1/schools?q=%D0%B5%D0%BB%D0%BE%D1%87%D0%BA%D0%B0&is_low_results=true",
            &t,
        )
        .await
        .ok(200);
    assert_eq!(names(&page), vec!["МОБУ СОШ № 42 «Ёлочка»"]);
    assert_eq!(page["total"], 1);
    // The same search without the ШНОР flag filter but with ШССУ=true finds nothing.
    let page = app
        .get(
            "/api/v1/schools?q=%D0%B5%D0%BB%D0%BE%D1%87%D0%BA%D0%B0&is_difficult_conditions=true",
            &t,
        )
        .await
        .ok(200);
    assert_eq!(page["total"], 0);
    // A school of the other municipality never shows in the coordinator's list.
    let all = app.get("/api/v1/schools?limit=200", &t).await.ok(200);
    assert!(all["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["municipality_id"] == m.as_str()));
}

#[actix_web::test]
async fn russian_order_and_keyset_pages() {
    let app = TestApp::new().await;
    let t = app.login(ADMIN).await;
    let (m, _) = app.municipalities(&t).await.remove(0);
    for name in [
        "Ясная школа",
        "Ёлкинская школа",
        "Елецкая школа",
        "Абинская школа",
        "Жуковская школа",
    ] {
        app.post("/api/v1/schools", &t, school(&m, name))
            .await
            .ok(201);
    }
    let page = app
        .get(
            &format!(
                "/api/v1/schools?municipality_id={m}&q=%D0%BD%D0%BE%D0%B2%D0%B0%D1%8F&limit=200"
            ),
            &t,
        )
        .await
        .ok(200);
    assert_eq!(
        names(&page),
        vec![
            "Абинская школа",
            "Елецкая школа",
            "Ёлкинская школа",
            "Жуковская школа",
            "Ясная школа"
        ]
    );
    let desc = app
        .get(
            &format!(
                "/api/v1/schools?municipality_id={m}&q=%D0%BD%D0%BE%D0%B2%D0%B0%D1%8F&sort=-name"
            ),
            &t,
        )
        .await
        .ok(200);
    assert_eq!(names(&desc)[0], "Ясная школа");

    // Walk the whole region two at a time: every school once, in order, total stable.
    let full = app.get("/api/v1/schools?limit=200", &t).await.ok(200);
    let expected = names(&full);
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let url = match &cursor {
            Some(c) => format!("/api/v1/schools?limit=2&cursor={c}"),
            None => "/api/v1/schools?limit=2".to_string(),
        };
        let p = app.get(&url, &t).await.ok(200);
        assert_eq!(p["total"], full["total"]);
        seen.extend(names(&p));
        match p["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_string()),
            None => break,
        }
    }
    assert_eq!(seen, expected);
    assert_eq!(seen.len() as i64, full["total"].as_i64().unwrap());
    assert!(seen.len() >= 25);
}
