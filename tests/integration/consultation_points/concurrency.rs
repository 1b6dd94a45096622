//! One name per municipality holds under concurrent requests (a unique index, not a
//! read-then-write check), on SQLite and PostgreSQL.

use super::point;
use crate::common::*;
use futures_util::future::join_all;

#[actix_web::test]
async fn two_points_of_one_name_one_is_created() {
    let app = TestApp::with(|c| c.pool_size = 16).await;
    let coord = app.login(COORDINATOR).await;
    let admin = app.login(ADMIN).await;
    let (m, _) = app.municipalities(&coord).await.remove(0);
    let count = || async {
        app.get("/api/v1/consultation-points?limit=200", &coord)
            .await
            .ok(200)["total"]
            .as_i64()
            .unwrap()
    };
    let demo = count().await;
    for round in 0..20 {
        let name = format!("Пункт № {round}");
        let rs = join_all([&coord, &admin].map(|t| {
            app.post(
                "/api/v1/consultation-points",
                t,
                point(&m, &name, None, None),
            )
        }))
        .await;
        let mut st: Vec<u16> = rs.iter().map(|r| r.status).collect();
        st.sort();
        assert_eq!(st, vec![201, 422], "round {round}");
        let loser = rs.iter().find(|r| r.status == 422).unwrap();
        assert_eq!(loser.field_errors(), vec!["name"]);
    }
    assert_eq!(count().await, demo + 20);
}
