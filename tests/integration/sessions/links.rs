//! The online link of a session is a web address (http/https).

use crate::common::*;
use serde_json::json;

#[actix_web::test]
async fn an_online_link_must_be_a_web_address() {
    let app = TestApp::new().await;
    let tutor = app.login(TUTOR).await;
    for bad in ["meet.example/x", "ftp://files.example/x", "позвоните мне"] {
        let mut body = remote_session("group_consultation", "Ссылка", 24, 25);
        body["online_link"] = json!(bad);
        let r = app.post("/api/v1/sessions", &tutor, body).await;
        assert_eq!(r.status, 422, "{bad}");
        assert_eq!(r.field_errors(), vec!["online_link"], "{bad}");
        assert_eq!(r.body["errors"][0]["code"], "invalid_url");
    }
    // Editing keeps the rule.
    let s = plan_session(
        &app,
        &tutor,
        remote_session("group_consultation", "Ссылка", 24, 25),
    )
    .await;
    let path = format!("/api/v1/sessions/{}", s["id"].as_str().unwrap());
    let mut body = remote_session("group_consultation", "Ссылка", 24, 25);
    body["online_link"] = json!("zoom 123 456");
    body["version"] = s["version"].clone();
    assert_eq!(
        app.put(&path, &tutor, body).await.field_errors(),
        vec!["online_link"]
    );
}
