//! `GET /composition/export.xlsx` and `.docx`, read back through the import.

use super::*;
use serde_json::json;

#[actix_web::test]
async fn export_xlsx_and_docx_of_the_approved_composition() {
    let app = TestApp::new().await;
    let coord = app.login(COORDINATOR).await;
    let (status, ct, bytes) = get_raw(&app, "/api/v1/composition/export.xlsx", &coord).await;
    assert_eq!(status, 200);
    assert_eq!(ct, XLSX);
    assert!(bytes.len() > 1000 && bytes.starts_with(b"PK"));
    let (status, ct, docx) = get_raw(&app, "/api/v1/composition/export.docx", &coord).await;
    assert_eq!(status, 200);
    assert_eq!(ct, DOCX);
    assert!(docx.len() > 1000 && docx.starts_with(b"PK"));

    // The export reads back through the import: the same appendix layout, the four
    // approved demo members (not the nominated one), by subject then name.
    let admin = app.login(ADMIN).await;
    let m = new_municipality(&app, &admin, "Проверочный район").await;
    let p = app
        .post(
            "/api/v1/composition/import/preview",
            &admin,
            json!({"municipality_id": m, "format": "xlsx",
                   "content": base64::engine::general_purpose::STANDARD.encode(&bytes)}),
        )
        .await
        .ok(200);
    let subjects: Vec<&str> = p["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["subject_text"].as_str().unwrap())
        .collect();
    assert_eq!(
        subjects,
        vec!["История", "Математика", "Русский язык", "Физика"]
    );
    assert_eq!(p["rows"][1]["full_name"], "Кедров Алексей Павлович");
    assert_eq!(p["rows"][1]["position"], "учитель математики");
    assert_eq!(p["error_rows"], 0);

    // Before the approving order nobody was approved; a foreign municipality is hidden.
    let (status, _, _) = get_raw(
        &app,
        "/api/v1/composition/export.xlsx?on_date=2026-08-31",
        &coord,
    )
    .await;
    assert_eq!(status, 200);
    let foreign = municipality_by_name(&app, &admin, "Приреченский").await;
    let (status, _, _) = get_raw(
        &app,
        &format!("/api/v1/composition/export.docx?municipality_id={foreign}"),
        &coord,
    )
    .await;
    assert_eq!(status, 404);
}
