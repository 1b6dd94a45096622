//! `POST,GET,PUT,DELETE /consultation-points`, `POST …/restore`: fields, references,
//! one name per municipality, versions, archive, filters, audit.

use super::{edit, point};
use crate::common::*;
use serde_json::json;

#[actix_web::test]
async fn a_coordinator_keeps_the_points_of_the_municipality() {
    let app = TestApp::new().await;
    let coord = app.login(COORDINATOR).await;
    let (m, _) = app.municipalities(&coord).await.remove(0);
    let school = app.school_id(&coord, &m, "МБОУ СОШ № 5").await;
    let tutor_id = app.me(&app.login(TUTOR).await).await["id"]
        .as_str()
        .unwrap()
        .to_string();
    let math = subject_id(&app, &coord, "Математика").await;
    // The demo data has points of its own: this test counts on top of them.
    let total = |q: String| {
        let (app, coord) = (&app, &coord);
        async move {
            app.get(&format!("/api/v1/consultation-points{q}"), coord)
                .await
                .ok(200)["total"]
                .as_i64()
                .unwrap()
        }
    };
    let demo_names: Vec<String> =
        items(&app.get("/api/v1/consultation-points", &coord).await.ok(200))
            .iter()
            .map(|x| x["name"].as_str().unwrap().to_string())
            .collect();
    let demo_math = total(format!("?subject_id={math}")).await;
    let demo_all = total("?include_archived=true".into()).await;
    let russian = subject_id(&app, &coord, "Русский язык").await;

    // Nothing named, no base, no head: each field says so in Russian.
    let r = app
        .post(
            "/api/v1/consultation-points",
            &coord,
            json!({"municipality_id": m, "name": " "}),
        )
        .await;
    assert_eq!(r.status, 422);
    assert_eq!(
        r.field_errors(),
        vec!["name", "base_school_id", "head_user_id"]
    );
    assert!(r.body.to_string().contains("руководителя"), "{}", r.body);

    // On the base of a school, headed by a user, serving two subjects.
    let mut body = point(
        &m,
        "Консультационный пункт на базе СОШ № 5",
        Some(&school),
        Some(&tutor_id),
    );
    body["subject_ids"] = json!([russian, math]);
    body["note"] = json!("Приём по четвергам");
    let p = app
        .post("/api/v1/consultation-points", &coord, body.clone())
        .await
        .ok(201);
    assert_eq!(p["base_school_name"], "МБОУ СОШ № 5");
    assert_eq!(p["head_name"], "Кедров Алексей Павлович");
    let names: Vec<&str> = p["subjects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["Математика", "Русский язык"]);
    let path = format!("/api/v1/consultation-points/{}", p["id"].as_str().unwrap());

    // The same name again (any case) is taken within the municipality.
    body["name"] = json!("КОНСУЛЬТАЦИОННЫЙ ПУНКТ НА БАЗЕ СОШ № 5");
    let r = app.post("/api/v1/consultation-points", &coord, body).await;
    assert_eq!(r.status, 422);
    assert_eq!(r.field_errors(), vec!["name"]);

    // A second point of the same municipality, on the ИМЦ's base, headed by a name.
    let imc = app
        .post(
            "/api/v1/consultation-points",
            &coord,
            point(&m, "Пункт при ИМЦ", None, None),
        )
        .await
        .ok(201);
    assert_eq!(imc["head_name"], "Губанова Ирина Степановна");
    assert!(imc["head_user_id"].is_null());

    // A school or a head of another municipality is refused.
    let admin = app.login(ADMIN).await;
    let foreign_m = app.municipalities(&admin).await.remove(1).0;
    let foreign_school = app.school_id(&admin, &foreign_m, "МБОУ СОШ № 6").await;
    let r = app
        .post(
            "/api/v1/consultation-points",
            &coord,
            point(&m, "Чужая база", Some(&foreign_school), None),
        )
        .await;
    assert_eq!(r.field_errors(), vec!["base_school_id"]);
    let far = create_user(
        &app,
        &admin,
        user(
            "far-head@x.ru",
            "Чужой Руководитель",
            "tutor",
            &foreign_m,
            None,
        ),
    )
    .await;
    let r = app
        .post(
            "/api/v1/consultation-points",
            &coord,
            point(&m, "Чужой руководитель", None, Some(&far)),
        )
        .await;
    assert_eq!(r.field_errors(), vec!["head_user_id"]);

    // Filter by subject served; Russian alphabetical order.
    let list = app.get("/api/v1/consultation-points", &coord).await.ok(200);
    let names: Vec<&str> = items(&list)
        .iter()
        .map(|x| x["name"].as_str().unwrap())
        .filter(|n| !demo_names.iter().any(|d| d == n))
        .collect();
    assert_eq!(
        names,
        vec!["Консультационный пункт на базе СОШ № 5", "Пункт при ИМЦ"]
    );
    assert_eq!(total(format!("?subject_id={math}")).await, demo_math + 1);

    // Edit with the current version; a stale one is 409; an unchanged edit keeps the version.
    let mut e = edit(&p, "КП на базе МБОУ СОШ № 5");
    e["subject_ids"] = json!([math]);
    let p2 = app.put(&path, &coord, e.clone()).await.ok(200);
    assert_eq!(p2["version"], 2);
    assert_eq!(p2["subjects"].as_array().unwrap().len(), 1);
    let r = app.put(&path, &coord, e).await;
    assert_eq!((r.status, r.code()), (409, "version_conflict"));
    let same = app
        .put(&path, &coord, edit(&p2, "КП на базе МБОУ СОШ № 5"))
        .await
        .ok(200);
    assert_eq!(same["version"], 2);
    // Renaming onto the other point's name is taken.
    let r = app.put(&path, &coord, edit(&p2, "Пункт при ИМЦ")).await;
    assert_eq!(r.field_errors(), vec!["name"]);

    // Archive: out of the list, still readable, restorable; all audited.
    app.delete(&path, &coord).await.ok(200);
    assert_eq!(total(String::new()).await, demo_all + 1);
    assert_eq!(total("?include_archived=true".into()).await, demo_all + 2);
    assert!(!app.get(&path, &coord).await.ok(200)["archived_at"].is_null());
    let back = app
        .post(&format!("{path}/restore"), &coord, json!({}))
        .await
        .ok(200);
    assert!(back["archived_at"].is_null());
    let log = audit_of(&app, &coord, p["id"].as_str().unwrap()).await;
    assert_eq!(actions(&log).len(), 4, "{:?}", actions(&log));
    assert_eq!(log["items"][0]["entity"], "consultation_point");
}
