//! «Once only» for accounts under concurrent requests (run on both databases): one
//! account per member, one user per e-mail.

use super::members::account;
use crate::common::*;
use futures_util::future::join_all;
use serde_json::json;

const ROUNDS: usize = 5;

fn sorted(rs: &[Resp]) -> Vec<u16> {
    let mut v: Vec<u16> = rs.iter().map(|r| r.status).collect();
    v.sort();
    v
}

#[actix_web::test]
async fn one_account_per_member() {
    let app = TestApp::new().await;
    let w = World::build(&app).await;
    let coord = app.login(COORDINATOR).await;
    for round in 0..ROUNDS {
        let member = w
            .approved_member(&app, &format!("Гонкина Мария {round}"))
            .await;
        let rs = join_all((0..2).map(|i| {
            account(
                &app,
                &coord,
                &member,
                json!({"email": format!("race{round}-{i}@x.ru"), "delivery": "invitation"}),
            )
        }))
        .await;
        assert_eq!(
            sorted(&rs),
            vec![201, 409],
            "round {round}: {:?}",
            rs.iter().map(|r| &r.body).collect::<Vec<_>>()
        );
        let m = app
            .get(&format!("/api/v1/composition/members/{member}"), &coord)
            .await
            .ok(200);
        let winner = rs.iter().find(|r| r.status == 201).unwrap();
        assert_eq!(m["user_id"], winner.body["accounts"][0]["user_id"]);
    }
}

#[actix_web::test]
async fn one_user_per_email_across_member_accounts() {
    let app = TestApp::new().await;
    let w = World::build(&app).await;
    let coord = app.login(COORDINATOR).await;
    for round in 0..ROUNDS {
        let a = w
            .approved_member(&app, &format!("Первая Гонка {round}"))
            .await;
        let b = w
            .approved_member(&app, &format!("Вторая Гонка {round}"))
            .await;
        let email = format!("same{round}@x.ru");
        let rs = join_all([&a, &b].map(|m| {
            app.post(
                "/api/v1/accounts/members",
                &coord,
                json!({"delivery": "invitation", "accounts": [{"member_id": m, "email": email}]}),
            )
        }))
        .await;
        let statuses = sorted(&rs);
        assert_eq!(
            statuses[0],
            201,
            "round {round}: {:?}",
            rs.iter().map(|r| &r.body).collect::<Vec<_>>()
        );
        assert!(
            matches!(statuses[1], 409 | 422),
            "round {round}: {statuses:?}"
        );
        let loser = rs.iter().find(|r| r.status != 201).unwrap();
        assert!(loser.body.to_string().contains("email"), "{:?}", loser.body);
    }
}
