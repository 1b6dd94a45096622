//! What the storage helpers promise on both backends: text the database cannot store is
//! a 422 naming the field (never a 500, never stored), and an update that changes
//! nothing is reported as unchanged — same version, no audit entry.

use crate::common::*;
use serde_json::json;

const NUL: &str = "Школа\u{0}№ 1";

#[actix_web::test]
async fn a_nul_character_is_refused_naming_the_field() {
    let app = TestApp::new().await;
    let coord = app.login(COORDINATOR).await;
    let teacher = app.login(TEACHER).await;
    let tutor = app.login(TUTOR).await;
    let admin = app.login(ADMIN).await;
    let (m, _) = app.municipalities(&coord).await.remove(0);

    let login = app
        .call(
            "POST",
            "/api/v1/auth/login",
            None,
            Some(json!({"email": "a\u{0}@b.ru", "password": PASSWORD})),
        )
        .await;
    assert_eq!(
        (login.status, login.field_errors()),
        (422, vec!["email".to_string()])
    );

    let cases = vec![
        (
            "POST",
            "/api/v1/schools".to_string(),
            &coord,
            json!({"municipality_id": m, "short_name": NUL, "full_name": "Полное имя"}),
            "short_name",
        ),
        (
            "POST",
            "/api/v1/users".to_string(),
            &coord,
            json!({"email": "nul@tutornet.local", "full_name": NUL, "role": "teacher", "municipality_id": m, "password": PASSWORD}),
            "full_name",
        ),
        (
            "POST",
            "/api/v1/requests".to_string(),
            &teacher,
            json!({"form": "individual_consultation", "topic": NUL, "problem": "—", "audience": "teachers", "format": "remote"}),
            "topic",
        ),
        (
            "POST",
            "/api/v1/sessions".to_string(),
            &tutor,
            json!({"form": "master_class", "title": "Мастер-класс", "format": "in_person", "place": NUL, "audience": "teachers",
                "starts_at": "2026-12-10T10:00:00Z", "ends_at": "2026-12-10T11:00:00Z"}),
            "place",
        ),
        (
            "POST",
            "/api/v1/composition/members".to_string(),
            &coord,
            json!({"municipality_id": m, "full_name": NUL, "level": "municipal", "subject_ids": []}),
            "full_name",
        ),
        (
            "POST",
            "/api/v1/municipalities".to_string(),
            &admin,
            json!({"name": NUL}),
            "name",
        ),
        (
            "POST",
            "/api/v1/requests".to_string(),
            &teacher,
            json!({"form": "individual_consultation", "topic": "Тема", "problem": "—", "audience": "teachers", "format": "remote",
                "extra": [{"k": NUL}]}),
            "extra[0].k",
        ),
    ];
    for (method, path, token, body, field) in cases {
        let r = app.call(method, &path, Some(token), Some(body)).await;
        assert_eq!(r.status, 422, "{method} {path}: {}", r.body);
        assert_eq!(r.field_errors(), vec![field.to_string()], "{method} {path}");
        assert_eq!(r.body["errors"][0]["code"], "invalid_character");
    }
    for (path, field) in [
        ("/api/v1/schools?q=%00".to_string(), "q"),
        (format!("/api/v1/users?q=x%00y&municipality_id={m}"), "q"),
        ("/api/v1/audit?entity=%00".to_string(), "entity"),
        ("/api/v1/schools/%00".to_string(), "path"),
    ] {
        let r = app.get(&path, &coord).await;
        assert_eq!(
            (r.status, r.field_errors()),
            (422, vec![field.to_string()]),
            "{path}: {}",
            r.body
        );
    }
    // Nothing was stored.
    let found = app
        .get("/api/v1/users?q=nul%40tutornet", &coord)
        .await
        .ok(200);
    assert_eq!(found["total"], 0);
}

#[actix_web::test]
async fn an_update_that_changes_nothing_is_reported_as_unchanged() {
    let app = TestApp::new().await;
    let coord = app.login(COORDINATOR).await;
    let (m, _) = app.municipalities(&coord).await.remove(0);
    let id = app.school_id(&coord, &m, "МОБУ СОШ № 7").await;
    let path = format!("/api/v1/schools/{id}");
    let s = app.get(&path, &coord).await.ok(200);
    let body = json!({"municipality_id": s["municipality_id"], "short_name": s["short_name"], "full_name": s["full_name"],
                      "address": s["address"], "is_low_results": s["is_low_results"],
                      "is_difficult_conditions": s["is_difficult_conditions"], "is_500plus": s["is_500plus"],
                      "is_mentor": s["is_mentor"], "mentor_school_id": s["mentor_school_id"], "version": s["version"]});
    let before = app
        .get(&format!("/api/v1/audit?entity_id={id}"), &coord)
        .await
        .ok(200)["total"]
        .clone();
    let same = app.put(&path, &coord, body.clone()).await.ok(200);
    assert_eq!(
        same["version"], s["version"],
        "no new version for no change"
    );
    assert_eq!(same["updated_at"], s["updated_at"]);
    let after = app
        .get(&format!("/api/v1/audit?entity_id={id}"), &coord)
        .await
        .ok(200)["total"]
        .clone();
    assert_eq!(before, after, "no audit entry for no change");
    // A real change is stored, versioned and audited.
    let mut changed = body.clone();
    changed["address"] = json!("ул. Новая, 1");
    let c = app.put(&path, &coord, changed).await.ok(200);
    assert_eq!(c["version"], s["version"].as_i64().unwrap() + 1);
    let audited = app
        .get(&format!("/api/v1/audit?entity_id={id}"), &coord)
        .await
        .ok(200)["total"]
        .clone();
    assert_eq!(audited.as_i64().unwrap(), before.as_i64().unwrap() + 1);
    // The stale version is now refused.
    let r = app.put(&path, &coord, body).await;
    assert_eq!((r.status, r.code()), (409, "version_conflict"));
}
