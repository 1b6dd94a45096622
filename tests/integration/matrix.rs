//! The authorisation matrix: every role × endpoint × own/foreign scope, with the
//! expected status written out by hand (not derived from the code under test).

use crate::common::*;
use serde_json::{json, Value};

const ROLES: [(&str, &str); 6] = [
    ("admin", ADMIN),
    ("coordinator", COORDINATOR),
    ("tutor", TUTOR),
    ("teacher", TEACHER),
    ("school_admin", SCHOOL_ADMIN),
    ("observer", OBSERVER),
];

/// Expected status per role, in the order of ROLES.
type Row = (&'static str, [u16; 6]);

struct World {
    own_school: String,
    other_school: String,
    foreign_school: String,
    own_m: String,
    foreign_m: String,
    foreign_user: String,
}

async fn school_body(app: &TestApp, admin: &str, id: &str) -> Value {
    let s = app
        .get(&format!("/api/v1/schools/{id}"), admin)
        .await
        .ok(200);
    json!({
        "municipality_id": s["municipality_id"], "full_name": s["full_name"], "short_name": s["short_name"],
        "address": s["address"], "is_low_results": s["is_low_results"], "is_difficult_conditions": s["is_difficult_conditions"],
        "is_500plus": s["is_500plus"], "is_mentor": s["is_mentor"], "mentor_school_id": s["mentor_school_id"], "version": s["version"],
    })
}

#[actix_web::test]
async fn every_role_every_endpoint_own_and_foreign() {
    let app = TestApp::new().await;
    let admin = app.login(ADMIN).await;
    let ms = app.municipalities(&admin).await;
    let teacher = app.login(TEACHER).await;
    let own_school = app.get("/api/v1/auth/me", &teacher).await.ok(200)["school_id"]
        .as_str()
        .unwrap()
        .to_string();
    let other_school = app.school_id(&admin, &ms[0].0, "МБОУ СОШ № 5").await;
    let foreign_school = app.school_id(&admin, &ms[1].0, "МБОУ СОШ № 6").await;
    let foreign_user = app
        .post("/api/v1/users", &admin, json!({"email": "foreign@x.ru", "full_name": "Чужой Тьютор", "role": "tutor", "municipality_id": ms[1].0, "password": "0123456789ab"}))
        .await
        .ok(201)["id"].as_str().unwrap().to_string();
    let w = World {
        own_school,
        other_school,
        foreign_school,
        own_m: ms[0].0.clone(),
        foreign_m: ms[1].0.clone(),
        foreign_user,
    };

    //                      admin coord tutor teach sadm  obs
    let rows: Vec<Row> = vec![
        ("GET own school", [200, 200, 200, 200, 200, 200]),
        ("GET other school", [200, 200, 200, 404, 404, 200]),
        ("GET foreign school", [200, 404, 404, 404, 404, 404]),
        ("LIST schools", [200, 200, 200, 200, 200, 200]),
        ("PUT own school", [200, 200, 403, 403, 200, 403]),
        ("PUT other school", [200, 200, 403, 404, 404, 403]),
        ("PUT foreign school", [200, 404, 404, 404, 404, 404]),
        ("POST school own m", [201, 201, 403, 403, 403, 403]),
        ("POST school foreign m", [201, 422, 403, 403, 403, 403]),
        ("DELETE other school", [200, 200, 403, 404, 404, 403]),
        ("DELETE foreign school", [200, 404, 404, 404, 404, 404]),
        ("LIST users", [200, 200, 200, 200, 200, 403]),
        ("GET self", [200, 200, 200, 200, 200, 404]),
        ("GET foreign user", [200, 404, 404, 404, 404, 404]),
        ("POST user", [201, 201, 403, 403, 403, 403]),
        ("PUT foreign user", [200, 404, 404, 404, 404, 404]),
        ("RESET foreign user", [204, 404, 404, 404, 404, 404]),
        ("LIST municipalities", [200, 200, 200, 200, 200, 200]),
        ("GET foreign m", [200, 200, 200, 200, 200, 200]),
        ("POST municipality", [201, 403, 403, 403, 403, 403]),
        ("PUT foreign m", [200, 403, 403, 403, 403, 403]),
        ("LIST subjects", [200, 200, 200, 200, 200, 200]),
        ("POST subject", [201, 403, 403, 403, 403, 403]),
        ("POST academic year", [201, 403, 403, 403, 403, 403]),
        ("LIST years", [200, 200, 200, 200, 200, 200]),
        ("LIST regions", [200, 200, 200, 200, 200, 200]),
        ("AUDIT", [200, 200, 403, 403, 403, 403]),
        ("STATS", [200, 200, 200, 200, 200, 200]),
        ("ME", [200, 200, 200, 200, 200, 200]),
    ];

    let mut failures = Vec::new();
    for (i, (role, email)) in ROLES.iter().enumerate() {
        let t = app.login(email).await;
        let me = app.get("/api/v1/auth/me", &t).await.ok(200);
        for (case, expected) in &rows {
            let got = run(&app, &admin, &t, &me, &w, case, i).await;
            if got != expected[i] {
                failures.push(format!(
                    "{role:>12} {case:<24} expected {} got {got}",
                    expected[i]
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "authorisation matrix mismatches:\n{}",
        failures.join("\n")
    );
}

async fn run(
    app: &TestApp,
    admin: &str,
    t: &str,
    me: &Value,
    w: &World,
    case: &str,
    n: usize,
) -> u16 {
    let uniq = format!("{case} {n}");
    match case {
        "GET own school" => {
            app.get(&format!("/api/v1/schools/{}", w.own_school), t)
                .await
                .status
        }
        "GET other school" => {
            app.get(&format!("/api/v1/schools/{}", w.other_school), t)
                .await
                .status
        }
        "GET foreign school" => {
            app.get(&format!("/api/v1/schools/{}", w.foreign_school), t)
                .await
                .status
        }
        "LIST schools" => app.get("/api/v1/schools", t).await.status,
        "PUT own school" | "PUT other school" | "PUT foreign school" => {
            let id = match case {
                "PUT own school" => &w.own_school,
                "PUT other school" => &w.other_school,
                _ => &w.foreign_school,
            };
            let body = school_body(app, admin, id).await;
            app.put(&format!("/api/v1/schools/{id}"), t, body)
                .await
                .status
        }
        "POST school own m" | "POST school foreign m" => {
            let m = if case == "POST school own m" {
                &w.own_m
            } else {
                &w.foreign_m
            };
            app.post(
                "/api/v1/schools",
                t,
                json!({"municipality_id": m, "full_name": uniq, "short_name": uniq}),
            )
            .await
            .status
        }
        "DELETE other school" => {
            app.delete(&format!("/api/v1/schools/{}", w.other_school), t)
                .await
                .status
        }
        "DELETE foreign school" => {
            app.delete(&format!("/api/v1/schools/{}", w.foreign_school), t)
                .await
                .status
        }
        "LIST users" => app.get("/api/v1/users", t).await.status,
        "GET self" => {
            app.get(&format!("/api/v1/users/{}", me["id"].as_str().unwrap()), t)
                .await
                .status
        }
        "GET foreign user" => {
            app.get(&format!("/api/v1/users/{}", w.foreign_user), t)
                .await
                .status
        }
        "POST user" => {
            let email = format!("matrix{n}@x.ru");
            app.post("/api/v1/users", t, json!({"email": email, "full_name": "Проверочный Пользователь", "role": "teacher", "municipality_id": w.own_m, "school_id": w.own_school, "password": "0123456789ab"}))
                .await
                .status
        }
        "PUT foreign user" => {
            let u = app
                .get(&format!("/api/v1/users/{}", w.foreign_user), admin)
                .await
                .ok(200);
            let body = json!({"email": u["email"], "full_name": u["full_name"], "role": u["role"], "municipality_id": u["municipality_id"], "active": true, "version": u["version"]});
            app.put(&format!("/api/v1/users/{}", w.foreign_user), t, body)
                .await
                .status
        }
        "RESET foreign user" => {
            app.post(
                &format!("/api/v1/users/{}/password", w.foreign_user),
                t,
                json!({"new_password": "another-password-9"}),
            )
            .await
            .status
        }
        "LIST municipalities" => app.get("/api/v1/municipalities", t).await.status,
        "GET foreign m" => {
            app.get(&format!("/api/v1/municipalities/{}", w.foreign_m), t)
                .await
                .status
        }
        "POST municipality" => {
            app.post("/api/v1/municipalities", t, json!({"name": uniq}))
                .await
                .status
        }
        "PUT foreign m" => {
            let m = app
                .get(&format!("/api/v1/municipalities/{}", w.foreign_m), admin)
                .await
                .ok(200);
            app.put(
                &format!("/api/v1/municipalities/{}", w.foreign_m),
                t,
                json!({"name": m["name"], "version": m["version"]}),
            )
            .await
            .status
        }
        "LIST subjects" => app.get("/api/v1/subjects", t).await.status,
        "POST subject" => {
            app.post("/api/v1/subjects", t, json!({"name": uniq}))
                .await
                .status
        }
        "POST academic year" => {
            app.post(
                "/api/v1/academic-years",
                t,
                json!({"start_year": 2030 + n as i32}),
            )
            .await
            .status
        }
        "LIST years" => app.get("/api/v1/academic-years", t).await.status,
        "LIST regions" => app.get("/api/v1/regions", t).await.status,
        "AUDIT" => app.get("/api/v1/audit", t).await.status,
        "STATS" => app.get("/api/v1/stats", t).await.status,
        "ME" => app.get("/api/v1/auth/me", t).await.status,
        other => panic!("unknown case {other}"),
    }
}
