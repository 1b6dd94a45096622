//! The due-date reminder: the day before a review is due the expert and the coordinators
//! hear of it once (a second run and a concurrent one write nothing more).

use super::*;

#[actix_web::test]
async fn the_expert_is_reminded_once_before_the_due_date() {
    let app = TestApp::new().await;
    let (id, expert) = in_review(&app, "КТП со сроком").await;
    let coord = app.login(COORDINATOR).await;
    let due = detail(&app, &coord, &id).await["review"]["due_on"]
        .as_str()
        .unwrap()
        .to_string();
    let due = chrono::NaiveDate::parse_from_str(&due, "%Y-%m-%d").unwrap();
    let early = (due - chrono::Duration::days(3))
        .and_hms_opt(9, 0, 0)
        .unwrap();
    let r = tutornet_api::jobs::run(&app.state, early).await.unwrap();
    assert!(!r.review_reminders.contains(&id));
    let eve = (due - chrono::Duration::days(1))
        .and_hms_opt(9, 0, 0)
        .unwrap();
    let (a, b) = futures_util::future::join(
        tutornet_api::jobs::run(&app.state, eve),
        tutornet_api::jobs::run(&app.state, eve),
    )
    .await;
    let sent: usize = [a.unwrap(), b.unwrap()]
        .iter()
        .filter(|r| r.review_reminders.contains(&id))
        .count();
    assert_eq!(sent, 1);
    let again = tutornet_api::jobs::run(&app.state, eve).await.unwrap();
    assert!(!again.review_reminders.contains(&id));
    let inbox = app.get("/api/v1/notifications", &expert).await.ok(200);
    let text = inbox.to_string();
    assert_eq!(text.matches("Срок экспертизы").count(), 1, "{text}");
}
