//! Members and `POST /composition/orders`: approve, amend, exclude; `on_date`, filters.

use super::*;
use serde_json::json;

#[actix_web::test]
async fn orders_approve_then_amend_and_on_date_tells_who_was_a_tutor() {
    let app = TestApp::new().await;
    let coord = app.login(COORDINATOR).await;
    let m = municipality_by_name(&app, &coord, "Лесогорский").await;
    let math = subject_id(&app, &coord, "Математика").await;
    let a = add_member(&app, &coord, &m, "Аистова Вера Олеговна", &math).await;
    let b = add_member(&app, &coord, &m, "Бобров Глеб Ильич", &math).await;
    let c = add_member(&app, &coord, &m, "Вьюнова Зоя Андреевна", &math).await;

    // A nominated member may still be edited.
    let cur = app
        .get(&format!("/api/v1/composition/members/{c}"), &coord)
        .await
        .ok(200);
    assert_eq!(cur["status"], "nominated");
    let upd = app
        .put(
            &format!("/api/v1/composition/members/{c}"),
            &coord,
            json!({"full_name": "Вьюнова Зоя Андреевна", "subject_ids": [math], "level": "school", "version": cur["version"]}),
        )
        .await
        .ok(200);
    assert_eq!(upd["level"], "school");

    let o1 = app
        .post(
            "/api/v1/composition/orders",
            &coord,
            order("approve", "2026-09-10", vec![&a, &b], json!([])),
        )
        .await
        .ok(201);
    assert_eq!(o1["approved"].as_array().unwrap().len(), 2);
    let ma = app
        .get(&format!("/api/v1/composition/members/{a}"), &coord)
        .await
        .ok(200);
    assert_eq!(ma["status"], "approved");
    assert_eq!(ma["approved_on"], "2026-09-10");
    assert_eq!(ma["approved_order_id"], o1["id"]);
    // Approved members are immutable.
    let r = app
        .put(
            &format!("/api/v1/composition/members/{a}"),
            &coord,
            json!({"full_name": "Другая", "subject_ids": [math], "version": ma["version"]}),
        )
        .await;
    assert_eq!(r.status, 409);
    assert_eq!(r.code(), "composition_approved");
    let r = app
        .delete(&format!("/api/v1/composition/members/{a}"), &coord)
        .await;
    assert_eq!((r.status, r.code()), (409, "composition_approved"));
    // Approving twice, or excluding without a reason, is refused field by field.
    let r = app
        .post(
            "/api/v1/composition/orders",
            &coord,
            order("approve", "2026-09-11", vec![&a], json!([])),
        )
        .await;
    assert_eq!(r.status, 422);
    assert_eq!(r.field_errors(), vec!["approve_member_ids[0]"]);
    let r = app
        .post(
            "/api/v1/composition/orders",
            &coord,
            order(
                "amend",
                "2026-12-01",
                vec![],
                json!([{"member_id": a, "reason": " "}]),
            ),
        )
        .await;
    assert_eq!(r.status, 422);
    assert_eq!(r.field_errors(), vec!["exclude[0].reason"]);
    // A member of another municipality cannot be in this municipality's order.
    let admin = app.login(ADMIN).await;
    let foreign = municipality_by_name(&app, &admin, "Приреченский").await;
    let f = add_member(&app, &admin, &foreign, "Чужой Участник Иванович", &math).await;
    let r = app
        .post(
            "/api/v1/composition/orders",
            &coord,
            order("amend", "2026-12-01", vec![&c, &f], json!([])),
        )
        .await;
    assert_eq!(r.status, 422);
    assert_eq!(r.field_errors(), vec!["approve_member_ids[1]"]);
    // Nothing of the failed order was applied.
    let mc = app
        .get(&format!("/api/v1/composition/members/{c}"), &coord)
        .await
        .ok(200);
    assert_eq!(mc["status"], "nominated");

    let o2 = app
        .post(
            "/api/v1/composition/orders",
            &coord,
            order(
                "amend",
                "2026-12-01",
                vec![&c],
                json!([{"member_id": a, "reason": "Переезд в другой район"}]),
            ),
        )
        .await
        .ok(201);
    assert_eq!(o2["kind"], "amend");
    assert_eq!(o2["excluded"][0]["member_id"], a.as_str());
    assert_eq!(o2["excluded"][0]["reason"], "Переезд в другой район");
    let ma = app
        .get(&format!("/api/v1/composition/members/{a}"), &coord)
        .await
        .ok(200);
    assert_eq!(ma["status"], "excluded");
    assert_eq!(ma["excluded_on"], "2026-12-01");

    let on = |d: &str| format!("/api/v1/composition/members?on_date={d}&limit=200");
    let nov = names(&app.get(&on("2026-11-01"), &coord).await.ok(200));
    assert!(nov.contains(&"Аистова Вера Олеговна".to_string()));
    assert!(nov.contains(&"Бобров Глеб Ильич".to_string()));
    assert!(!nov.contains(&"Вьюнова Зоя Андреевна".to_string()));
    let dec = names(&app.get(&on("2026-12-15"), &coord).await.ok(200));
    assert!(!dec.contains(&"Аистова Вера Олеговна".to_string()));
    assert!(dec.contains(&"Бобров Глеб Ильич".to_string()));
    assert!(dec.contains(&"Вьюнова Зоя Андреевна".to_string()));
    // Before any order: nobody of these.
    let aug = names(&app.get(&on("2026-08-01"), &coord).await.ok(200));
    assert!(aug.is_empty(), "{aug:?}");
    // Status filter and name search.
    let p = app
        .get(
            "/api/v1/composition/members?status=excluded&q=%D0%B0%D0%B8%D1%81%D1%82",
            &coord,
        )
        .await
        .ok(200);
    assert_eq!(names(&p), vec!["Аистова Вера Олеговна"]);

    // Orders: newest first, the demo order last.
    let list = app.get("/api/v1/composition/orders", &coord).await.ok(200);
    let ids: Vec<&str> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        &ids[..2],
        &[o2["id"].as_str().unwrap(), o1["id"].as_str().unwrap()]
    );
    assert_eq!(list["items"][2]["number"], "01-03/17");
    let got = app
        .get(
            &format!("/api/v1/composition/orders/{}", o1["id"].as_str().unwrap()),
            &coord,
        )
        .await
        .ok(200);
    assert_eq!(got["approved"].as_array().unwrap().len(), 2);
}
