//! A request's documents (the work sent for an expert review): the requester attaches
//! them, the coordinator and the assigned tutor read them, others of the municipality do
//! not change them, and a closed request keeps them as they were.

use crate::common::*;
use serde_json::json;

#[actix_web::test]
async fn a_request_carries_its_documents_while_it_is_open() {
    let app = TestApp::new().await;
    let teacher = app.login(TEACHER).await;
    let coord = app.login(COORDINATOR).await;
    let tutor = app.login(TUTOR).await;
    let math = subject_id(&app, &teacher, "Математика").await;
    let r = file_request(&app, &teacher, &math).await;
    let id = r["id"].as_str().unwrap().to_string();
    let path = format!("/api/v1/requests/{id}/files?name=%D0%9A%D0%A2%D0%9F.docx");
    let docx = b"PK\x03\x04 lesson plan for a review".to_vec();
    let ct = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    // Wrong type is a field error; the requester attaches the document.
    let (s, b) = upload(
        &app,
        "POST",
        &path,
        &teacher,
        "application/x-msdownload",
        b"MZ".to_vec(),
    )
    .await;
    assert_eq!(
        (s, b["errors"][0]["field"].as_str()),
        (422, Some("file")),
        "{b}"
    );
    let (s, f) = upload(&app, "POST", &path, &teacher, ct, docx.clone()).await;
    assert_eq!(s, 201, "{f}");
    assert_eq!(f["file_name"], "КТП.docx");

    // The card lists it; the coordinator downloads the same bytes.
    let card = app
        .get(&format!("/api/v1/requests/{id}"), &coord)
        .await
        .ok(200);
    assert_eq!(card["files"].as_array().unwrap().len(), 1, "{card}");
    assert_eq!(card["files"][0]["id"], f["id"]);
    let (s, _, bytes) = download(&app, f["url"].as_str().unwrap(), &coord).await;
    assert_eq!((s, bytes), (200, docx.clone()));

    // A tutor not assigned to it does not change its documents.
    let (s, _) = upload(&app, "POST", &path, &tutor, ct, docx.clone()).await;
    assert!(s == 403 || s == 404, "an unassigned tutor got {s}");

    // The upload is in the request's audit trail.
    let audit = app.get("/api/v1/audit?limit=200", &coord).await.ok(200);
    assert!(
        audit["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["entity"] == "request"
                && e["entity_id"] == id.as_str()
                && e["action"] == "upload"),
        "no upload entry for the request"
    );

    // Declined: the documents stay, nothing more is attached or removed.
    step(
        &app,
        &coord,
        &id,
        json!({"action": "decline", "comment": "Нет тьютора по предмету", "version": 1}),
    )
    .await
    .ok(200);
    let (s, b) = upload(&app, "POST", &path, &teacher, ct, docx).await;
    assert_eq!(
        (s, b["code"].as_str()),
        (409, Some("invalid_transition")),
        "{b}"
    );
    let del = app.delete(f["url"].as_str().unwrap(), &teacher).await;
    assert_eq!(del.status, 409);
    let card = app
        .get(&format!("/api/v1/requests/{id}"), &teacher)
        .await
        .ok(200);
    assert_eq!(card["files"].as_array().unwrap().len(), 1);
}
