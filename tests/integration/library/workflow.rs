//! Moderation end to end: a draft only its author and the moderator see → submit (a
//! file or link needed) → returned with a remark next to a field → fixed and resubmitted
//! → published; a new version in work while the published one stays public, with its own
//! files; unpublish with a reason; reports; a trusted author publishes directly.

use super::*;
use serde_json::json;

#[actix_web::test]
async fn draft_review_return_resubmit_publish_new_version_unpublish() {
    let app = TestApp::new().await;
    let tutor = app.login(TUTOR).await;
    let coord = app.login(COORDINATOR).await;
    let teacher = other_teacher(&app, "wf").await;

    let d = create(
        &app,
        &tutor,
        material("Пособие по дробям", "Черновик пособия", "municipality"),
    )
    .await;
    let id = d["item"]["id"].as_str().unwrap().to_string();
    assert_eq!(d["item"]["status"], "draft");
    assert_eq!(d["allowed_actions"], json!(["submit"]));
    // A teacher never sees someone else's draft; the coordinator does.
    assert_eq!(
        app.get(&format!("/api/v1/library/{id}"), &teacher)
            .await
            .status,
        404
    );
    detail(&app, &coord, &id).await;

    // Nothing to use yet: submit refused.
    let r = act(
        &app,
        &tutor,
        &id,
        json!({"action": "submit", "version": d["item"]["version"]}),
    )
    .await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert_eq!(r.field_errors(), vec!["files"]);
    let (st, f) = upload_docx(
        &app,
        &tutor,
        &id,
        "posobie.docx",
        &["Сложение дробей с разными знаменателями"],
    )
    .await;
    assert_eq!(st, 201, "{f}");
    assert!(f["content_type"]
        .as_str()
        .unwrap()
        .contains("wordprocessingml"));
    let file_url = f["url"].as_str().unwrap().to_string();
    let (st, _) = upload(
        &app,
        "POST",
        &format!("/api/v1/library/{id}/files?name=x.exe"),
        &tutor,
        "application/pdf",
        b"MZ\x90\x00 no".to_vec(),
    )
    .await;
    assert_eq!(st, 422);

    let d = detail(&app, &tutor, &id).await;
    let d = act(
        &app,
        &tutor,
        &id,
        json!({"action": "submit", "version": d["item"]["version"]}),
    )
    .await
    .ok(200);
    assert_eq!(d["item"]["status"], "on_review");
    assert!(
        d["allowed_actions"].as_array().unwrap().is_empty(),
        "the author waits"
    );
    // No edits while on review.
    let mut edit = material("Пособие по дробям", "Черновик", "municipality");
    edit["version"] = d["item"]["version"].clone();
    assert_eq!(
        app.put(&format!("/api/v1/library/{id}"), &tutor, edit)
            .await
            .status,
        409
    );
    // The queue shows it to the coordinator, not to the tutor.
    let q = app.get("/api/v1/library/queue", &coord).await.ok(200);
    assert!(q.as_array().unwrap().iter().any(|i| i["id"] == id.as_str()));
    assert_eq!(app.get("/api/v1/library/queue", &tutor).await.status, 403);

    // Returned with a remark next to the title; a return needs words.
    let c = detail(&app, &coord, &id).await;
    assert_eq!(c["allowed_actions"], json!(["publish", "return"]));
    let v = c["item"]["version"].clone();
    let r = act(&app, &coord, &id, json!({"action": "return", "version": v})).await;
    assert_eq!(r.status, 422);
    let d = act(&app, &coord, &id, json!({"action": "return", "version": v, "remarks": [{"field": "title", "remark": "Укажите класс в названии"}]})).await.ok(200);
    assert_eq!(d["item"]["status"], "returned");
    let mine = detail(&app, &tutor, &id).await;
    assert_eq!(mine["shown"]["remarks"][0]["field"], "title");
    assert_eq!(mine["allowed_actions"], json!(["resubmit"]));

    // Fixed in place (same version number), resubmitted, published.
    let mut fix = material(
        "Пособие по дробям, 6 класс",
        "Пособие для учителей",
        "municipality",
    );
    fix["version"] = mine["item"]["version"].clone();
    let d = app
        .put(&format!("/api/v1/library/{id}"), &tutor, fix)
        .await
        .ok(200);
    assert_eq!(d["item"]["current_version"], 1);
    let d = act(&app, &tutor, &id, json!({"action": "resubmit", "version": d["item"]["version"], "comment": "Название исправлено"})).await.ok(200);
    assert_eq!(d["item"]["status"], "resubmitted");
    let d = act(
        &app,
        &coord,
        &id,
        json!({"action": "publish", "version": d["item"]["version"]}),
    )
    .await
    .ok(200);
    assert_eq!(d["item"]["status"], "published");
    assert_eq!(d["item"]["published_version"], 1);

    // The teacher sees and downloads it; views and downloads are counted.
    let t = detail(&app, &teacher, &id).await;
    assert_eq!(t["shown"]["title"], "Пособие по дробям, 6 класс");
    assert!(
        t["history"].as_array().unwrap().is_empty(),
        "moderation is not public"
    );
    let (st, _, bytes) = download(&app, &file_url, &teacher).await;
    assert_eq!(st, 200);
    assert!(bytes.starts_with(b"PK"));
    let c = detail(&app, &coord, &id).await;
    assert_eq!(c["item"]["downloads"], 1);
    assert!(c["item"]["views"].as_i64().unwrap() >= 2);

    // A new version: the published one stays public; its new file is not.
    let mut v2 = material(
        "Пособие по дробям, 6 класс (2-е изд.)",
        "Дополнено",
        "municipality",
    );
    v2["version"] = c["item"]["version"].clone();
    let d = app
        .put(&format!("/api/v1/library/{id}"), &tutor, v2)
        .await
        .ok(200);
    assert_eq!(d["item"]["current_version"], 2);
    assert_eq!(d["item"]["status"], "draft");
    assert_eq!(d["published"]["number"], 1);
    let (st, f2) = upload_docx(&app, &tutor, &id, "dop.docx", &["Дополнительные задания"]).await;
    assert_eq!(st, 201);
    let t = detail(&app, &teacher, &id).await;
    assert_eq!(t["shown"]["number"], 1);
    assert_eq!(t["shown"]["title"], "Пособие по дробям, 6 класс");
    assert_eq!(t["shown"]["files"].as_array().unwrap().len(), 1);
    let (st, _, _) = download(&app, f2["url"].as_str().unwrap(), &teacher).await;
    assert_eq!(st, 404, "a file of the version in work is not public");
    let d = detail(&app, &tutor, &id).await;
    let d = act(
        &app,
        &tutor,
        &id,
        json!({"action": "submit", "version": d["item"]["version"]}),
    )
    .await
    .ok(200);
    assert_eq!(
        detail(&app, &teacher, &id).await["shown"]["number"],
        1,
        "still public while in review"
    );
    act(
        &app,
        &coord,
        &id,
        json!({"action": "publish", "version": d["item"]["version"]}),
    )
    .await
    .ok(200);
    let t = detail(&app, &teacher, &id).await;
    assert_eq!(t["shown"]["number"], 2);
    assert_eq!(t["versions"].as_array().unwrap().len(), 1);
    assert_eq!(
        detail(&app, &tutor, &id).await["versions"]
            .as_array()
            .unwrap()
            .len(),
        2
    );

    // Reported by the teacher; the coordinator unpublishes with a reason.
    let r = app
        .post(
            &format!("/api/v1/library/{id}/reports"),
            &teacher,
            json!({"reason": "Ошибка в ответах"}),
        )
        .await
        .ok(200);
    assert!(
        r["reports"].as_array().unwrap().is_empty(),
        "reports are for moderators"
    );
    let c = detail(&app, &coord, &id).await;
    assert_eq!(c["reports"][0]["reason"], "Ошибка в ответах");
    assert_eq!(c["item"]["open_reports"], 1);
    let v = c["item"]["version"].clone();
    assert_eq!(
        act(
            &app,
            &coord,
            &id,
            json!({"action": "unpublish", "version": v})
        )
        .await
        .status,
        422
    );
    let d = act(
        &app,
        &coord,
        &id,
        json!({"action": "unpublish", "version": v, "comment": "Ошибки в ответах"}),
    )
    .await
    .ok(200);
    assert_eq!(d["item"]["status"], "unpublished");
    assert_eq!(d["item"]["published_version"], Value::Null);
    assert_eq!(
        app.get(&format!("/api/v1/library/{id}"), &teacher)
            .await
            .status,
        404
    );
    let h: Vec<String> = d["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        h,
        vec![
            "create",
            "submit",
            "return",
            "resubmit",
            "publish",
            "new_version",
            "submit",
            "publish",
            "report",
            "unpublish"
        ]
    );
    // Audited.
    let audit = app
        .get(
            &format!("/api/v1/audit?entity=library_item&entity_id={id}&limit=200"),
            &coord,
        )
        .await
        .ok(200);
    assert!(audit["items"].as_array().unwrap().len() >= 10, "{audit}");
}

#[actix_web::test]
async fn a_trusted_author_publishes_directly() {
    let app = TestApp::new().await;
    let tutor = app.login(TUTOR).await;
    let coord = app.login(COORDINATOR).await;
    let tutor_id = app.me(&tutor).await["id"].as_str().unwrap().to_string();
    let d = create(
        &app,
        &tutor,
        material("Кейс наставничества", "Опыт школы", "region"),
    )
    .await;
    let id = d["item"]["id"].as_str().unwrap().to_string();
    upload_docx(&app, &tutor, &id, "case.docx", &["Кейс"]).await;
    let v = detail(&app, &tutor, &id).await["item"]["version"].clone();
    assert_eq!(
        act(
            &app,
            &tutor,
            &id,
            json!({"action": "publish", "version": v})
        )
        .await
        .status,
        403
    );
    let path = format!("/api/v1/library/trusted-authors/{tutor_id}");
    assert_eq!(
        app.put(&path, &tutor, json!({"trusted": true}))
            .await
            .status,
        403
    );
    app.put(&path, &coord, json!({"trusted": true}))
        .await
        .ok(200);
    let d = detail(&app, &tutor, &id).await;
    assert!(d["owner_trusted"].as_bool().unwrap());
    assert_eq!(d["allowed_actions"], json!(["submit", "publish"]));
    let d = act(
        &app,
        &tutor,
        &id,
        json!({"action": "publish", "version": v}),
    )
    .await
    .ok(200);
    assert_eq!(d["item"]["status"], "published");
    // A teacher of another municipality sees a region-wide material.
    let admin = app.login(ADMIN).await;
    let ms = app.municipalities(&admin).await;
    let school = app.school_id(&admin, &ms[1].0, "МБОУ СОШ № 6").await;
    create_user(
        &app,
        &admin,
        user(
            "far-teacher@x.ru",
            "Дальняя Учительница",
            "teacher",
            &ms[1].0,
            Some(&school),
        ),
    )
    .await;
    let far = app.login("far-teacher@x.ru").await;
    detail(&app, &far, &id).await;
}
