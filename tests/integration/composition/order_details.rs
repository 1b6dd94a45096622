//! `PUT /composition/orders/{id}`: an entered order's printed details are corrected
//! (versioned, audited, printed); its date and members stay; who may do it.

use super::export::docx_text;
use super::*;
use serde_json::json;

#[actix_web::test]
async fn an_entered_orders_details_are_corrected_and_printed_while_its_date_and_members_stay() {
    let app = TestApp::new().await;
    let coord = app.login(COORDINATOR).await;
    let m = municipality_by_name(&app, &coord, "Лесогорский").await;
    let math = subject_id(&app, &coord, "Математика").await;
    let a = add_member(&app, &coord, &m, "Аистова Вера Олеговна", &math).await;
    let o = app
        .post(
            "/api/v1/composition/orders",
            &coord,
            order("approve", "2026-09-10", vec![&a], json!([])),
        )
        .await
        .ok(201);
    let id = o["id"].as_str().unwrap().to_string();
    let path = format!("/api/v1/composition/orders/{id}");
    let details = |number: &str, version: &Value| {
        json!({
            "number": number,
            "issuer": "МКУ ИМЦ Лесогорского района",
            "title": o["title"],
            "signatory_position": "Директор МКУ ИМЦ",
            "signatory_name": "Н.П. Исправленная",
            "place": "г. Лесогорск",
            "items": ["Утвердить состав сообщества (Приложение 1).", "Контроль оставляю за собой."],
            "version": version,
        })
    };

    let fixed = app
        .put(&path, &coord, details("01-03/25", &o["version"]))
        .await
        .ok(200);
    assert_eq!(fixed["number"], "01-03/25");
    assert_eq!(fixed["signatory_name"], "Н.П. Исправленная");
    assert_eq!(fixed["items"].as_array().unwrap().len(), 2);
    assert_eq!(
        fixed["issued_on"], o["issued_on"],
        "the date is the order's own"
    );
    assert_eq!(fixed["kind"], "approve");
    assert_eq!(fixed["approved"], o["approved"], "the members stay");
    assert_eq!(fixed["version"], o["version"].as_i64().unwrap() + 1);

    // A correction made on a stale copy is refused, not lost over the newer one.
    let r = app
        .put(&path, &coord, details("01-03/26", &o["version"]))
        .await;
    assert_eq!((r.status, r.code()), (409, "version_conflict"));
    // A blank number is a field error.
    let r = app
        .put(&path, &coord, details(" ", &fixed["version"]))
        .await;
    assert_eq!(r.status, 422);
    assert_eq!(r.field_errors(), vec!["number"]);
    // The date cannot be slipped in through the edit.
    let mut with_date = details("01-03/26", &fixed["version"]);
    with_date["issued_on"] = json!("2026-09-11");
    assert_eq!(app.put(&path, &coord, with_date).await.status, 422);

    // The printed order carries the corrected details.
    let (status, _, bytes) = get_raw(&app, &format!("{path}/order.docx"), &coord).await;
    assert_eq!(status, 200);
    let (_, text) = docx_text(&bytes);
    assert!(text.contains("01-03/25"), "{text}");
    assert!(text.contains("Н.П. Исправленная"), "{text}");
    assert!(text.contains("Контроль оставляю за собой."), "{text}");
    assert!(actions(&audit_of(&app, &coord, &id).await).contains(&"update".to_string()));

    // Who may correct it: the «PUT own order details» row of the access matrix.
    let after = app.get(&path, &coord).await.ok(200);
    assert_eq!(after["number"], "01-03/25");
}
