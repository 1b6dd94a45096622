//! Repeated login failures are throttled per account and per address.

use crate::common::*;

#[actix_web::test]
async fn repeated_failures_are_throttled() {
    let app = TestApp::with(|c| c.login_max_failures_account = 3).await;
    for _ in 0..3 {
        let r = app.try_login(TUTOR, "wrong-password").await;
        assert_eq!(r.status, 401);
    }
    // Even the right password is refused now.
    let r = app.try_login(TUTOR, PASSWORD).await;
    assert_eq!(r.status, 429);
    assert_eq!(r.code(), "too_many_attempts");
    let retry: i64 = r
        .header("retry-after")
        .expect("Retry-After")
        .parse()
        .unwrap();
    assert!(retry > 0 && retry <= 900, "{retry}");
    // Another account is not affected.
    assert_eq!(app.login_full(TEACHER).await["user"]["role"], "teacher");
}

#[actix_web::test]
async fn throttled_per_ip() {
    let app = TestApp::with(|c| c.login_max_failures_ip = 4).await;
    for i in 0..4 {
        let r = app.try_login(&format!("u{i}@x.ru"), "wrong-password").await;
        assert_eq!(r.status, 401);
    }
    let r = app.try_login(TEACHER, PASSWORD).await;
    assert_eq!(r.status, 429);
}
