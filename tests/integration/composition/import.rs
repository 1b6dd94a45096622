//! `POST /composition/import/preview` and `/confirm`: the seed table as text, XLSX and CSV.

use super::*;
use serde_json::json;

#[actix_web::test]
async fn seed_table_pasted_as_text_preview_then_confirm_with_new_schools() {
    let app = TestApp::new().await;
    let admin = app.login(ADMIN).await;
    let m = new_municipality(&app, &admin, "Лабинский район").await;
    let body = json!({"municipality_id": m, "format": "text", "content": seed_table()});
    let p = app
        .post("/api/v1/composition/import/preview", &admin, body.clone())
        .await
        .ok(200);
    let rows = p["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 21);
    assert_eq!(p["error_rows"], 0, "{p}");
    assert!(rows
        .iter()
        .all(|r| !r["subjects"].as_array().unwrap().is_empty()));
    let subj = |i: usize| -> Vec<String> {
        rows[i]["subjects"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["name"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(subj(2), vec!["Русский язык", "Литература"]);
    assert_eq!(subj(20), vec!["Финансовая грамотность"]);
    assert_eq!(rows[0]["full_name"], "Логинова Татьяна Артуровна");
    assert_eq!(rows[0]["position"], "учитель математики");
    assert_eq!(rows[0]["new_school"], "МОБУ СОШ № 10");
    // 13 different schools, none of them in the new municipality yet.
    let new: Vec<&str> = p["new_schools"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["short_name"].as_str().unwrap())
        .collect();
    assert_eq!(new.len(), 13, "{new:?}");
    assert!(new.contains(&"МОБУ СОШ № 10") && new.contains(&"МОБУ СОШ № 28"));
    // The preview wrote nothing.
    assert_eq!(member_count(&app, &admin, &m).await, 0);
    assert_eq!(school_count(&app, &admin, &m).await, 0);

    let mut confirm = body.clone();
    confirm["create_schools"] = json!(true);
    let r = app
        .post("/api/v1/composition/import/confirm", &admin, confirm)
        .await
        .ok(201);
    assert_eq!(r["created"], 21);
    assert_eq!(r["created_schools"].as_array().unwrap().len(), 13);
    assert_eq!(member_count(&app, &admin, &m).await, 21);
    assert_eq!(school_count(&app, &admin, &m).await, 13);
    let items = members_of(&app, &admin, &m).await;
    assert!(items.iter().all(|x| x["status"] == "nominated"));
    // Russian alphabetical order by name.
    assert_eq!(items[0]["full_name"], "Абрамович Ирина Валерьевна");
    assert_eq!(items[20]["full_name"], "Черномазова Елена Михайловна");
    let loginova = items
        .iter()
        .find(|x| x["full_name"] == "Логинова Татьяна Артуровна")
        .unwrap();
    assert_eq!(loginova["school_name"], "МОБУ СОШ № 10");
    assert_eq!(loginova["position"], "учитель математики");
    // Schools now exist: a second import matches them instead of offering new ones.
    let p2 = app
        .post("/api/v1/composition/import/preview", &admin, body)
        .await
        .ok(200);
    assert_eq!(p2["new_schools"].as_array().unwrap().len(), 0);
    assert!(p2["rows"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["school_id"].is_string()));
}

#[actix_web::test]
async fn seed_table_as_xlsx_without_creating_schools_and_matching_existing_ones() {
    let app = TestApp::new().await;
    let admin = app.login(ADMIN).await;
    let m = new_municipality(&app, &admin, "Лабинский район").await;
    let body = json!({"municipality_id": m, "format": "xlsx", "content": seed_xlsx_base64()});
    let p = app
        .post("/api/v1/composition/import/preview", &admin, body.clone())
        .await
        .ok(200);
    let rows = p["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 21);
    assert_eq!(p["error_rows"], 0, "{p}");
    assert_eq!(rows[0]["number"], "1");
    assert_eq!(rows[20]["number"], "21");
    assert_eq!(p["new_schools"].as_array().unwrap().len(), 13);
    let r = app
        .post("/api/v1/composition/import/confirm", &admin, body)
        .await
        .ok(201);
    assert_eq!(r["created"], 21);
    assert_eq!(r["created_schools"].as_array().unwrap().len(), 0);
    assert_eq!(school_count(&app, &admin, &m).await, 0);
    for x in &members_of(&app, &admin, &m).await {
        assert!(x["school_id"].is_null());
        assert!(x["workplace"].as_str().unwrap().starts_with("МОБУ СОШ №"));
    }

    // In Лесогорский район the demo schools are matched whatever the abbreviation:
    // «МОБУ СОШ № 10 им. …» → МОБУ СОШ № 10, «МОБУ СОШ № 1 …» → МБОУ СОШ № 1.
    let coord = app.login(COORDINATOR).await;
    let own = municipality_by_name(&app, &coord, "Лесогорский").await;
    let p = app
        .post(
            "/api/v1/composition/import/preview",
            &coord,
            json!({"municipality_id": own, "format": "text", "content": seed_table()}),
        )
        .await
        .ok(200);
    let rows = p["rows"].as_array().unwrap();
    assert_eq!(rows[0]["school_name"], "МОБУ СОШ № 10");
    assert_eq!(rows[3]["school_name"], "МБОУ СОШ № 1");
    assert_eq!(rows[8]["school_name"], "МОБУ СОШ № 3");
    let new: Vec<&str> = p["new_schools"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["short_name"].as_str().unwrap())
        .collect();
    assert!(!new.contains(&"МОБУ СОШ № 10") && new.contains(&"МОБУ СОШ № 16"));
}

#[actix_web::test]
async fn unknown_subject_fails_confirm_and_writes_nothing() {
    let app = TestApp::new().await;
    let coord = app.login(COORDINATOR).await;
    let m = municipality_by_name(&app, &coord, "Лесогорский").await;
    let before = member_count(&app, &coord, &m).await;
    let schools_before = school_count(&app, &coord, &m).await;
    let content = "№ п/п\tПредмет\tФИО (полностью)\tДолжность, место работы\n\
        1\tМатематика\tПервая Анна Ивановна\tучитель математики МОБУ СОШ № 77 пос. Нового\n\
        2\tАстрономия\tВторой Иван Петрович\tучитель физики МОБУ СОШ № 78 пос. Старого\n";
    let body =
        json!({"municipality_id": m, "format": "text", "content": content, "create_schools": true});
    let p = app
        .post("/api/v1/composition/import/preview", &coord, body.clone())
        .await
        .ok(200);
    assert_eq!(p["error_rows"], 1);
    assert_eq!(p["rows"][1]["errors"][0]["field"], "rows[1].subject");
    let r = app
        .post("/api/v1/composition/import/confirm", &coord, body)
        .await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert_eq!(r.code(), "validation_failed");
    assert_eq!(r.field_errors(), vec!["rows[1].subject"]);
    assert!(r.body["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("«Астрономия»"));
    assert_eq!(member_count(&app, &coord, &m).await, before);
    assert_eq!(school_count(&app, &coord, &m).await, schools_before);
    // CSV with `;` as Russian Excel saves it.
    let csv = "№ п/п;Предмет;ФИО (полностью);Должность, место работы\n1;Химия;\"Третья Ольга Львовна\";\"учитель химии МБОУ СОШ № 5\"\n";
    let p = app
        .post(
            "/api/v1/composition/import/preview",
            &coord,
            json!({"municipality_id": m, "format": "csv", "content": csv}),
        )
        .await
        .ok(200);
    assert_eq!(p["error_rows"], 0);
    assert_eq!(p["rows"][0]["school_name"], "МБОУ СОШ № 5");
}

#[actix_web::test]
async fn reimporting_the_seed_table_creates_no_duplicates_and_updates_a_changed_row() {
    let app = TestApp::new().await;
    let admin = app.login(ADMIN).await;
    let m = new_municipality(&app, &admin, "Лабинский район").await;
    let body = json!({"municipality_id": m, "format": "text", "content": seed_table()});
    let r = app
        .post("/api/v1/composition/import/confirm", &admin, body.clone())
        .await
        .ok(201);
    assert_eq!(r["created"], 21);
    let p = app
        .post("/api/v1/composition/import/preview", &admin, body.clone())
        .await
        .ok(200);
    assert_eq!(p["duplicate_rows"], 21, "{p}");
    assert!(p["rows"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["action"] == "skip"));
    let r = app
        .post("/api/v1/composition/import/confirm", &admin, body)
        .await
        .ok(201);
    assert_eq!(
        (r["created"].as_i64(), r["skipped"].as_i64()),
        (Some(0), Some(21))
    );
    assert_eq!(member_count(&app, &admin, &m).await, 21);

    // A changed position: skipped by default, updated when asked (per batch).
    let changed = seed_table().replace(
        "1\tМатематика\tЛогинова Татьяна Артуровна\tучитель математики",
        "1\tМатематика\tЛогинова Татьяна Артуровна\tзаместитель директора, учитель математики",
    );
    let body = json!({"municipality_id": m, "format": "text", "content": changed, "duplicates": "update", "level": "regional"});
    let p = app
        .post("/api/v1/composition/import/preview", &admin, body.clone())
        .await
        .ok(200);
    let row = &p["rows"][0];
    assert_eq!(row["action"], "update", "{row}");
    assert!(row["duplicate_of"]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c == "Должность"));
    let r = app
        .post("/api/v1/composition/import/confirm", &admin, body)
        .await
        .ok(201);
    assert_eq!(r["created"], 0);
    assert_eq!(r["updated"], 21, "the level changed for every row: {r}");
    let items = members_of(&app, &admin, &m).await;
    assert_eq!(items.len(), 21);
    let l = items
        .iter()
        .find(|x| x["full_name"] == "Логинова Татьяна Артуровна")
        .unwrap();
    assert_eq!(l["position"], "заместитель директора, учитель математики");
    assert_eq!(l["level"], "regional");
    assert_eq!(l["list_number"], 1);
}

#[actix_web::test]
async fn two_confirms_of_the_same_preview_at_once_create_each_member_once() {
    let app = TestApp::new().await;
    let admin = app.login(ADMIN).await;
    let m = new_municipality(&app, &admin, "Лабинский район").await;
    let body = json!({"municipality_id": m, "format": "text", "content": seed_table()});
    let (a, b) = futures_util::future::join(
        app.post("/api/v1/composition/import/confirm", &admin, body.clone()),
        app.post("/api/v1/composition/import/confirm", &admin, body.clone()),
    )
    .await;
    assert_eq!((a.status, b.status), (201, 201), "{} {}", a.body, b.body);
    let created = a.body["created"].as_i64().unwrap() + b.body["created"].as_i64().unwrap();
    assert_eq!(created, 21);
    assert_eq!(member_count(&app, &admin, &m).await, 21);
}
