//! Municipalities, subjects, academic years, regions, stats.

use crate::common::*;
use serde_json::json;

#[actix_web::test]
async fn dictionaries_and_current_year() {
    let app = TestApp::new().await;
    let t = app.login(ADMIN).await;
    let subjects = app.get("/api/v1/subjects", &t).await.ok(200);
    let names: Vec<&str> = subjects["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"Математика") && names.contains(&"Русский язык"));
    assert_eq!(names.first(), Some(&"Алгебра"));
    let dup = app
        .post("/api/v1/subjects", &t, json!({"name": "математика"}))
        .await;
    assert_eq!(dup.status, 422);
    let astr = app
        .post("/api/v1/subjects", &t, json!({"name": "Астрономия"}))
        .await
        .ok(201);
    let archived = app
        .delete(
            &format!("/api/v1/subjects/{}", astr["id"].as_str().unwrap()),
            &t,
        )
        .await
        .ok(200);
    assert!(archived["archived_at"].is_string());

    let years = app.get("/api/v1/academic-years", &t).await.ok(200);
    let current: Vec<&str> = years["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|y| y["is_current"] == true)
        .map(|y| y["name"].as_str().unwrap())
        .collect();
    assert_eq!(current, vec!["2026/2027"]);
    let y = app
        .post(
            "/api/v1/academic-years",
            &t,
            json!({"start_year": 2027, "is_current": true}),
        )
        .await
        .ok(201);
    assert_eq!(y["starts_on"], "2027-09-01");
    assert_eq!(y["ends_on"], "2028-08-31");
    let years = app.get("/api/v1/academic-years", &t).await.ok(200);
    let current: Vec<&str> = years["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|y| y["is_current"] == true)
        .map(|y| y["name"].as_str().unwrap())
        .collect();
    assert_eq!(current, vec!["2027/2028"]);
    assert_eq!(
        app.post("/api/v1/academic-years", &t, json!({"start_year": 2027}))
            .await
            .status,
        422
    );
    assert_eq!(
        app.post("/api/v1/academic-years", &t, json!({"start_year": 1900}))
            .await
            .field_errors(),
        vec!["start_year"]
    );
    let r = app
        .delete(
            &format!("/api/v1/academic-years/{}", y["id"].as_str().unwrap()),
            &t,
        )
        .await;
    assert_eq!(r.status, 409);
}

#[actix_web::test]
async fn municipalities_and_region() {
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

    let regions = app.get("/api/v1/regions", &t).await.ok(200);
    assert_eq!(regions["total"], 1);
    let r = &regions["items"][0];
    let updated = app
        .put(
            &format!("/api/v1/regions/{}", r["id"].as_str().unwrap()),
            &t,
            json!({"name": "Южный край", "code": "93", "version": r["version"]}),
        )
        .await
        .ok(200);
    assert_eq!(updated["version"], r["version"].as_i64().unwrap() + 1);
    // The same values again change nothing: no new version.
    let same = app
        .put(
            &format!("/api/v1/regions/{}", r["id"].as_str().unwrap()),
            &t,
            json!({"name": "Южный край", "code": "93", "version": updated["version"]}),
        )
        .await
        .ok(200);
    assert_eq!(same["version"], updated["version"]);
}

#[actix_web::test]
async fn stats_count_the_scope() {
    let app = TestApp::new().await;
    let admin = app
        .get("/api/v1/stats", &app.login(ADMIN).await)
        .await
        .ok(200);
    assert_eq!(admin["schools"], 20);
    assert_eq!(admin["municipalities"], 2);
    assert_eq!(admin["users"], 6);
    assert_eq!(admin["current_academic_year"], "2026/2027");
    let coord = app
        .get("/api/v1/stats", &app.login(COORDINATOR).await)
        .await
        .ok(200);
    assert_eq!(coord["schools"], 12);
    assert_eq!(coord["low_results_schools"], 6);
    assert_eq!(coord["mentor_schools"], 2);
    assert_eq!(coord["users"], 5);
    let teacher = app
        .get("/api/v1/stats", &app.login(TEACHER).await)
        .await
        .ok(200);
    assert_eq!(teacher["schools"], 1);
    assert_eq!(teacher["users"], 0);
}
