//! Two confirms of one slice at once: both succeed one after the other, and the slice
//! keeps one live row per school — never two (SQLite and PostgreSQL).

use super::*;
use futures_util::future::join_all;

#[actix_web::test]
async fn two_imports_of_one_slice_leave_one_row_per_school() {
    let app = TestApp::with(|c| c.pool_size = 16).await;
    let c = ctx(&app).await;
    let admin = app.login(ADMIN).await;
    let q = format!(
        "/api/v1/results?municipality_id={}&academic_year_id={}&procedure=vpr&grade=5&subject_id={}",
        c.m, c.this_year, c.math
    );
    for round in 0..20 {
        let a = counts_csv(&[
            ("МБОУ СОШ № 1", 20, [2, 8, 6, 4]),
            ("МБОУ СОШ № 5", 10, [1, 3, 3, 3]),
        ]);
        let b = counts_csv(&[
            ("МБОУ СОШ № 1", 21, [2, 8, 6, 5]),
            ("МБОУ СОШ № 5", 11, [1, 3, 3, 4]),
        ]);
        let rs = join_all([
            app.post(
                "/api/v1/results/import/confirm",
                &c.coord,
                vpr(&c, &c.this_year, "csv", &a),
            ),
            app.post(
                "/api/v1/results/import/confirm",
                &admin,
                vpr(&c, &c.this_year, "csv", &b),
            ),
        ])
        .await;
        let st: Vec<u16> = rs.iter().map(|r| r.status).collect();
        assert_eq!(
            st,
            vec![201, 201],
            "round {round}: {:?}",
            rs.iter().map(|r| r.body.clone()).collect::<Vec<_>>()
        );
        let replaced: i64 = rs
            .iter()
            .map(|r| r.body["replaced"].as_i64().unwrap())
            .sum();
        assert_eq!(replaced, if round == 0 { 2 } else { 4 }, "round {round}");
        let page = app.get(&q, &c.coord).await.ok(200);
        assert_eq!(page["total"], 2, "round {round}");
        let p: Vec<i64> = items(&page)
            .iter()
            .map(|r| r["participants"].as_i64().unwrap())
            .collect();
        assert!(
            p == [20, 10] || p == [21, 11] || p == [10, 20] || p == [11, 21],
            "round {round}: {p:?}"
        );
    }
}
