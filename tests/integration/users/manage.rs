//! Users: created by admins and coordinators, scoped, Russian order, password reset.

use crate::common::*;
use serde_json::json;

#[actix_web::test]
async fn coordinator_manages_users_of_own_municipality() {
    let app = TestApp::new().await;
    let t = app.login(COORDINATOR).await;
    let ms = app.municipalities(&t).await;
    let (own, foreign) = (&ms[0].0, &ms[1].0);
    let school = app.school_id(&t, own, "МОБУ СОШ № 7").await;

    let u = app
        .post("/api/v1/users", &t, json!({"email": "Novikova@School7.ru", "full_name": "Новикова Ёлена Ивановна", "role": "teacher", "municipality_id": own, "school_id": school, "position": "учитель химии", "password": "first-password-1"}))
        .await
        .ok(201);
    assert_eq!(u["email"], "novikova@school7.ru");
    assert_eq!(u["municipality_id"], own.as_str());

    // Another municipality, or an admin role: refused.
    let r = app.post("/api/v1/users", &t, json!({"email": "x@x.ru", "full_name": "Х", "role": "tutor", "municipality_id": foreign, "password": "first-password-1"})).await;
    assert_eq!(r.status, 422);
    assert_eq!(r.field_errors(), vec!["municipality_id"]);
    let r = app.post("/api/v1/users", &t, json!({"email": "y@x.ru", "full_name": "У", "role": "admin", "password": "first-password-1"})).await;
    assert_eq!(r.field_errors(), vec!["role"]);
    // Teacher without school.
    let r = app.post("/api/v1/users", &t, json!({"email": "z@x.ru", "full_name": "З", "role": "teacher", "municipality_id": own, "password": "first-password-1"})).await;
    assert_eq!(r.field_errors(), vec!["school_id"]);

    // The new user logs in; the coordinator resets the password; the old one stops working.
    let login = app
        .try_login("novikova@school7.ru", "first-password-1")
        .await;
    assert_eq!(login.status, 200);
    let id = u["id"].as_str().unwrap();
    assert_eq!(
        app.post(
            &format!("/api/v1/users/{id}/password"),
            &t,
            json!({"new_password": "second-password-2"})
        )
        .await
        .status,
        204
    );
    let r = app
        .try_login("novikova@school7.ru", "first-password-1")
        .await;
    assert_eq!(r.status, 401);
    let r = app
        .try_login("novikova@school7.ru", "second-password-2")
        .await;
    assert_eq!(r.status, 200);

    // Search (Cyrillic, ё-insensitive) and Russian order.
    let page = app
        .get("/api/v1/users?q=%D0%B5%D0%BB%D0%B5%D0%BD%D0%B0", &t)
        .await
        .ok(200);
    assert_eq!(page["total"], 1);
    let all = app.get("/api/v1/users?limit=200", &t).await.ok(200);
    let names: Vec<String> = all["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["full_name"].as_str().unwrap().to_string())
        .collect();
    let mut sorted = names.clone();
    tutornet_domain::text::sort_ru(&mut sorted, |s| s.as_str());
    assert_eq!(names, sorted);
    assert!(all["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|u| u["municipality_id"] == own.as_str()));

    // Archive hides the user and ends their access.
    app.delete(&format!("/api/v1/users/{id}"), &t).await.ok(200);
    assert_eq!(
        app.get("/api/v1/users?q=%D0%B5%D0%BB%D0%B5%D0%BD%D0%B0", &t)
            .await
            .ok(200)["total"],
        0
    );
    let r = app
        .try_login("novikova@school7.ru", "second-password-2")
        .await;
    assert_eq!(r.status, 401);
}

#[actix_web::test]
async fn school_admin_sees_only_own_school_users_and_cannot_lock_self_out() {
    let app = TestApp::new().await;
    let t = app.login(SCHOOL_ADMIN).await;
    let me = app.get("/api/v1/auth/me", &t).await.ok(200);
    let page = app.get("/api/v1/users", &t).await.ok(200);
    assert!(page["total"].as_i64().unwrap() >= 2);
    assert!(page["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|u| u["school_id"] == me["school_id"]));

    let admin = app.login(ADMIN).await;
    let aid = app.get("/api/v1/auth/me", &admin).await.ok(200)["id"]
        .as_str()
        .unwrap()
        .to_string();
    let u = app
        .get(&format!("/api/v1/users/{aid}"), &admin)
        .await
        .ok(200);
    let r = app
        .put(&format!("/api/v1/users/{aid}"), &admin, json!({"email": u["email"], "full_name": u["full_name"], "role": "admin", "active": false, "version": u["version"]}))
        .await;
    assert_eq!(r.status, 422);
    assert_eq!(r.field_errors(), vec!["active"]);
}
