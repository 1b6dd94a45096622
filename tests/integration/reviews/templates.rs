//! Checklist templates: the seeded version 1, a coordinator's edit makes version 2,
//! reviews keep the checklist they took, and a stale edit is refused.

use super::*;
use serde_json::json;

#[actix_web::test]
async fn an_edit_is_a_new_version_and_reviews_keep_their_snapshot() {
    let app = TestApp::new().await;
    let teacher = app.login(TEACHER).await;
    let coord = app.login(COORDINATOR).await;
    let all = app.get("/api/v1/review-templates", &teacher).await.ok(200);
    assert_eq!(all.as_array().unwrap().len(), 5);
    let t = app
        .get("/api/v1/review-templates/work_programme", &coord)
        .await
        .ok(200);
    assert_eq!(t["version"], 1);
    let titles = t["criteria"].to_string();
    assert!(titles.contains("Планируемые результаты"), "{titles}");
    assert!(titles.contains("программы воспитания"), "{titles}");
    assert_eq!(
        app.get("/api/v1/review-templates/essay", &coord)
            .await
            .status,
        404
    );

    let before = submit_ktp(&app, &teacher, "КТП до правки").await;
    let ktp = app
        .get("/api/v1/review-templates/ktp", &coord)
        .await
        .ok(200);
    let n = ktp["criteria"].as_array().unwrap().len();
    let mut criteria = ktp["criteria"].as_array().unwrap().clone();
    criteria.push(json!({"code": "local", "title": "Соответствие положению о КТП школы", "hint": "Форма по локальному акту",
                         "basis": "Положение о рабочей программе ОО", "weight": 1, "critical": false, "comment_bank": []}));
    let edit = json!({"version": 1, "criteria": criteria});
    assert_eq!(
        app.put("/api/v1/review-templates/ktp", &teacher, edit.clone())
            .await
            .status,
        403
    );
    let v2 = app
        .put("/api/v1/review-templates/ktp", &coord, edit.clone())
        .await
        .ok(200);
    assert_eq!(v2["version"], 2);
    assert_eq!(v2["criteria"].as_array().unwrap().len(), n + 1);
    let stale = app.put("/api/v1/review-templates/ktp", &coord, edit).await;
    assert_eq!((stale.status, stale.code()), (409, "version_conflict"));
    let bad = app
        .put("/api/v1/review-templates/ktp", &coord,
             json!({"version": 2, "criteria": [{"code": "a", "title": "A", "hint": "", "basis": "", "weight": 0, "critical": false}]}))
        .await;
    assert_eq!(bad.status, 422);
    assert_eq!(bad.field_errors(), vec!["criteria[0].weight"]);

    // The review submitted before keeps version 1; a new one takes version 2.
    let old = detail(&app, &teacher, before["id"].as_str().unwrap()).await;
    assert_eq!(old["review"]["template_version"], 1);
    assert_eq!(old["criteria"].as_array().unwrap().len(), n);
    let after = submit_ktp(&app, &teacher, "КТП после правки").await;
    let new = detail(&app, &teacher, after["id"].as_str().unwrap()).await;
    assert_eq!(new["review"]["template_version"], 2);
    assert_eq!(new["criteria"].as_array().unwrap().len(), n + 1);
    let log = app
        .get("/api/v1/audit?entity=review_template", &coord)
        .await
        .ok(200);
    assert_eq!(items(&log).len(), 1);
}
