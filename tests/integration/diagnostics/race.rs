//! Two confirms of the same results table at once never leave duplicate scores: one
//! score per person and indicator holds under concurrency (a unique index; the losing
//! write transaction is retried or refused), on SQLite and PostgreSQL.

use super::*;
use futures_util::future::join_all;

#[actix_web::test]
async fn concurrent_imports_of_one_table_keep_one_score_per_indicator() {
    let app = TestApp::with(|c| c.pool_size = 16).await;
    let coord = app.login(COORDINATOR).await;
    let admin = app.login(ADMIN).await;
    let (m, _) = app.municipalities(&coord).await.remove(0);
    let content = table(&app, &coord, &[(TEACHER, "40", "85")]).await;
    for round in 0..10 {
        let c = campaign(&app, &coord, &m, "2026-11-20").await;
        let id = c["id"].as_str().unwrap();
        let url = format!("/api/v1/diagnostics/campaigns/{id}/import/confirm");
        let body = json!({"format": "text", "content": content});
        let rs = join_all([&coord, &admin].map(|t| app.post(&url, t, body.clone()))).await;
        let st: Vec<u16> = rs.iter().map(|r| r.status).collect();
        assert!(
            st.iter().all(|s| *s == 200 || *s == 409),
            "round {round}: {st:?}"
        );
        assert!(st.contains(&200), "round {round}: {st:?}");
        let got = app
            .get(&format!("/api/v1/diagnostics/campaigns/{id}"), &coord)
            .await
            .ok(200);
        let people = got["people"].as_array().unwrap();
        assert_eq!(people.len(), 1, "round {round}");
        assert_eq!(
            people[0]["scores"].as_array().unwrap().len(),
            2,
            "round {round}"
        );
    }
}
