//! Two writes on one version of a review at once: exactly one wins, the other gets 409
//! (two verdict saves; two accepts) — on SQLite and PostgreSQL.

use super::*;
use futures_util::future::join_all;
use serde_json::json;

const ROUNDS: usize = 4;

#[actix_web::test]
async fn concurrent_verdicts_and_accepts_one_wins() {
    let app = TestApp::with(|c| c.pool_size = 16).await;
    let coord = app.login(COORDINATOR).await;
    for round in 0..ROUNDS {
        let (id, expert) = in_review(&app, &format!("КТП гонки {round}")).await;
        let d = detail(&app, &expert, &id).await;
        let path = format!("/api/v1/reviews/{id}/verdicts");
        let body = |unmet: bool| json!({"version": d["review"]["version"], "verdicts": verdicts(&d, unmet)});
        let rs = join_all([
            app.put(&path, &expert, body(true)),
            app.put(&path, &expert, body(false)),
        ])
        .await;
        let mut st: Vec<u16> = rs.iter().map(|r| r.status).collect();
        st.sort();
        assert_eq!(st, vec![200, 409], "verdicts, round {round}");
        let winner = rs.iter().find(|r| r.status == 200).unwrap();
        let now = detail(&app, &coord, &id).await;
        assert_eq!(now["rounds"], winner.body["rounds"], "round {round}");
        // Make it acceptable, then accept twice at once.
        let d = app
            .put(
                &path,
                &expert,
                json!({"version": now["review"]["version"], "verdicts": verdicts(&now, false)}),
            )
            .await
            .ok(200);
        let v = d["review"]["version"].clone();
        let accept = || {
            act(
                &app,
                &expert,
                &id,
                json!({"action": "accept", "version": v}),
            )
        };
        let rs = join_all([accept(), accept()]).await;
        let mut st: Vec<u16> = rs.iter().map(|r| r.status).collect();
        st.sort();
        assert_eq!(st, vec![200, 409], "accepts, round {round}");
        let h = detail(&app, &coord, &id).await["history"]
            .as_array()
            .unwrap()
            .len();
        assert_eq!(h, 4, "submitted, assigned, in review, accepted — once each");
    }
}
