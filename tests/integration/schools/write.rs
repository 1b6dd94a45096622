//! `PUT`/`DELETE /schools/{id}`, restore and audit; the school administrator's edits; mentors.

use crate::common::*;
use serde_json::json;

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
    let mut input = school_edit(&s);
    input["address"] = json!("новый адрес");
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
