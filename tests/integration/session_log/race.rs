//! Two logs of one session at once: exactly one is written, the other is refused with
//! 409, and the walk-ins of the loser are not kept (SQLite and PostgreSQL).

use crate::common::*;
use futures_util::future::join_all;
use serde_json::json;

const ROUNDS: usize = 20;

#[actix_web::test]
async fn two_logs_of_one_session_one_wins() {
    let app = TestApp::with(|c| c.pool_size = 16).await;
    let tutor = app.login(TUTOR).await;
    let coord = app.login(COORDINATOR).await;
    for round in 0..ROUNDS {
        let start = -3 * (round as i64 + 1);
        let s = plan_session(
            &app,
            &tutor,
            remote_session("group_consultation", "Гонка журналов", start, start + 1),
        )
        .await;
        let p = format!("/api/v1/sessions/{}/log", s["id"].as_str().unwrap());
        let body = |who: &str| {
            json!({"outcome": format!("Итог: {who}"), "walk_ins": [{"full_name": format!("Гость {who}")}],
                   "version": s["version"]})
        };
        let (a, b) = (body("тьютор"), body("координатор"));
        let rs = join_all([app.post(&p, &tutor, a), app.post(&p, &coord, b)]).await;
        let mut st: Vec<u16> = rs.iter().map(|r| r.status).collect();
        st.sort();
        assert_eq!(st, vec![200, 409], "round {round}");
        let loser = rs.iter().find(|r| r.status == 409).unwrap();
        assert!(
            ["version_conflict", "already_held"].contains(&loser.code()),
            "round {round}: {}",
            loser.code()
        );
        let winner = rs.iter().find(|r| r.status == 200).unwrap();
        let d = app
            .get(
                &format!("/api/v1/sessions/{}", s["id"].as_str().unwrap()),
                &coord,
            )
            .await
            .ok(200);
        assert_eq!(d["outcome"], winner.body["outcome"], "round {round}");
        let w = d["walk_ins"].as_array().unwrap();
        assert_eq!(w.len(), 1, "round {round}: only the winner's walk-in");
        assert_eq!(d["attended_count"], 1);
    }
}
