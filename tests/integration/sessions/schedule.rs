//! `POST`/`PUT /sessions`: tutor conflicts, the academic year, series, filters, cancel.

use crate::common::*;
use serde_json::json;

#[actix_web::test]
async fn schedule_conflicts_year_bounds_series_and_cancel() {
    let app = TestApp::new().await;
    let tutor = app.login(TUTOR).await;
    let coord = app.login(COORDINATOR).await;
    let base = json!({"form": "master_class", "title": "Мастер-класс: текстовые задачи", "format": "in_person", "place": "СОШ № 1, актовый зал", "audience": "teachers"});
    let with = |s: i64, e: i64| {
        let mut b = base.clone();
        b["starts_at"] = json!(at(s));
        b["ends_at"] = json!(at(e));
        b
    };
    let first = app
        .post("/api/v1/sessions", &tutor, with(24, 26))
        .await
        .ok(201);
    let fid = first[0]["id"].as_str().unwrap().to_string();
    // The same tutor, overlapping.
    let r = app.post("/api/v1/sessions", &tutor, with(25, 27)).await;
    assert_eq!(r.status, 409);
    assert_eq!(r.code(), "tutor_conflict");
    // The other session comes as a field; the text names it by title and local time.
    assert_eq!(r.body["conflict_id"], fid.as_str());
    let detail = r.body["detail"].as_str().unwrap();
    assert!(!detail.contains(&fid), "{detail}");
    assert!(
        detail.contains("«Мастер-класс: текстовые задачи»"),
        "{detail}"
    );
    // Outside the academic year.
    let mut far = with(24, 26);
    far["starts_at"] = json!("2030-01-10T10:00:00Z");
    far["ends_at"] = json!("2030-01-10T11:00:00Z");
    assert_eq!(
        app.post("/api/v1/sessions", &tutor, far)
            .await
            .field_errors(),
        vec!["starts_at"]
    );
    // Missing place for an in-person session; end before start.
    let mut bad = with(30, 29);
    bad["place"] = json!("");
    assert_eq!(
        app.post("/api/v1/sessions", &tutor, bad)
            .await
            .field_errors(),
        vec!["ends_at", "place"]
    );

    // A weekly series of three; one occurrence edited alone.
    let mut series = with(48, 49);
    series["place"] = json!("ИМЦ, каб. 5");
    series["recurrence"] = json!("weekly");
    let until = &at(48 + 24 * 15)[..10];
    series["repeat_until"] = json!(until);
    let made = app
        .post("/api/v1/sessions", &tutor, series.clone())
        .await
        .ok(201);
    let made = made.as_array().unwrap();
    assert_eq!(made.len(), 3);
    assert!(made
        .iter()
        .all(|s| s["series_id"] == made[0]["series_id"] && s["series_id"].is_string()));
    let second = made[1].clone();
    let mut edit = series.clone();
    edit.as_object_mut().unwrap().remove("recurrence");
    edit.as_object_mut().unwrap().remove("repeat_until");
    edit["title"] = json!("Мастер-класс (перенесён)");
    edit["starts_at"] = second["starts_at"].clone();
    edit["ends_at"] = second["ends_at"].clone();
    edit["version"] = second["version"].clone();
    let edited = app
        .put(
            &format!("/api/v1/sessions/{}", second["id"].as_str().unwrap()),
            &tutor,
            edit,
        )
        .await
        .ok(200);
    assert_eq!(edited["title"], "Мастер-класс (перенесён)");
    assert_eq!(
        app.get(
            &format!("/api/v1/sessions/{}", made[2]["id"].as_str().unwrap()),
            &tutor
        )
        .await
        .ok(200)["title"],
        "Мастер-класс: текстовые задачи"
    );

    // Filters: mine, form.
    let mine = app
        .get("/api/v1/sessions?mine=true&form=master_class", &tutor)
        .await
        .ok(200);
    assert_eq!(mine["total"], 4);
    // Cancel needs a reason; then the slot is free again.
    let r = app
        .post(
            &format!("/api/v1/sessions/{fid}/cancel"),
            &coord,
            json!({"reason": " ", "version": 1}),
        )
        .await;
    assert_eq!(r.field_errors(), vec!["reason"]);
    let c = app
        .post(
            &format!("/api/v1/sessions/{fid}/cancel"),
            &coord,
            json!({"reason": "Карантин в школе", "version": 1}),
        )
        .await
        .ok(200);
    assert_eq!(c["status"], "cancelled");
    app.post("/api/v1/sessions", &tutor, with(25, 27))
        .await
        .ok(201);
    // Logging a future session is refused.
    let future = &made[2];
    let r = app
        .post(
            &format!("/api/v1/sessions/{}/log", future["id"].as_str().unwrap()),
            &tutor,
            json!({"outcome": "x", "version": future["version"]}),
        )
        .await;
    assert_eq!(r.status, 422);
    // A teacher cannot plan sessions.
    let teacher = app.login(TEACHER).await;
    assert_eq!(
        app.post("/api/v1/sessions", &teacher, with(60, 61))
            .await
            .status,
        403
    );
}
