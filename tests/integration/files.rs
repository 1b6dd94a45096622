//! Uploaded files: an order's scan and a session's materials, scoped like their records.

use crate::common::*;
use serde_json::json;

#[actix_web::test]
async fn order_scan_upload_download_replace() {
    let app = TestApp::new().await;
    let coord = app.login(COORDINATOR).await;
    let orders = app.get("/api/v1/composition/orders", &coord).await.ok(200);
    let oid = orders["items"][0]["id"].as_str().unwrap().to_string();
    let pdf = b"%PDF-1.4\n% scan of the order\n%%EOF\n".to_vec();
    let path = format!(
        "/api/v1/composition/orders/{oid}/file?name=%D0%9F%D1%80%D0%B8%D0%BA%D0%B0%D0%B7.pdf"
    );

    // Only the coordinator of the municipality (or the admin) uploads.
    let teacher = app.login(TEACHER).await;
    assert_eq!(
        upload(&app, "PUT", &path, &teacher, "application/pdf", pdf.clone())
            .await
            .0,
        403
    );
    // Wrong type, empty file, too large.
    let (s, b) = upload(
        &app,
        "PUT",
        &path,
        &coord,
        "application/x-msdownload",
        b"MZ".to_vec(),
    )
    .await;
    assert_eq!((s, b["errors"][0]["field"].as_str()), (422, Some("file")));
    assert_eq!(
        upload(&app, "PUT", &path, &coord, "application/pdf", vec![])
            .await
            .0,
        422
    );
    let huge = vec![b'x'; tutornet_domain::files::MAX_FILE_BYTES + 1];
    let (s, b) = upload(&app, "PUT", &path, &coord, "application/pdf", huge).await;
    assert_eq!(s, 413, "{b}");

    let (s, f) = upload(&app, "PUT", &path, &coord, "application/pdf", pdf.clone()).await;
    assert_eq!(s, 200, "{f}");
    assert_eq!(f["file_name"], "Приказ.pdf");
    assert_eq!(f["size_bytes"], pdf.len());
    let order = app
        .get(&format!("/api/v1/composition/orders/{oid}"), &coord)
        .await
        .ok(200);
    assert_eq!(order["file_name"], "Приказ.pdf");
    assert_eq!(order["file"]["id"], f["id"]);
    // Everyone of the municipality may read the composition, and so the scan.
    let (s, ct, bytes) = download(&app, f["url"].as_str().unwrap(), &teacher).await;
    assert_eq!(
        (s, ct.as_str(), bytes),
        (200, "application/pdf", pdf.clone())
    );
    // A coordinator of another municipality may not.
    let admin = app.login(ADMIN).await;
    let ms = app.municipalities(&admin).await;
    app.post("/api/v1/users", &admin, json!({"email": "far@x.ru", "full_name": "Дальний Координатор", "role": "coordinator", "municipality_id": ms[1].0, "password": PASSWORD})).await.ok(201);
    let far = app.login("far@x.ru").await;
    assert_eq!(
        download(&app, f["url"].as_str().unwrap(), &far).await.0,
        404
    );

    // Replacing archives the old scan.
    let (s, f2) = upload(
        &app,
        "PUT",
        &path,
        &coord,
        "image/png",
        b"\x89PNG....".to_vec(),
    )
    .await;
    assert_eq!(s, 200);
    assert_eq!(
        download(&app, f["url"].as_str().unwrap(), &coord).await.0,
        404
    );
    assert_eq!(
        download(&app, f2["url"].as_str().unwrap(), &coord).await.1,
        "image/png"
    );
    assert_eq!(
        app.delete(f2["url"].as_str().unwrap(), &teacher)
            .await
            .status,
        403
    );
    assert_eq!(
        app.delete(f2["url"].as_str().unwrap(), &coord).await.status,
        204
    );
    assert!(app
        .get(&format!("/api/v1/composition/orders/{oid}"), &coord)
        .await
        .ok(200)["file"]
        .is_null());
}

#[actix_web::test]
async fn session_materials() {
    let app = TestApp::new().await;
    let tutor = app.login(TUTOR).await;
    let teacher = app.login(TEACHER).await;
    let s = app
        .post("/api/v1/sessions", &tutor, json!({"form": "tutorial", "title": "Тьюториал с материалами", "starts_at": at(20), "ends_at": at(21), "format": "remote", "online_link": "https://meet.example/m", "audience": "teachers"}))
        .await
        .ok(201);
    let sid = s[0]["id"].as_str().unwrap();
    let path = format!("/api/v1/sessions/{sid}/files?name=checklist.docx");
    let docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    assert_eq!(
        upload(
            &app,
            "POST",
            &path,
            &teacher,
            docx,
            b"PK\x03\x04docx".to_vec()
        )
        .await
        .0,
        403
    );
    let (st, f) = upload(
        &app,
        "POST",
        &path,
        &tutor,
        docx,
        b"PK\x03\x04docx".to_vec(),
    )
    .await;
    assert_eq!(st, 201, "{f}");
    let detail = app
        .get(&format!("/api/v1/sessions/{sid}"), &teacher)
        .await
        .ok(200);
    assert_eq!(detail["files"][0]["file_name"], "checklist.docx");
    let (s2, ct, bytes) = download(&app, f["url"].as_str().unwrap(), &teacher).await;
    assert_eq!(
        (s2, ct.as_str(), bytes.as_slice()),
        (200, docx, &b"PK\x03\x04docx"[..])
    );
    assert_eq!(
        app.call("GET", f["url"].as_str().unwrap(), None, None)
            .await
            .status,
        401
    );
}
