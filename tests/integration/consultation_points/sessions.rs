//! A session held at a consultation point: shown on the session, filterable in the
//! list; a point of another municipality or an archived one is refused.

use super::new_point;
use crate::common::*;
use serde_json::json;

#[actix_web::test]
async fn sessions_are_held_at_a_point_of_their_municipality() {
    let app = TestApp::new().await;
    let coord = app.login(COORDINATOR).await;
    let tutor = app.login(TUTOR).await;
    let admin = app.login(ADMIN).await;
    let ms = app.municipalities(&admin).await;
    let (m, foreign_m) = (ms[0].0.clone(), ms[1].0.clone());
    let p = new_point(&app, &coord, &m, "Пункт при ИМЦ").await;
    let pid = p["id"].as_str().unwrap();

    let mut body = remote_session("group_consultation", "Разбор заданий ОГЭ", 50, 51);
    body["consultation_point_id"] = json!(pid);
    let s = plan_session(&app, &tutor, body).await;
    assert_eq!(s["consultation_point_id"], pid);
    assert_eq!(s["consultation_point_name"], "Пункт при ИМЦ");
    let sid = s["id"].as_str().unwrap();
    let card = app
        .get(&format!("/api/v1/sessions/{sid}"), &tutor)
        .await
        .ok(200);
    assert_eq!(card["consultation_point_name"], "Пункт при ИМЦ");
    plan_session(
        &app,
        &tutor,
        remote_session("tutorial", "Без пункта", 53, 54),
    )
    .await;

    // The list filtered by the point has only its session.
    let list = app
        .get(
            &format!("/api/v1/sessions?consultation_point_id={pid}"),
            &coord,
        )
        .await
        .ok(200);
    let titles: Vec<&str> = items(&list)
        .iter()
        .map(|x| x["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, vec!["Разбор заданий ОГЭ"]);

    // A point of another municipality is refused on the field.
    let far = new_point(&app, &admin, &foreign_m, "Чужой пункт").await;
    let mut body = remote_session("tutorial", "Чужой пункт", 56, 57);
    body["consultation_point_id"] = far["id"].clone();
    let r = app.post("/api/v1/sessions", &tutor, body).await;
    assert_eq!(r.status, 422);
    assert_eq!(r.field_errors(), vec!["consultation_point_id"]);

    // Moved off the point by an edit; an archived point takes no new sessions.
    let mut e = json!({"form": s["form"], "title": s["title"], "starts_at": s["starts_at"],
                       "ends_at": s["ends_at"], "format": s["format"], "online_link": s["online_link"],
                       "audience": s["audience"], "version": s["version"]});
    let edited = app
        .put(&format!("/api/v1/sessions/{sid}"), &tutor, e.clone())
        .await
        .ok(200);
    assert!(edited["consultation_point_id"].is_null());
    app.delete(&format!("/api/v1/consultation-points/{pid}"), &coord)
        .await
        .ok(200);
    e["version"] = edited["version"].clone();
    e["consultation_point_id"] = json!(pid);
    let r = app.put(&format!("/api/v1/sessions/{sid}"), &tutor, e).await;
    assert_eq!(r.field_errors(), vec!["consultation_point_id"]);
}
