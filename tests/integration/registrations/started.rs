//! No registration once a session has started (or is over).

use crate::common::*;
use serde_json::json;

#[actix_web::test]
async fn a_started_or_past_session_takes_no_registrations() {
    let app = TestApp::new().await;
    let tutor = app.login(TUTOR).await;
    let teacher = app.login(TEACHER).await;
    for (title, start, end) in [("Уже идёт", -1, 1), ("Уже прошло", -4, -3)] {
        let s = plan_session(
            &app,
            &tutor,
            remote_session("group_consultation", title, start, end),
        )
        .await;
        let sp = format!("/api/v1/sessions/{}", s["id"].as_str().unwrap());
        let r = app
            .post(&format!("{sp}/registration"), &teacher, json!({}))
            .await;
        assert_eq!((r.status, r.code()), (409, "session_started"), "{title}");
        let detail = r.body["detail"].as_str().unwrap();
        assert!(detail.contains("уже началось"), "{detail}");
        // Nothing was written.
        let d = app.get(&sp, &teacher).await.ok(200);
        assert!(d["my_registration"].is_null(), "{d}");
        assert_eq!(d["registered"], 0);
    }
}
