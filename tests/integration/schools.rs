//! Schools: create, filter, search, Russian order, pages, versions, archive, audit.

use crate::common::*;
use serde_json::{json, Value};

fn school(m: &str, short: &str) -> Value {
    json!({
        "municipality_id": m,
        "short_name": short,
        "full_name": format!("Муниципальное бюджетное общеобразовательное учреждение {short}"),
        "address": "ст. Новая, ул. Школьная, 1",
        "is_low_results": true,
    })
}

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

#[actix_web::test]
async fn update_with_versions_archive_restore_and_audit() {
    let app = TestApp::new().await;
    let t = app.login(COORDINATOR).await;
    let (m, _) = app.municipalities(&t).await.remove(0);
    let s = app
        .post("/api/v1/schools", &t, school(&m, "МБОУ СОШ № 99"))
        .await
        .ok(201);
    let id = s["id"].as_str().unwrap();

    let mut edit = school(&m, "МБОУ СОШ № 99 им. В.В. Новикова");
    edit["version"] = json!(1);
    edit["is_500plus"] = json!(true);
    let s2 = app
        .put(&format!("/api/v1/schools/{id}"), &t, edit.clone())
        .await
        .ok(200);
    assert_eq!(s2["version"], 2);
    assert_eq!(s2["is_500plus"], true);

    // The same stale edit again: 409, nothing overwritten.
    let r = app.put(&format!("/api/v1/schools/{id}"), &t, edit).await;
    assert_eq!(r.status, 409);
    assert_eq!(r.code(), "version_conflict");
    // Without a version: 422.
    let r = app
        .put(&format!("/api/v1/schools/{id}"), &t, school(&m, "X"))
        .await;
    assert_eq!(r.field_errors(), vec!["version"]);

    let archived = app
        .delete(&format!("/api/v1/schools/{id}"), &t)
        .await
        .ok(200);
    assert!(archived["archived_at"].is_string());
    let list = app.get("/api/v1/schools?q=99&limit=200", &t).await.ok(200);
    assert_eq!(list["total"], 0);
    let list = app
        .get("/api/v1/schools?q=99&include_archived=true", &t)
        .await
        .ok(200);
    assert_eq!(list["total"], 1);
    let restored = app
        .post(&format!("/api/v1/schools/{id}/restore"), &t, json!({}))
        .await
        .ok(200);
    assert!(restored["archived_at"].is_null());

    let audit = app
        .get(&format!("/api/v1/audit?entity=school&entity_id={id}"), &t)
        .await
        .ok(200);
    let actions: Vec<&str> = audit["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, vec!["restore", "archive", "update", "create"]);
    let upd = &audit["items"][2];
    assert_eq!(upd["before"]["short_name"], "МБОУ СОШ № 99");
    assert_eq!(
        upd["after"]["short_name"],
        "МБОУ СОШ № 99 им. В.В. Новикова"
    );
    assert_eq!(upd["actor_name"], "Белозёрова Марина Викторовна");
}

#[actix_web::test]
async fn school_admin_edits_own_school_but_not_flags() {
    let app = TestApp::new().await;
    let t = app.login(SCHOOL_ADMIN).await;
    let me = app.get("/api/v1/auth/me", &t).await.ok(200);
    let sid = me["school_id"].as_str().unwrap();
    let s = app.get(&format!("/api/v1/schools/{sid}"), &t).await.ok(200);
    let mut input = json!({
        "municipality_id": s["municipality_id"], "full_name": s["full_name"], "short_name": s["short_name"],
        "address": "новый адрес", "is_low_results": s["is_low_results"], "is_difficult_conditions": s["is_difficult_conditions"],
        "is_500plus": s["is_500plus"], "is_mentor": s["is_mentor"], "mentor_school_id": s["mentor_school_id"], "version": s["version"],
    });
    let s2 = app
        .put(&format!("/api/v1/schools/{sid}"), &t, input.clone())
        .await
        .ok(200);
    assert_eq!(s2["address"], "новый адрес");
    input["version"] = s2["version"].clone();
    input["is_low_results"] = json!(!s["is_low_results"].as_bool().unwrap());
    assert_eq!(
        app.put(&format!("/api/v1/schools/{sid}"), &t, input)
            .await
            .status,
        403
    );
}

#[actix_web::test]
async fn mentor_rules() {
    let app = TestApp::new().await;
    let t = app.login(COORDINATOR).await;
    let (m, _) = app.municipalities(&t).await.remove(0);
    let mentor = app.school_id(&t, &m, "МБОУ СОШ № 1").await;
    let plain = app.school_id(&t, &m, "МБОУ СОШ № 5").await;
    let mut s = school(&m, "Подопечная школа");
    s["mentor_school_id"] = json!(plain);
    let r = app.post("/api/v1/schools", &t, s.clone()).await;
    assert_eq!(r.field_errors(), vec!["mentor_school_id"]);
    s["mentor_school_id"] = json!(mentor);
    app.post("/api/v1/schools", &t, s).await.ok(201);
    let mentors = app.get("/api/v1/schools?is_mentor=true", &t).await.ok(200);
    assert_eq!(mentors["total"], 2);
}
