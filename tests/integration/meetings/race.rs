//! One change per version, on SQLite and PostgreSQL: two attendance ticks sent at once
//! from the same meeting version, and two marks of one поручение from the same decision
//! version — one wins, the other gets 409.

use super::*;
use futures_util::future::join_all;

#[actix_web::test]
async fn two_attendance_updates_on_one_version_one_wins() {
    let app = TestApp::with(|c| c.pool_size = 16).await;
    let coord = app.login(COORDINATOR).await;
    let admin = app.login(ADMIN).await;
    let tutor = app.login(TUTOR).await;
    let tutor_id = app.me(&tutor).await["id"].clone();
    let m = called(&app, "2026-11-20", "Гонка").await;
    let a = content(&m, &tutor_id, true);
    let mut b = content(&m, &tutor_id, false);
    b["extra_present"] = json!(3);
    let url = path(&m);
    let rs = join_all([(&coord, a), (&admin, b)].map(|(who, body)| app.put(&url, who, body))).await;
    let mut st: Vec<u16> = rs.iter().map(|r| r.status).collect();
    st.sort();
    assert_eq!(st, vec![200, 409]);
    let now = app.get(&path(&m), &coord).await.ok(200);
    assert_eq!(now["version"], m["version"].as_i64().unwrap() + 1);
}

#[actix_web::test]
async fn two_marks_of_one_decision_on_one_version_one_wins() {
    let app = TestApp::with(|c| c.pool_size = 16).await;
    let coord = app.login(COORDINATOR).await;
    let tutor = app.login(TUTOR).await;
    let m = held(&app, "2026-11-20", "Гонка поручений").await;
    let d = decisions(&m)[0].clone();
    let body = json!({"done": true, "version": d["version"]});
    let url = mark_path(&m, &d);
    let rs = join_all([&coord, &tutor].map(|who| app.post(&url, who, body.clone()))).await;
    let mut st: Vec<u16> = rs.iter().map(|r| r.status).collect();
    st.sort();
    assert_eq!(st, vec![200, 409]);
    let now = decisions(&app.get(&path(&m), &coord).await.ok(200))[0].clone();
    assert_eq!(now["version"], d["version"].as_i64().unwrap() + 1);
    assert_eq!(now["status"], "done");
}
