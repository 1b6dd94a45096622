//! Creating and revoking a feed leave audit entries, and the secret stays out of them.

use crate::common::*;

#[actix_web::test]
async fn feeds_are_audited_without_their_secret() {
    let app = TestApp::new().await;
    let tutor = app.login(TUTOR).await;
    let coord = app.login(COORDINATOR).await;
    let feed = new_feed(&app, &tutor).await;
    let id = feed["id"].as_str().unwrap();
    app.delete(&format!("/api/v1/calendar/feeds/{id}"), &tutor)
        .await
        .ok(204);
    let log = audit_of(&app, &coord, id).await;
    let actions = actions(&log);
    assert_eq!(actions.len(), 2, "{actions:?}");
    assert!(actions.iter().any(|a| a == "feed_create"));
    assert!(actions.iter().any(|a| a == "feed_revoke"));
    assert!(log["items"][0]["entity"] == "calendar_feed");
    let token = feed["url"]
        .as_str()
        .unwrap()
        .trim_start_matches("/api/v1/calendar/")
        .trim_end_matches(".ics");
    assert!(
        !log.to_string().contains(token),
        "the secret leaked into the audit log"
    );
}
