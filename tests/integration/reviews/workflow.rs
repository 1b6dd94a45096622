//! The done-when path: a teacher submits a КТП with its file, the coordinator assigns an
//! expert from another school, the expert fills the checklist and returns it, the
//! teacher resubmits, the expert accepts, signs the conclusion, and the DOCX reads back
//! in both renderings; the coordinator sees reviews per school.

use super::*;
use serde_json::json;

#[actix_web::test]
async fn ktp_from_submission_to_signed_conclusion() {
    let app = TestApp::new().await;
    let teacher = app.login(TEACHER).await;
    let coord = app.login(COORDINATOR).await;

    // 1. Submitted, with the checklist of the current КТП template (version 1).
    let r = submit_ktp(&app, &teacher, "КТП по алгебре, 7 класс").await;
    let id = r["id"].as_str().unwrap().to_string();
    assert_eq!(r["status"], "submitted");
    assert_eq!(r["template_version"], 1);
    assert_eq!(r["round"], 1);
    let d = detail(&app, &teacher, &id).await;
    assert!(d["criteria"].as_array().unwrap().len() >= 6);
    assert!(d["allowed_actions"].as_array().unwrap().is_empty());

    // The file's type is read from its content, whatever the browser says.
    let files = format!("/api/v1/reviews/{id}/files?name=ktp.pdf");
    let pdf = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n".to_vec();
    let (st, f) = upload(
        &app,
        "POST",
        &files,
        &teacher,
        "application/octet-stream",
        pdf,
    )
    .await;
    assert_eq!(st, 201, "{f}");
    assert_eq!(f["content_type"], "application/pdf");
    let exe = b"MZ\x90\x00\x03 pretending to be a pdf".to_vec();
    let (st, e) = upload(&app, "POST", &files, &teacher, "application/pdf", exe).await;
    assert_eq!(st, 422, "{e}");

    // 2. The coordinator assigns an expert who works in no school of the author's.
    let (expert_id, expert) = outside_expert(&app, "wf").await;
    let choices = app
        .get(&format!("/api/v1/reviews/{id}/experts"), &coord)
        .await
        .ok(200);
    let pick = choices
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["user_id"] == expert_id.as_str())
        .unwrap();
    assert_eq!(pick["same_school"], false);
    assert_eq!(
        app.get(&format!("/api/v1/reviews/{id}/experts"), &teacher)
            .await
            .status,
        403
    );
    let d = act(
        &app,
        &coord,
        &id,
        json!({"action": "assign", "expert_id": expert_id, "version": r["version"], "due_on": null}),
    )
    .await
    .ok(200);
    assert_eq!(d["review"]["status"], "assigned");
    assert!(d["review"]["due_on"].is_string());
    assert_eq!(d["review"]["same_school_confirmed"], false);

    // 3. The expert declares no conflict of interest and starts.
    let e = detail(&app, &expert, &id).await;
    assert_eq!(e["allowed_actions"], json!(["start"]));
    assert_eq!(e["files"].as_array().unwrap().len(), 1);
    let v = e["review"]["version"].clone();
    let no_decl = act(&app, &expert, &id, json!({"action": "start", "version": v})).await;
    assert_eq!(no_decl.status, 422);
    assert_eq!(no_decl.field_errors(), vec!["no_conflict"]);
    let d = act(
        &app,
        &expert,
        &id,
        json!({"action": "start", "no_conflict": true, "version": v}),
    )
    .await
    .ok(200);
    assert_eq!(d["review"]["status"], "in_review");
    assert!(d["review"]["no_conflict_declared_at"].is_string());
    assert_eq!(d["can_judge"], true);

    // 4. Verdicts: «не соответствует» needs a remark.
    let path = format!("/api/v1/reviews/{id}/verdicts");
    let code = d["criteria"][0]["code"].clone();
    let bare = app
        .put(
            &path,
            &expert,
            json!({"version": d["review"]["version"], "verdicts": [{"code": code, "verdict": "not_met", "remark": null}]}),
        )
        .await;
    assert_eq!(bare.status, 422);
    assert_eq!(bare.field_errors(), vec!["verdicts[0].remark"]);
    let d = app
        .put(
            &path,
            &expert,
            json!({"version": d["review"]["version"], "verdicts": verdicts(&d, true)}),
        )
        .await
        .ok(200);
    assert!(d["score"].as_i64().unwrap() < 100);

    // A critical criterion not met: no accept; the expert returns it for rework.
    let v = d["review"]["version"].clone();
    let accept = act(
        &app,
        &expert,
        &id,
        json!({"action": "accept", "version": v}),
    )
    .await;
    assert_eq!(accept.status, 422);
    assert_eq!(accept.body["errors"][0]["code"], "critical_not_met");
    let d = act(
        &app,
        &expert,
        &id,
        json!({"action": "return", "comment": "Сверьте темы с рабочей программой", "version": v}),
    )
    .await
    .ok(200);
    assert_eq!(d["review"]["status"], "returned");

    // 5. The teacher resubmits: a new round, the unmet criterion to check again.
    let teacher_put = app
        .put(
            &path,
            &teacher,
            json!({"version": d["review"]["version"], "verdicts": []}),
        )
        .await;
    assert_eq!(teacher_put.status, 403);
    let t = detail(&app, &teacher, &id).await;
    assert_eq!(t["allowed_actions"], json!(["resubmit"]));
    let d = act(
        &app,
        &teacher,
        &id,
        json!({"action": "resubmit", "comment": "Темы исправлены", "version": t["review"]["version"]}),
    )
    .await
    .ok(200);
    assert_eq!(d["review"]["status"], "resubmitted");
    assert_eq!(d["review"]["round"], 2);
    let rounds = d["rounds"].as_array().unwrap();
    assert_eq!(rounds.len(), 2);
    assert_eq!(rounds[1]["to_recheck"], json!([code]));
    assert_eq!(rounds[1]["author_comment"], "Темы исправлены");

    // 6. The expert starts round 2, marks the fixed criterion met: it shows as changed.
    let d = act(
        &app,
        &expert,
        &id,
        json!({"action": "start", "no_conflict": true, "version": d["review"]["version"]}),
    )
    .await
    .ok(200);
    let d = app
        .put(
            &path,
            &expert,
            json!({"version": d["review"]["version"], "verdicts": verdicts(&d, false)}),
        )
        .await
        .ok(200);
    assert_eq!(d["rounds"][1]["changed"], json!([code]));
    assert_eq!(d["score"], 100);
    let d = act(
        &app,
        &expert,
        &id,
        json!({"action": "accept", "version": d["review"]["version"]}),
    )
    .await
    .ok(200);
    assert_eq!(d["review"]["status"], "accepted");
    assert_eq!(d["can_conclude"], true);
    let draft = d["conclusion"]["text"].as_str().unwrap();
    assert!(draft.contains("рекомендуется к использованию"), "{draft}");

    // 7. The expert edits and signs the conclusion; private notes stay with the coordinator.
    let d = app
        .put(
            &format!("/api/v1/reviews/{id}/conclusion"),
            &expert,
            json!({"version": d["review"]["version"], "text": format!("{draft} Замечания устранены."),
                   "recommendations": "Добавить ЭОР к урокам повторения.",
                   "private_notes": "Автору нужна поддержка по оцениванию", "sign": true}),
        )
        .await
        .ok(200);
    assert!(d["review"]["signed_at"].is_string());
    assert_eq!(d["can_conclude"], false);
    let t = detail(&app, &teacher, &id).await;
    assert!(t["conclusion"]["private_notes"].is_null());
    let c = detail(&app, &coord, &id).await;
    assert_eq!(
        c["conclusion"]["private_notes"],
        "Автору нужна поддержка по оцениванию"
    );

    // 8. The DOCX, for the teacher and for the coordinator.
    let docx = format!("/api/v1/reviews/{id}/conclusion.docx");
    let (st, ct, bytes) = get_raw(&app, &docx, &teacher).await;
    assert_eq!(st, 200);
    assert!(ct.contains("wordprocessingml"), "{ct}");
    let (_, text) = docx_text(&bytes);
    for want in [
        "МОТИВИРОВАННОЕ ЗАКЛЮЧЕНИЕ",
        "КТП по алгебре, 7 класс",
        "Календарно-тематическое планирование (КТП)",
        "Принята",
        "Соответствует",
        "Замечания устранены.",
        "Добавить ЭОР к урокам повторения.",
        "Экспертова Нина wf",
    ] {
        assert!(text.contains(want), "{want} missing in:\n{text}");
    }
    assert!(!text.contains("поддержка по оцениванию"));
    let own = format!("{docx}?view=coordinator");
    assert_eq!(app.get(&own, &teacher).await.status, 403);
    let (st, _, bytes) = get_raw(&app, &own, &coord).await;
    assert_eq!(st, 200);
    assert!(docx_text(&bytes).1.contains("поддержка по оцениванию"));

    // 9. Per school, lists and the audit trail.
    let by = app.get("/api/v1/reviews/by-school", &coord).await.ok(200);
    let school = r["school_name"].as_str().unwrap();
    let row = by
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["school_name"] == school)
        .unwrap();
    // (The demo КТП of the same school is still in review.)
    assert_eq!(
        (row["accepted"].as_i64(), row["open"].as_i64()),
        (Some(1), Some(1))
    );
    let accepted = app
        .get("/api/v1/reviews?status=accepted", &coord)
        .await
        .ok(200);
    assert_eq!(accepted["total"], 1);
    let mine = app.get("/api/v1/reviews?mine=true", &expert).await.ok(200);
    assert_eq!(mine["total"], 1);
    let log = audit_of(&app, &coord, &id).await;
    let acts = actions(&log);
    for a in [
        "create",
        "assign",
        "start_review",
        "verdicts",
        "return_for_rework",
        "resubmit",
        "approve",
        "sign",
        "upload",
    ] {
        assert!(acts.iter().any(|x| x == a), "{a} not in {acts:?}");
    }
    // The author heard of each step in the inbox.
    let inbox = app.get("/api/v1/notifications", &teacher).await.ok(200);
    assert!(
        inbox.to_string().contains("Ход экспертизы") || inbox.to_string().contains("review_status"),
        "{inbox}"
    );
}

/// The text of a DOCX's body, paragraph by paragraph.
pub(super) fn docx_text(bytes: &[u8]) -> ((), String) {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    let mut text = String::new();
    for part in xml.split("<w:t").skip(1) {
        let Some(start) = part.find('>') else {
            continue;
        };
        let body = &part[start + 1..];
        if let Some(end) = body.find("</w:t>") {
            text.push_str(&body[..end].replace("&quot;", "\"").replace("&amp;", "&"));
        }
        if part.contains("</w:p>") {
            text.push('\n');
        }
    }
    ((), text)
}
