use super::*;

/// A meeting's attachments: the organiser adds a DOCX (a file named .docx that is not
/// one is refused), the invited tutor downloads it, a teacher who is not invited cannot,
/// nobody but the organiser adds one, and after signing the list no longer changes.
#[actix_web::test]
async fn attachments_are_seen_with_the_meeting_and_frozen_by_signing() {
    let app = TestApp::new().await;
    let coord = app.login(COORDINATOR).await;
    let tutor = app.login(TUTOR).await;
    let teacher = app.login(TEACHER).await;
    let m = held(&app, "2026-11-20", "Совещание с презентацией").await;
    let name: String = "Презентация.docx"
        .bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect();
    let url = format!("{}/files?name={name}", path(&m));
    let docx = tutornet_api::features::library::demo::docx(&["Презентация к совещанию"]);
    let (st, f) = upload(
        &app,
        "POST",
        &url,
        &coord,
        "application/octet-stream",
        docx.clone(),
    )
    .await;
    assert_eq!(st, 201, "{f}");
    let (st, bad) = upload(
        &app,
        "POST",
        &url,
        &coord,
        "application/octet-stream",
        b"not a document".to_vec(),
    )
    .await;
    assert_eq!(st, 422, "{bad}");
    assert_eq!(bad["errors"][0]["field"], "file");
    let (st, _) = upload(
        &app,
        "POST",
        &url,
        &tutor,
        "application/octet-stream",
        docx.clone(),
    )
    .await;
    assert_eq!(st, 403);
    let listed = app.get(&path(&m), &tutor).await.ok(200);
    assert_eq!(listed["files"].as_array().unwrap().len(), 1);
    assert_eq!(listed["files"][0]["file_name"], "Презентация.docx");
    let file_url = f["url"].as_str().unwrap();
    let (st, _, bytes) = download(&app, file_url, &tutor).await;
    assert_eq!((st, bytes == docx), (200, true));
    let (st, _, _) = download(&app, file_url, &teacher).await;
    assert_eq!(st, 404);
    // Signed: the attachments are part of the protocol now.
    let m = app.get(&path(&m), &coord).await.ok(200);
    app.post(
        &format!("{}/transitions", path(&m)),
        &coord,
        json!({"action": "sign", "version": m["version"]}),
    )
    .await
    .ok(200);
    let (st, _) = upload(&app, "POST", &url, &coord, "application/octet-stream", docx).await;
    assert_eq!(st, 409);
}
