//! Two moderators decide on one version at once: exactly one wins, the other gets 409
//! (publish against return), and the history has one decision — on SQLite and
//! PostgreSQL.

use super::*;
use futures_util::future::join_all;
use serde_json::json;

const ROUNDS: usize = 4;

#[actix_web::test]
async fn two_moderators_at_once_one_wins() {
    let app = TestApp::with(|c| c.pool_size = 16).await;
    let tutor = app.login(TUTOR).await;
    let coord = app.login(COORDINATOR).await;
    let admin = app.login(ADMIN).await;
    let ms = app.municipalities(&admin).await;
    create_user(
        &app,
        &admin,
        user(
            "coord2@x.ru",
            "Вторая Координатор",
            "coordinator",
            &ms[0].0,
            None,
        ),
    )
    .await;
    let coord2 = app.login("coord2@x.ru").await;
    for round in 0..ROUNDS {
        let d = create(
            &app,
            &tutor,
            material(&format!("Гонка {round}"), "", "municipality"),
        )
        .await;
        let id = d["item"]["id"].as_str().unwrap().to_string();
        upload_docx(&app, &tutor, &id, "r.docx", &["Текст"]).await;
        let v = detail(&app, &tutor, &id).await["item"]["version"].clone();
        let d = act(&app, &tutor, &id, json!({"action": "submit", "version": v}))
            .await
            .ok(200);
        let v = d["item"]["version"].clone();
        let rs = join_all([
            act(
                &app,
                &coord,
                &id,
                json!({"action": "publish", "version": v}),
            ),
            act(
                &app,
                &coord2,
                &id,
                json!({"action": "return", "version": v, "comment": "Доработать"}),
            ),
        ])
        .await;
        let mut st: Vec<u16> = rs.iter().map(|r| r.status).collect();
        st.sort();
        assert_eq!(
            st,
            vec![200, 409],
            "round {round}: {:?}",
            rs.iter().map(|r| &r.body).collect::<Vec<_>>()
        );
        let d = detail(&app, &coord, &id).await;
        let decisions = d["history"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["action"] == "publish" || e["action"] == "return")
            .count();
        assert_eq!(decisions, 1, "round {round}");
        let winner = rs.iter().find(|r| r.status == 200).unwrap();
        assert_eq!(d["item"]["status"], winner.body["item"]["status"]);
    }
}
