//! Password reset by e-mail: one answer for every address, throttled, one-time link.

use super::*;
use crate::common::*;
use crate::mail::{mail_to, smtp_sink};

const NEW_PASSWORD: &str = "forgotten-and-new-9";

#[actix_web::test]
async fn reset_answers_the_same_for_known_unknown_and_archived_addresses() {
    let app = TestApp::new().await;
    let coord = app.login(COORDINATOR).await;
    let archived = invited_teacher(&app, &coord, "gone@x.ru").await;
    app.delete(&format!("/api/v1/users/{archived}"), &coord)
        .await
        .ok(200);
    let answers: Vec<_> =
        futures_util::future::join_all([TUTOR, "nobody@x.ru", "gone@x.ru"].map(|e| reset(&app, e)))
            .await
            .into_iter()
            .map(|r| (r.status, r.body))
            .collect();
    assert_eq!(answers[0].0, 202);
    assert_eq!(
        answers[0].1["detail"],
        "Если адрес зарегистрирован, мы отправили на него письмо со ссылкой"
    );
    assert!(answers.iter().all(|a| *a == answers[0]), "{answers:?}");
    let bad = reset(&app, "не-почта").await;
    assert_eq!(
        (bad.status, bad.field_errors()),
        (422, vec!["email".to_string()])
    );
}

#[actix_web::test]
async fn reset_is_throttled_per_address_for_known_and_unknown_alike() {
    let app = TestApp::new().await;
    for email in [TUTOR, "nobody@x.ru"] {
        for _ in 0..3 {
            assert_eq!(reset(&app, email).await.status, 202);
        }
        let r = reset(&app, email).await;
        assert_eq!((r.status, r.code()), (429, "too_many_attempts"), "{email}");
        assert!(r.header("retry-after").is_some());
    }
}

#[actix_web::test]
async fn a_mailed_reset_link_sets_the_password_once_and_ends_sessions() {
    let (url, messages) = smtp_sink();
    let app = TestApp::with(|c| c.smtp_url = Some(url)).await;
    let before = app.login_full(TUTOR).await;
    reset(&app, TUTOR).await.ok(202);
    reset(&app, "nobody@x.ru").await.ok(202);
    let text = mail_to(&messages, TUTOR).await;
    assert!(text.contains("сброс пароля"), "{text}");
    let token = token_of(&text);
    set_password(&app, &token, NEW_PASSWORD).await.ok(204);
    assert_eq!(app.try_login(TUTOR, NEW_PASSWORD).await.status, 200);
    assert_eq!(app.try_login(TUTOR, PASSWORD).await.status, 401);
    assert!(link_invalid(
        &set_password(&app, &token, "yet-another-pw-1").await
    ));
    let r = app
        .refresh(serde_json::json!({"refresh_token": before["refresh_token"]}))
        .await;
    assert_eq!(r.status, 401, "the old session ended");
    let admin = app.login(ADMIN).await;
    let id = before["user"]["id"].as_str().unwrap();
    let log = actions(&audit_of(&app, &admin, id).await);
    assert!(log.contains(&"reset_request".to_string()), "{log:?}");
    assert!(log.contains(&"password_set".to_string()), "{log:?}");
}

#[actix_web::test]
async fn an_expired_reset_link_is_refused() {
    let (url, messages) = smtp_sink();
    let app = TestApp::with(|c| {
        c.smtp_url = Some(url);
        c.reset_ttl_secs = 2;
    })
    .await;
    reset(&app, TUTOR).await.ok(202);
    let token = token_of(&mail_to(&messages, TUTOR).await);
    actix_web::rt::time::sleep(std::time::Duration::from_millis(2500)).await;
    assert!(link_invalid(
        &set_password(&app, &token, NEW_PASSWORD).await
    ));
}
