//! `POST /sessions/{id}/log`, `/amendments`, `/ratings` and `/cancel` by role, on a
//! session that has just ended.

use crate::common::*;
use serde_json::json;

#[actix_web::test]
async fn who_may_log_amend_rate_and_cancel() {
    let app = TestApp::new().await;
    let admin = app.login(ADMIN).await;
    let tutor = app.login(TUTOR).await;
    let coord = app.login(COORDINATOR).await;
    let teacher = app.login(TEACHER).await;
    let observer = app.login(OBSERVER).await;
    let far = far_coordinator(&app, &admin).await;
    let s = plan_session(
        &app,
        &tutor,
        remote_session("group_consultation", "Проверка доступа", 2, 3),
    )
    .await;
    let sp = format!("/api/v1/sessions/{}", s["id"].as_str().unwrap());
    // The teacher registered while it was ahead and took part.
    app.post(&format!("{sp}/registration"), &teacher, json!({}))
        .await
        .ok(200);
    move_session(&app, &tutor, s["id"].as_str().unwrap(), -3, -2).await;

    // Holding, amending, rating and cancelling.
    let cur = app.get(&sp, &tutor).await.ok(200);
    let teacher_id = app.me(&teacher).await["id"].clone();
    for (who, t, want) in [
        ("teacher", &teacher, 403),
        ("observer", &observer, 403),
        ("far", &far, 404),
    ] {
        let r = app
            .post(
                &format!("{sp}/log"),
                t,
                json!({"outcome": "итог", "version": cur["version"]}),
            )
            .await
            .status;
        assert_eq!(r, want, "{who} log");
    }
    app.post(
        &format!("{sp}/log"),
        &tutor,
        json!({"outcome": "итог", "attended_user_ids": [teacher_id], "version": cur["version"]}),
    )
    .await
    .ok(200);
    for (who, t, want) in [
        ("teacher", &teacher, 403),
        ("observer", &observer, 403),
        ("coordinator", &coord, 200),
    ] {
        let r = app
            .post(
                &format!("{sp}/amendments"),
                t,
                json!({"field": "summary", "value": "кратко", "note": "дополнение"}),
            )
            .await
            .status;
        assert_eq!(r, want, "{who} amend");
    }
    for (who, t, want) in [
        ("observer", &observer, 403),
        ("coordinator", &coord, 403),
        ("teacher", &teacher, 200),
    ] {
        let r = app
            .post(&format!("{sp}/ratings"), t, json!({"score": 4}))
            .await
            .status;
        assert_eq!(r, want, "{who} rate");
    }
    assert_eq!(
        app.post(
            &format!("{sp}/cancel"),
            &coord,
            json!({"reason": "поздно", "version": 99})
        )
        .await
        .status,
        409
    );
}
