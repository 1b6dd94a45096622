//! `GET /dashboard` counts requests by status in the coordinator's own municipality.

use crate::common::*;
use serde_json::Value;
use tutornet_domain::community::RequestStatus;

fn count(dash: &Value, key: &str) -> i64 {
    dash["requests_by_status"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["key"] == key)
        .unwrap_or_else(|| panic!("no {key} in {dash}"))["count"]
        .as_i64()
        .unwrap()
}

#[actix_web::test]
async fn requests_by_status_count_the_own_municipality_only() {
    let app = TestApp::new().await;
    let coord = app.login(COORDINATOR).await;
    let admin = app.login(ADMIN).await;
    let far = far_coordinator(&app, &admin).await;
    let before = app.get("/api/v1/dashboard", &coord).await.ok(200);
    // Every status, in workflow order, with its Russian label; stale after 3 days by default.
    let keys: Vec<(&str, &str)> = before["requests_by_status"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["key"].as_str().unwrap(), c["label"].as_str().unwrap()))
        .collect();
    let want: Vec<(&str, &str)> = RequestStatus::ALL
        .iter()
        .map(|s| (s.as_str(), s.label_ru()))
        .collect();
    assert_eq!(keys, want);
    assert_eq!(before["stale_after_days"], 3);
    let far_before = app.get("/api/v1/dashboard", &far).await.ok(200);

    let teacher = app.login(TEACHER).await;
    let math = subject_id(&app, &teacher, "Математика").await;
    file_request(&app, &teacher, &math).await;
    let after = app.get("/api/v1/dashboard", &coord).await.ok(200);
    assert_eq!(count(&after, "new"), count(&before, "new") + 1);
    assert_eq!(count(&after, "done"), count(&before, "done"));
    // The other municipality's coordinator does not see it.
    let far_after = app.get("/api/v1/dashboard", &far).await.ok(200);
    assert_eq!(count(&far_after, "new"), count(&far_before, "new"));
    assert_eq!(
        app.get("/api/v1/dashboard?stale_days=0", &coord)
            .await
            .ok(200)["stale_after_days"],
        0
    );
}

fn by_activity(dash: &Value, list: &str) -> Vec<(String, i64)> {
    dash[list]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["key"].as_str().unwrap().to_string(),
                c["count"].as_i64().unwrap(),
            )
        })
        .collect()
}

#[actix_web::test]
async fn sessions_are_counted_by_activity_type() {
    let app = TestApp::new().await;
    let coord = app.login(COORDINATOR).await;
    let tutor = app.login(TUTOR).await;
    let before = app.get("/api/v1/dashboard", &coord).await.ok(200);
    // All five types of 000 §5.1, in order, with their labels.
    let labels: Vec<&str> = before["sessions_this_year_by_activity"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["label"].as_str().unwrap())
        .collect();
    assert_eq!(
        labels,
        vec![
            "Обучающая",
            "Консультационная",
            "Экспертная",
            "Мониторинговая",
            "Информационная"
        ]
    );
    assert_eq!(
        before["sessions_this_month_by_activity"]
            .as_array()
            .unwrap()
            .len(),
        5
    );
    assert!(before["quarter"].as_str().unwrap().contains("четверть"));
    for (i, form) in ["seminar", "training", "trial_diagnostic", "round_table"]
        .iter()
        .enumerate()
    {
        let slot = 2 + 2 * i as i64;
        plan_session(
            &app,
            &tutor,
            remote_session(form, "Занятие", slot, slot + 1),
        )
        .await;
    }
    let after = app.get("/api/v1/dashboard", &coord).await.ok(200);
    let (b, a) = (
        by_activity(&before, "sessions_this_year_by_activity"),
        by_activity(&after, "sessions_this_year_by_activity"),
    );
    let delta: Vec<(String, i64)> = a
        .iter()
        .zip(b.iter())
        .map(|((k, x), (_, y))| (k.clone(), x - y))
        .collect();
    let want: Vec<(String, i64)> = [
        ("teaching", 2),
        ("consulting", 0),
        ("expert", 0),
        ("monitoring", 1),
        ("informational", 1),
    ]
    .iter()
    .map(|(k, n)| (k.to_string(), *n))
    .collect();
    assert_eq!(delta, want);
}
