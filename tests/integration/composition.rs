//! The composition of the tutor community: import of the seed 000 appendix table (pasted
//! text and XLSX), orders that approve and amend it, `on_date`, nominations, attachments,
//! export to XLSX/DOCX, and the authorisation matrix of these endpoints.

use crate::common::*;
use base64::Engine;
use serde_json::{json, Value};

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// Seed 000, Приложение 1: header, 21 rows, blank lines and the closing line of dashes.
fn seed_table() -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join("seed000_composition.tsv");
    std::fs::read_to_string(path).expect("fixture")
}

/// The same table as an XLSX file (numbers in the first column, as Excel keeps them).
fn seed_xlsx_base64() -> String {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write(
        0,
        0,
        "СОСТАВ муниципального сообщества тьюторов в Лабинском районе",
    )
    .unwrap();
    let mut r = 2u32;
    for line in seed_table().lines().filter(|l| !l.trim().is_empty()) {
        if line.starts_with("----") {
            continue;
        }
        for (c, cell) in line.split('\t').enumerate() {
            match cell.parse::<f64>() {
                Ok(n) if c == 0 => ws.write(r, 0, n).map(|_| ()).unwrap(),
                _ => ws.write(r, c as u16, cell).map(|_| ()).unwrap(),
            }
        }
        r += 1;
    }
    let bytes = wb.save_to_buffer().unwrap();
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

async fn new_municipality(app: &TestApp, admin: &str, name: &str) -> String {
    app.post("/api/v1/municipalities", admin, json!({"name": name}))
        .await
        .ok(201)["id"]
        .as_str()
        .unwrap()
        .to_string()
}

async fn municipality_by_name(app: &TestApp, t: &str, prefix: &str) -> String {
    app.municipalities(t)
        .await
        .into_iter()
        .find(|(_, n)| n.starts_with(prefix))
        .unwrap()
        .0
}

async fn subject(app: &TestApp, t: &str, name: &str) -> String {
    let list = app.get("/api/v1/subjects", t).await.ok(200);
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == name)
        .and_then(|s| s["id"].as_str())
        .unwrap_or_else(|| panic!("subject {name}"))
        .to_string()
}

fn names(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["full_name"].as_str().unwrap().to_string())
        .collect()
}

async fn member_count(app: &TestApp, t: &str, m: &str) -> i64 {
    app.get(
        &format!("/api/v1/composition/members?municipality_id={m}&limit=200"),
        t,
    )
    .await
    .ok(200)["total"]
        .as_i64()
        .unwrap()
}

async fn school_count(app: &TestApp, t: &str, m: &str) -> i64 {
    app.get(&format!("/api/v1/schools?municipality_id={m}"), t)
        .await
        .ok(200)["total"]
        .as_i64()
        .unwrap()
}

/// A binary answer: checked against the spec by `call` (status, content type), then
/// fetched again raw for its bytes.
async fn get_raw(app: &TestApp, path: &str, token: &str) -> (u16, String, Vec<u8>) {
    let checked = app.get(path, token).await;
    let mut res = app
        .srv
        .get(path)
        .insert_header(("Authorization", format!("Bearer {token}")))
        .send()
        .await
        .expect("request sent");
    let ct = res
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let bytes = res.body().limit(20 * 1024 * 1024).await.expect("body");
    assert_eq!(res.status().as_u16(), checked.status);
    (checked.status, ct, bytes.to_vec())
}

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
    let page = app
        .get(
            &format!("/api/v1/composition/members?municipality_id={m}&limit=200"),
            &admin,
        )
        .await
        .ok(200);
    let items = page["items"].as_array().unwrap();
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
    let page = app
        .get(
            &format!("/api/v1/composition/members?municipality_id={m}&limit=200"),
            &admin,
        )
        .await
        .ok(200);
    for x in page["items"].as_array().unwrap() {
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

async fn add_member(app: &TestApp, t: &str, m: &str, name: &str, subject_id: &str) -> String {
    app.post(
        "/api/v1/composition/members",
        t,
        json!({"municipality_id": m, "full_name": name, "subject_ids": [subject_id], "level": "municipal", "position": "учитель"}),
    )
    .await
    .ok(201)["id"]
        .as_str()
        .unwrap()
        .to_string()
}

fn order(kind: &str, date: &str, approve: Vec<&str>, exclude: Value) -> Value {
    json!({
        "kind": kind, "number": format!("01-03/{date}"), "issued_on": date, "issuer": "МКУ ИМЦ",
        "title": "О составе муниципального сообщества тьюторов",
        "approve_member_ids": approve, "exclude": exclude,
    })
}

#[actix_web::test]
async fn orders_approve_then_amend_and_on_date_tells_who_was_a_tutor() {
    let app = TestApp::new().await;
    let coord = app.login(COORDINATOR).await;
    let m = municipality_by_name(&app, &coord, "Лесогорский").await;
    let math = subject(&app, &coord, "Математика").await;
    let a = add_member(&app, &coord, &m, "Аистова Вера Олеговна", &math).await;
    let b = add_member(&app, &coord, &m, "Бобров Глеб Ильич", &math).await;
    let c = add_member(&app, &coord, &m, "Вьюнова Зоя Андреевна", &math).await;

    // A nominated member may still be edited.
    let cur = app
        .get(&format!("/api/v1/composition/members/{c}"), &coord)
        .await
        .ok(200);
    assert_eq!(cur["status"], "nominated");
    let upd = app
        .put(
            &format!("/api/v1/composition/members/{c}"),
            &coord,
            json!({"full_name": "Вьюнова Зоя Андреевна", "subject_ids": [math], "level": "school", "version": cur["version"]}),
        )
        .await
        .ok(200);
    assert_eq!(upd["level"], "school");

    let o1 = app
        .post(
            "/api/v1/composition/orders",
            &coord,
            order("approve", "2026-09-10", vec![&a, &b], json!([])),
        )
        .await
        .ok(201);
    assert_eq!(o1["approved"].as_array().unwrap().len(), 2);
    let ma = app
        .get(&format!("/api/v1/composition/members/{a}"), &coord)
        .await
        .ok(200);
    assert_eq!(ma["status"], "approved");
    assert_eq!(ma["approved_on"], "2026-09-10");
    assert_eq!(ma["approved_order_id"], o1["id"]);
    // Approved members are immutable.
    let r = app
        .put(
            &format!("/api/v1/composition/members/{a}"),
            &coord,
            json!({"full_name": "Другая", "subject_ids": [math], "version": ma["version"]}),
        )
        .await;
    assert_eq!(r.status, 409);
    assert_eq!(r.code(), "composition_approved");
    let r = app
        .delete(&format!("/api/v1/composition/members/{a}"), &coord)
        .await;
    assert_eq!((r.status, r.code()), (409, "composition_approved"));
    // Approving twice, or excluding without a reason, is refused field by field.
    let r = app
        .post(
            "/api/v1/composition/orders",
            &coord,
            order("approve", "2026-09-11", vec![&a], json!([])),
        )
        .await;
    assert_eq!(r.status, 422);
    assert_eq!(r.field_errors(), vec!["approve_member_ids[0]"]);
    let r = app
        .post(
            "/api/v1/composition/orders",
            &coord,
            order(
                "amend",
                "2026-12-01",
                vec![],
                json!([{"member_id": a, "reason": " "}]),
            ),
        )
        .await;
    assert_eq!(r.status, 422);
    assert_eq!(r.field_errors(), vec!["exclude[0].reason"]);
    // A member of another municipality cannot be in this municipality's order.
    let admin = app.login(ADMIN).await;
    let foreign = municipality_by_name(&app, &admin, "Приреченский").await;
    let f = add_member(&app, &admin, &foreign, "Чужой Участник Иванович", &math).await;
    let r = app
        .post(
            "/api/v1/composition/orders",
            &coord,
            order("amend", "2026-12-01", vec![&c, &f], json!([])),
        )
        .await;
    assert_eq!(r.status, 422);
    assert_eq!(r.field_errors(), vec!["approve_member_ids[1]"]);
    // Nothing of the failed order was applied.
    let mc = app
        .get(&format!("/api/v1/composition/members/{c}"), &coord)
        .await
        .ok(200);
    assert_eq!(mc["status"], "nominated");

    let o2 = app
        .post(
            "/api/v1/composition/orders",
            &coord,
            order(
                "amend",
                "2026-12-01",
                vec![&c],
                json!([{"member_id": a, "reason": "Переезд в другой район"}]),
            ),
        )
        .await
        .ok(201);
    assert_eq!(o2["kind"], "amend");
    assert_eq!(o2["excluded"][0]["member_id"], a.as_str());
    assert_eq!(o2["excluded"][0]["reason"], "Переезд в другой район");
    let ma = app
        .get(&format!("/api/v1/composition/members/{a}"), &coord)
        .await
        .ok(200);
    assert_eq!(ma["status"], "excluded");
    assert_eq!(ma["excluded_on"], "2026-12-01");

    let on = |d: &str| format!("/api/v1/composition/members?on_date={d}&limit=200");
    let nov = names(&app.get(&on("2026-11-01"), &coord).await.ok(200));
    assert!(nov.contains(&"Аистова Вера Олеговна".to_string()));
    assert!(nov.contains(&"Бобров Глеб Ильич".to_string()));
    assert!(!nov.contains(&"Вьюнова Зоя Андреевна".to_string()));
    let dec = names(&app.get(&on("2026-12-15"), &coord).await.ok(200));
    assert!(!dec.contains(&"Аистова Вера Олеговна".to_string()));
    assert!(dec.contains(&"Бобров Глеб Ильич".to_string()));
    assert!(dec.contains(&"Вьюнова Зоя Андреевна".to_string()));
    // Before any order: nobody of these.
    let aug = names(&app.get(&on("2026-08-01"), &coord).await.ok(200));
    assert!(aug.is_empty(), "{aug:?}");
    // Status filter and name search.
    let p = app
        .get(
            "/api/v1/composition/members?status=excluded&q=%D0%B0%D0%B8%D1%81%D1%82",
            &coord,
        )
        .await
        .ok(200);
    assert_eq!(names(&p), vec!["Аистова Вера Олеговна"]);

    // Orders: newest first, the demo order last.
    let list = app.get("/api/v1/composition/orders", &coord).await.ok(200);
    let ids: Vec<&str> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        &ids[..2],
        &[o2["id"].as_str().unwrap(), o1["id"].as_str().unwrap()]
    );
    assert_eq!(list["items"][2]["number"], "01-03/17");
    let got = app
        .get(
            &format!("/api/v1/composition/orders/{}", o1["id"].as_str().unwrap()),
            &coord,
        )
        .await
        .ok(200);
    assert_eq!(got["approved"].as_array().unwrap().len(), 2);
}

fn nomination(school: Option<&str>, subject_id: &str, name: &str) -> Value {
    let mut v = json!({
        "full_name": name, "subject_id": subject_id, "position": "учитель математики",
        "is_current_teacher": true, "experience_years": 12, "achievements": "Призёры олимпиад",
        "has_authority": true, "ready_to_help": true, "justification": "Стабильно высокие результаты ОГЭ",
    });
    if let Some(s) = school {
        v["school_id"] = json!(s);
    }
    v
}

#[actix_web::test]
async fn nominations_by_school_and_decisions_by_coordinator() {
    let app = TestApp::new().await;
    let sa = app.login(SCHOOL_ADMIN).await;
    let coord = app.login(COORDINATOR).await;
    let teacher = app.login(TEACHER).await;
    let m = municipality_by_name(&app, &coord, "Лесогорский").await;
    let own_school = app.get("/api/v1/auth/me", &sa).await.ok(200)["school_id"]
        .as_str()
        .unwrap()
        .to_string();
    let other_school = app.school_id(&coord, &m, "МБОУ СОШ № 5").await;
    let math = subject(&app, &coord, "Математика").await;

    let n1 = app
        .post(
            "/api/v1/nominations",
            &sa,
            nomination(None, &math, "Клёнова Ия Петровна"),
        )
        .await
        .ok(201);
    assert_eq!(n1["status"], "pending");
    assert_eq!(n1["school_id"], own_school.as_str());
    assert_eq!(n1["subject_name"], "Математика");
    // Not for another school, not by a teacher, and the criteria are validated.
    let r = app
        .post(
            "/api/v1/nominations",
            &sa,
            nomination(Some(&other_school), &math, "Чужая Школа"),
        )
        .await;
    assert_eq!(r.status, 404);
    let r = app
        .post(
            "/api/v1/nominations",
            &teacher,
            nomination(None, &math, "Сам Себя"),
        )
        .await;
    assert_eq!(r.status, 403);
    let mut bad = nomination(None, &math, "");
    bad["experience_years"] = json!(-1);
    bad["justification"] = json!("");
    let r = app.post("/api/v1/nominations", &sa, bad).await;
    assert_eq!(r.status, 422);
    assert_eq!(
        r.field_errors(),
        vec!["full_name", "experience_years", "justification"]
    );
    // A teacher of the school by account.
    let teacher_id = app.get("/api/v1/auth/me", &teacher).await.ok(200)["id"]
        .as_str()
        .unwrap()
        .to_string();
    let mut by_account = nomination(None, &math, "");
    by_account["full_name"] = Value::Null;
    by_account["teacher_user_id"] = json!(teacher_id);
    let n2 = app
        .post("/api/v1/nominations", &sa, by_account)
        .await
        .ok(201);
    assert_eq!(n2["full_name"], "Синицына Ольга Андреевна");

    // The school administrator sees only the own school's nominations and cannot decide.
    let list = app.get("/api/v1/nominations", &sa).await.ok(200);
    assert!(list["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|n| n["school_id"] == own_school.as_str()));
    let id1 = n1["id"].as_str().unwrap();
    let r = app
        .post(
            &format!("/api/v1/nominations/{id1}/decision"),
            &sa,
            json!({"approve": true}),
        )
        .await;
    assert_eq!(r.status, 403);

    // Declining needs a reason; a decision is final.
    let r = app
        .post(
            &format!("/api/v1/nominations/{id1}/decision"),
            &coord,
            json!({"approve": false}),
        )
        .await;
    assert_eq!(r.status, 422);
    assert_eq!(r.field_errors(), vec!["reason"]);
    let d = app
        .post(
            &format!("/api/v1/nominations/{id1}/decision"),
            &coord,
            json!({"approve": false, "reason": "Стаж в должности учителя менее трёх лет"}),
        )
        .await
        .ok(200);
    assert_eq!(d["status"], "declined");
    assert!(d["member_id"].is_null());
    let r = app
        .post(
            &format!("/api/v1/nominations/{id1}/decision"),
            &coord,
            json!({"approve": true}),
        )
        .await;
    assert_eq!((r.status, r.code()), (409, "already_decided"));

    let id2 = n2["id"].as_str().unwrap();
    let d = app
        .post(
            &format!("/api/v1/nominations/{id2}/decision"),
            &coord,
            json!({"approve": true}),
        )
        .await
        .ok(200);
    assert_eq!(d["status"], "approved");
    let member = app
        .get(
            &format!(
                "/api/v1/composition/members/{}",
                d["member_id"].as_str().unwrap()
            ),
            &coord,
        )
        .await
        .ok(200);
    assert_eq!(member["status"], "nominated");
    assert_eq!(member["level"], "municipal");
    assert_eq!(member["nomination_id"], id2);
    assert_eq!(member["user_id"], teacher_id.as_str());
    assert_eq!(member["school_id"], own_school.as_str());
    // Filter by status (the demo has one pending nomination of this school).
    let pending = app
        .get("/api/v1/nominations?status=pending", &coord)
        .await
        .ok(200);
    assert_eq!(pending["total"], 1);
    assert_eq!(
        pending["items"][0]["full_name"],
        "Лиственная Дарья Семёновна"
    );
}

#[actix_web::test]
async fn attachments_only_for_approved_members() {
    let app = TestApp::new().await;
    let coord = app.login(COORDINATOR).await;
    let m = municipality_by_name(&app, &coord, "Лесогорский").await;
    let tutor_member = app
        .get(
            "/api/v1/composition/members?q=%D0%BA%D0%B5%D0%B4%D1%80%D0%BE%D0%B2",
            &coord,
        )
        .await
        .ok(200)["items"][0]
        .clone();
    assert_eq!(tutor_member["status"], "approved");
    assert_eq!(tutor_member["school_name"], "МБОУ СОШ № 1");
    assert_eq!(tutor_member["subjects"][0]["name"], "Математика");
    let id = tutor_member["id"].as_str().unwrap();
    let school = app.school_id(&coord, &m, "МОБУ СОШ № 3").await;
    let teacher = app.login(TEACHER).await;
    let teacher_id = app.get("/api/v1/auth/me", &teacher).await.ok(200)["id"]
        .as_str()
        .unwrap()
        .to_string();

    let path = format!("/api/v1/composition/members/{id}/attachments");
    let a = app
        .post(&path, &coord, json!({"school_id": school}))
        .await
        .ok(201);
    assert_eq!(a["school_name"], "МОБУ СОШ № 3");
    let t = app
        .post(&path, &coord, json!({"teacher_user_id": teacher_id}))
        .await
        .ok(201);
    assert_eq!(t["teacher_name"], "Синицына Ольга Андреевна");
    let r = app.post(&path, &coord, json!({"school_id": school})).await;
    assert_eq!((r.status, r.code()), (409, "already_exists"));
    let r = app
        .post(
            &path,
            &coord,
            json!({"school_id": school, "teacher_user_id": teacher_id}),
        )
        .await;
    assert_eq!(r.status, 422);
    let admin = app.login(ADMIN).await;
    let foreign = municipality_by_name(&app, &admin, "Приреченский").await;
    let foreign_school = app.school_id(&admin, &foreign, "МБОУ СОШ № 6").await;
    let r = app
        .post(&path, &coord, json!({"school_id": foreign_school}))
        .await;
    assert_eq!(r.status, 422);
    assert_eq!(r.field_errors(), vec!["school_id"]);
    let member = app
        .get(&format!("/api/v1/composition/members/{id}"), &coord)
        .await
        .ok(200);
    assert_eq!(member["attachments"].as_array().unwrap().len(), 2);

    // A nominated member cannot be attached yet.
    let nominated = app
        .get("/api/v1/composition/members?status=nominated", &coord)
        .await
        .ok(200)["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let r = app
        .post(
            &format!("/api/v1/composition/members/{nominated}/attachments"),
            &coord,
            json!({"school_id": school}),
        )
        .await;
    assert_eq!((r.status, r.code()), (409, "member_not_approved"));

    let gone = app
        .delete(
            &format!(
                "/api/v1/composition/attachments/{}",
                a["id"].as_str().unwrap()
            ),
            &coord,
        )
        .await
        .ok(200);
    assert!(gone["archived_at"].is_string());
    let left = app.get(&path, &coord).await.ok(200);
    assert_eq!(left.as_array().unwrap().len(), 1);
    assert_eq!(left[0]["teacher_user_id"], teacher_id.as_str());
}

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

// ------------------------------------------------------------ authorisation matrix

const ROLES: [(&str, &str); 6] = [
    ("admin", ADMIN),
    ("coordinator", COORDINATOR),
    ("tutor", TUTOR),
    ("teacher", TEACHER),
    ("school_admin", SCHOOL_ADMIN),
    ("observer", OBSERVER),
];

type Row = (&'static str, [u16; 6]);

struct World {
    admin: String,
    own_m: String,
    foreign_m: String,
    own_school: String,
    other_school: String,
    foreign_school: String,
    math: String,
    own_member: String,
    foreign_member: String,
    own_order: String,
    own_nomination: String,
    foreign_nomination: String,
}

impl World {
    async fn member(&self, app: &TestApp, m: &str, name: &str) -> String {
        add_member(app, &self.admin, m, name, &self.math).await
    }

    async fn approved_member(&self, app: &TestApp, name: &str) -> String {
        let id = self.member(app, &self.own_m, name).await;
        let mut o = order("approve", "2026-09-20", vec![&id], json!([]));
        o["municipality_id"] = json!(self.own_m);
        app.post("/api/v1/composition/orders", &self.admin, o)
            .await
            .ok(201);
        id
    }

    async fn nomination(&self, app: &TestApp, school: &str, name: &str) -> String {
        app.post(
            "/api/v1/nominations",
            &self.admin,
            nomination(Some(school), &self.math, name),
        )
        .await
        .ok(201)["id"]
            .as_str()
            .unwrap()
            .to_string()
    }
}

#[actix_web::test]
async fn composition_matrix_every_role_own_and_foreign() {
    let app = TestApp::new().await;
    let admin = app.login(ADMIN).await;
    let ms = app.municipalities(&admin).await;
    let teacher = app.login(TEACHER).await;
    let own_school = app.get("/api/v1/auth/me", &teacher).await.ok(200)["school_id"]
        .as_str()
        .unwrap()
        .to_string();
    let math = subject(&app, &admin, "Математика").await;
    let own_m = ms[0].0.clone();
    let foreign_m = ms[1].0.clone();
    let own_member = app
        .get("/api/v1/composition/members?status=approved", &admin)
        .await
        .ok(200)["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["municipality_id"] == own_m.as_str())
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let own_order = app.get("/api/v1/composition/orders", &admin).await.ok(200)["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let own_nomination = app
        .get("/api/v1/nominations?status=pending", &admin)
        .await
        .ok(200)["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let mut w = World {
        other_school: app.school_id(&admin, &own_m, "МБОУ СОШ № 5").await,
        foreign_school: app.school_id(&admin, &foreign_m, "МБОУ СОШ № 6").await,
        admin: admin.clone(),
        own_m,
        foreign_m,
        own_school,
        math,
        own_member,
        foreign_member: String::new(),
        own_order,
        own_nomination,
        foreign_nomination: String::new(),
    };
    w.foreign_member = w.member(&app, &w.foreign_m.clone(), "Чужой Участник").await;
    w.foreign_nomination = w
        .nomination(&app, &w.foreign_school.clone(), "Чужое Выдвижение")
        .await;

    //                                   admin coord tutor teach sadm  obs
    let rows: Vec<Row> = vec![
        ("LIST members", [200, 200, 200, 200, 200, 200]),
        ("GET own member", [200, 200, 200, 200, 200, 200]),
        ("GET foreign member", [200, 404, 404, 404, 404, 404]),
        ("POST member own m", [201, 201, 403, 403, 403, 403]),
        ("POST member foreign m", [201, 422, 403, 403, 403, 403]),
        ("PUT own nominated member", [200, 200, 403, 403, 403, 403]),
        ("PUT foreign member", [200, 404, 404, 404, 404, 404]),
        (
            "DELETE own nominated member",
            [200, 200, 403, 403, 403, 403],
        ),
        ("DELETE foreign member", [200, 404, 404, 404, 404, 404]),
        ("LIST orders", [200, 200, 200, 200, 200, 200]),
        ("GET own order", [200, 200, 200, 200, 200, 200]),
        ("POST order own m", [201, 201, 403, 403, 403, 403]),
        ("POST order foreign m", [201, 422, 403, 403, 403, 403]),
        ("LIST nominations", [200, 200, 403, 403, 200, 403]),
        ("GET own-school nomination", [200, 200, 404, 404, 200, 404]),
        ("GET foreign nomination", [200, 404, 404, 404, 404, 404]),
        ("POST nomination own school", [201, 201, 403, 403, 201, 403]),
        (
            "POST nomination other school",
            [201, 201, 403, 403, 404, 403],
        ),
        (
            "POST nomination foreign school",
            [201, 404, 403, 403, 404, 403],
        ),
        ("DECIDE own nomination", [200, 200, 404, 404, 403, 404]),
        ("DECIDE foreign nomination", [200, 404, 404, 404, 404, 404]),
        ("LIST attachments", [200, 200, 200, 200, 200, 200]),
        ("POST attachment", [201, 201, 403, 403, 403, 403]),
        ("DELETE attachment", [200, 200, 403, 403, 403, 403]),
        ("IMPORT preview own m", [200, 200, 403, 403, 403, 403]),
        ("IMPORT preview foreign m", [200, 422, 403, 403, 403, 403]),
        ("EXPORT own m", [200, 200, 200, 200, 200, 200]),
        ("EXPORT foreign m", [200, 404, 404, 404, 404, 404]),
    ];

    let mut failures = Vec::new();
    for (i, (role, email)) in ROLES.iter().enumerate() {
        let t = app.login(email).await;
        for (case, expected) in &rows {
            let got = run(&app, &t, &w, case, i).await;
            if got != expected[i] {
                failures.push(format!(
                    "{role:>12} {case:<32} expected {} got {got}",
                    expected[i]
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "composition authorisation mismatches:\n{}",
        failures.join("\n")
    );
}

async fn member_body(app: &TestApp, w: &World, id: &str) -> Value {
    let m = app
        .get(&format!("/api/v1/composition/members/{id}"), &w.admin)
        .await
        .ok(200);
    json!({"full_name": m["full_name"], "subject_ids": [w.math], "level": m["level"], "version": m["version"]})
}

async fn run(app: &TestApp, t: &str, w: &World, case: &str, n: usize) -> u16 {
    let uniq = format!("Проверка {} {n}", case.replace(['-', '/'], " "));
    let import = |m: &str| {
        json!({"municipality_id": m, "format": "text",
               "content": "1\tМатематика\tИванова Анна Петровна\tучитель математики МБОУ СОШ № 1"})
    };
    match case {
        "LIST members" => app.get("/api/v1/composition/members", t).await.status,
        "GET own member" => {
            app.get(&format!("/api/v1/composition/members/{}", w.own_member), t)
                .await
                .status
        }
        "GET foreign member" => {
            app.get(
                &format!("/api/v1/composition/members/{}", w.foreign_member),
                t,
            )
            .await
            .status
        }
        "POST member own m" | "POST member foreign m" => {
            let m = if case.ends_with("own m") {
                &w.own_m
            } else {
                &w.foreign_m
            };
            app.post(
                "/api/v1/composition/members",
                t,
                json!({"municipality_id": m, "full_name": uniq, "subject_ids": [w.math]}),
            )
            .await
            .status
        }
        "PUT own nominated member" | "PUT foreign member" => {
            let id = if case == "PUT foreign member" {
                w.foreign_member.clone()
            } else {
                w.member(app, &w.own_m, &uniq).await
            };
            let body = member_body(app, w, &id).await;
            app.put(&format!("/api/v1/composition/members/{id}"), t, body)
                .await
                .status
        }
        "DELETE own nominated member" | "DELETE foreign member" => {
            let m = if case == "DELETE foreign member" {
                &w.foreign_m
            } else {
                &w.own_m
            };
            let id = w.member(app, m, &uniq).await;
            app.delete(&format!("/api/v1/composition/members/{id}"), t)
                .await
                .status
        }
        "LIST orders" => app.get("/api/v1/composition/orders", t).await.status,
        "GET own order" => {
            app.get(&format!("/api/v1/composition/orders/{}", w.own_order), t)
                .await
                .status
        }
        "POST order own m" | "POST order foreign m" => {
            let m = if case.ends_with("own m") {
                &w.own_m
            } else {
                &w.foreign_m
            };
            let id = w.member(app, m, &uniq).await;
            let mut o = order("approve", "2026-10-01", vec![&id], json!([]));
            o["municipality_id"] = json!(m);
            app.post("/api/v1/composition/orders", t, o).await.status
        }
        "LIST nominations" => app.get("/api/v1/nominations", t).await.status,
        "GET own-school nomination" => {
            app.get(&format!("/api/v1/nominations/{}", w.own_nomination), t)
                .await
                .status
        }
        "GET foreign nomination" => {
            app.get(&format!("/api/v1/nominations/{}", w.foreign_nomination), t)
                .await
                .status
        }
        "POST nomination own school"
        | "POST nomination other school"
        | "POST nomination foreign school" => {
            let s = match case {
                "POST nomination own school" => &w.own_school,
                "POST nomination other school" => &w.other_school,
                _ => &w.foreign_school,
            };
            app.post(
                "/api/v1/nominations",
                t,
                nomination(Some(s), &w.math, &uniq),
            )
            .await
            .status
        }
        "DECIDE own nomination" | "DECIDE foreign nomination" => {
            let s = if case == "DECIDE own nomination" {
                &w.own_school
            } else {
                &w.foreign_school
            };
            let id = w.nomination(app, s, &uniq).await;
            app.post(
                &format!("/api/v1/nominations/{id}/decision"),
                t,
                json!({"approve": true}),
            )
            .await
            .status
        }
        "LIST attachments" => {
            app.get(
                &format!("/api/v1/composition/members/{}/attachments", w.own_member),
                t,
            )
            .await
            .status
        }
        "POST attachment" => {
            let id = w.approved_member(app, &uniq).await;
            app.post(
                &format!("/api/v1/composition/members/{id}/attachments"),
                t,
                json!({"school_id": w.other_school}),
            )
            .await
            .status
        }
        "DELETE attachment" => {
            let id = w.approved_member(app, &uniq).await;
            let a = app
                .post(
                    &format!("/api/v1/composition/members/{id}/attachments"),
                    &w.admin,
                    json!({"school_id": w.other_school}),
                )
                .await
                .ok(201);
            app.delete(
                &format!(
                    "/api/v1/composition/attachments/{}",
                    a["id"].as_str().unwrap()
                ),
                t,
            )
            .await
            .status
        }
        "IMPORT preview own m" => {
            app.post("/api/v1/composition/import/preview", t, import(&w.own_m))
                .await
                .status
        }
        "IMPORT preview foreign m" => {
            app.post(
                "/api/v1/composition/import/preview",
                t,
                import(&w.foreign_m),
            )
            .await
            .status
        }
        "EXPORT own m" => {
            app.get(
                &format!(
                    "/api/v1/composition/export.xlsx?municipality_id={}",
                    w.own_m
                ),
                t,
            )
            .await
            .status
        }
        "EXPORT foreign m" => {
            app.get(
                &format!(
                    "/api/v1/composition/export.docx?municipality_id={}",
                    w.foreign_m
                ),
                t,
            )
            .await
            .status
        }
        other => panic!("unknown case {other}"),
    }
}
