//! The audit log speaks Russian: labels of actions, entities and fields, and names of the
//! records instead of their ids.

use crate::common::*;
use serde_json::{json, Value};
use tutornet_domain::audit::{field_label_ru, AuditEntity};

#[actix_web::test]
async fn request_and_session_entries_show_names_and_russian_labels() {
    let app = TestApp::new().await;
    let coord = app.login(COORDINATOR).await;
    let teacher = app.login(TEACHER).await;
    let tutor = app.login(TUTOR).await;
    let math = subject_id(&app, &teacher, "Математика").await;
    let r = file_request(&app, &teacher, &math).await;
    let s = plan_session(
        &app,
        &tutor,
        json!({"form": "group_consultation", "title": "Разбор заданий ВПР", "format": "in_person",
               "place": "ИМЦ", "audience": "teachers", "starts_at": at(30), "ends_at": at(31)}),
    )
    .await;

    let log = audit_of(&app, &coord, r["id"].as_str().unwrap()).await;
    let e = &items(&log)[0];
    assert_eq!(e["entity_label"], "заявка");
    assert_eq!(e["action_label"], "создание");
    assert_eq!(
        e["entity_name"],
        "Формирующее оценивание на уроках математики"
    );

    let log = audit_of(&app, &coord, s["id"].as_str().unwrap()).await;
    let e = &items(&log)[0];
    assert_eq!(e["entity_label"], "занятие");
    let name = e["entity_name"].as_str().unwrap();
    let when = crate::notifications::texts::local(&app, &coord, &s["starts_at"]).await;
    assert_eq!(name, format!("Разбор заданий ВПР, {when}"));

    // Every field of every entry has its Russian label, and every entry its name.
    let all = app.get("/api/v1/audit?limit=200", &coord).await.ok(200);
    assert!(!items(&all).is_empty());
    let mut missing = std::collections::BTreeSet::new();
    for e in items(&all) {
        assert_ne!(e["entity_label"], e["entity"], "{e}");
        assert_ne!(e["action_label"], e["action"], "{e}");
        for snapshot in [&e["before"], &e["after"]] {
            if let Value::Object(m) = snapshot {
                for k in m.keys().filter(|k| field_label_ru(k) == k.as_str()) {
                    missing.insert(format!("{}.{k}", e["entity"].as_str().unwrap_or("")));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "fields without a Russian label: {missing:?}"
    );
}

#[test]
fn every_entity_has_a_russian_label() {
    for e in AuditEntity::ALL {
        assert_ne!(e.label_ru(), e.as_str());
        assert!(
            e.label_ru().chars().any(|c| ('а'..='я').contains(&c)),
            "{e:?}"
        );
    }
}
