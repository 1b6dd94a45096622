//! One change per version: two steps marked done at once on the same version — one
//! wins, the other gets 409 — on SQLite and PostgreSQL.

use super::*;
use futures_util::future::join_all;

#[actix_web::test]
async fn two_completions_on_one_version_one_wins() {
    let app = TestApp::with(|c| c.pool_size = 16).await;
    let teacher = app.login(TEACHER).await;
    let tutor = app.login(TUTOR).await;
    let t = agreed(&app).await;
    let steps = t["steps"].as_array().unwrap().clone();
    let urls: Vec<String> = steps
        .iter()
        .map(|s| {
            format!(
                "{}/steps/{}/completion",
                path(&t),
                s["id"].as_str().unwrap()
            )
        })
        .collect();
    let body = json!({"evidence_kind": "text", "note": "Готово", "version": t["version"]});
    let rs = join_all(
        [(&teacher, &urls[0]), (&tutor, &urls[1])].map(|(who, u)| app.post(u, who, body.clone())),
    )
    .await;
    let mut st: Vec<u16> = rs.iter().map(|r| r.status).collect();
    st.sort();
    assert_eq!(st, vec![200, 409]);
    let now = app.get(&path(&t), &teacher).await.ok(200);
    assert_eq!(now["progress"]["done"], 1);
    assert_eq!(now["version"], t["version"].as_i64().unwrap() + 1);
}
