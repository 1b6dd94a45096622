//! Room conflicts: one room however it is typed; rooms of two different consultation
//! points are different rooms.

use super::new_point;
use crate::common::*;
use serde_json::{json, Value};

#[actix_web::test]
async fn a_room_clashes_however_it_is_typed_but_not_across_two_points() {
    let app = TestApp::new().await;
    let coord = app.login(COORDINATOR).await;
    let (m, _) = app.municipalities(&coord).await.remove(0);
    let mut tutors = Vec::new();
    for i in 0..3 {
        let email = format!("rooms{i}@tutornet.local");
        composition_tutor(&app, &coord, &m, &email, &format!("Комнатова Анна {i}")).await;
        tutors.push(app.login(&email).await);
    }
    let p1 = new_point(&app, &coord, &m, "Пункт при ИМЦ").await;
    let p2 = new_point(&app, &coord, &m, "Пункт при СОШ № 5").await;
    let body = |place: &str, point: &Value| {
        json!({"form": "master_class", "title": format!("Семинар в «{place}»"), "format": "in_person",
               "place": place, "consultation_point_id": point["id"], "audience": "teachers",
               "starts_at": at(30), "ends_at": at(32)})
    };
    let first = plan_session(&app, &tutors[0], body("ИМЦ, каб. 5", &p1)).await;

    // The same room typed another way is taken.
    let r = app
        .post("/api/v1/sessions", &tutors[1], body("имц кабинет 5", &p1))
        .await;
    assert_eq!((r.status, r.code()), (409, "room_conflict"), "{}", r.body);
    assert_eq!(r.body["conflict_id"], first["id"]);
    assert!(r.body["detail"].as_str().unwrap().contains("ИМЦ, каб. 5"));
    // Another room of the same point is free.
    let r = app
        .post("/api/v1/sessions", &tutors[1], body("ИМЦ, каб. 6", &p1))
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    // «каб. 5» of another point is another building's room.
    let r = app
        .post("/api/v1/sessions", &tutors[2], body("каб. 5", &p2))
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
}
