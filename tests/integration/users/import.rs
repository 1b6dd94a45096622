//! Accounts from an uploaded XLSX table: preview with per-row errors and duplicates,
//! confirm creates the usable rows with a printed password list or invitations.

use crate::accounts::members::list_rows;
use crate::common::*;
use serde_json::{json, Value};

/// An XLSX upload (base64) with a header row and `rows`.
pub fn people_xlsx(rows: &[[&str; 5]]) -> String {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    let header = [
        "ФИО",
        "E-mail",
        "Роль",
        "Школа / муниципалитет",
        "Должность",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write(0, c as u16, *h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write(r as u32 + 1, c as u16, *v).unwrap();
        }
    }
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(wb.save_to_buffer().unwrap())
}

const TABLE: [[&str; 5]; 6] = [
    [
        "Петрова Анна Сергеевна",
        "petrova@x.ru",
        "Учитель",
        "МОБУ СОШ № 7",
        "учитель математики",
    ],
    ["Демо Учитель", TEACHER, "учитель", "МОБУ СОШ № 7", ""],
    [
        "Кузнецов Олег Иванович",
        "kuznetsov@x.ru",
        "волшебник",
        "МОБУ СОШ № 7",
        "",
    ],
    [
        "Сидорова Мария Петровна",
        "sidorova@x.ru",
        "Тьютор",
        "Лесогорский район",
        "методист ИМЦ",
    ],
    [
        "Лебедев Иван Ильич",
        "lebedev@x.ru",
        "учитель",
        "Школа № 999",
        "",
    ],
    [
        "Петрова Анна (повтор)",
        "PETROVA@x.ru",
        "учитель",
        "МОБУ СОШ № 7",
        "",
    ],
];

async fn preview(app: &TestApp, t: &str, content: &str) -> Resp {
    app.post(
        "/api/v1/users/import/preview",
        t,
        json!({ "content": content }),
    )
    .await
}

fn row<'a>(p: &'a Value, email: &str) -> &'a Value {
    p["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["email"] == email)
        .unwrap_or_else(|| panic!("row {email}"))
}

#[actix_web::test]
async fn preview_marks_errors_and_duplicates_and_confirm_creates_the_rest() {
    let app = TestApp::new().await;
    let coord = app.login(COORDINATOR).await;
    let content = people_xlsx(&TABLE);
    let p = preview(&app, &coord, &content).await.ok(200);
    assert_eq!(p["rows"].as_array().unwrap().len(), 6);
    assert_eq!(
        (
            p["valid"].as_u64(),
            p["invalid"].as_u64(),
            p["duplicates"].as_u64()
        ),
        (Some(2), Some(2), Some(2))
    );
    let first = row(&p, "petrova@x.ru");
    assert_eq!(first["line"], 2);
    assert_eq!(first["role"], "teacher");
    assert_eq!(first["school_name"], "МОБУ СОШ № 7");
    assert_eq!(first["duplicate"], false);
    assert_eq!(row(&p, TEACHER)["duplicate"], true);
    assert_eq!(p["rows"][5]["duplicate"], true, "repeated in the table");
    let bad_role = &row(&p, "kuznetsov@x.ru")["errors"][0];
    assert_eq!(bad_role["field"], "rows[2].role");
    assert!(bad_role["message"]
        .as_str()
        .unwrap()
        .contains("«волшебник»"));
    assert_eq!(
        row(&p, "lebedev@x.ru")["errors"][0]["code"],
        "unknown_place"
    );
    assert_eq!(
        row(&p, "sidorova@x.ru")["municipality_name"],
        "Лесогорский район"
    );
    // The preview wrote nothing.
    assert_eq!(app.try_login("petrova@x.ru", "x").await.status, 401);

    let no_choice = app
        .post(
            "/api/v1/users/import/confirm",
            &coord,
            json!({ "content": content }),
        )
        .await;
    assert_eq!(no_choice.field_errors(), vec!["delivery"]);
    let out = app
        .post(
            "/api/v1/users/import/confirm",
            &coord,
            json!({ "content": content, "delivery": "password" }),
        )
        .await
        .ok(201);
    assert_eq!(out["skipped"], 4);
    let made: Vec<&str> = out["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["email"].as_str().unwrap())
        .collect();
    assert_eq!(made, vec!["petrova@x.ru", "sidorova@x.ru"]);
    // The list in the table's order, each password logs in.
    let rows = list_rows(&out);
    let h = rows.iter().position(|r| r[0] == "№ п/п").unwrap();
    assert_eq!(rows[h + 1][1], "Петрова Анна Сергеевна");
    assert_eq!(rows[h + 2][1], "Сидорова Мария Петровна");
    assert_eq!(rows.len(), h + 3);
    let login = app
        .try_login("sidorova@x.ru", &rows[h + 2][3])
        .await
        .ok(200);
    assert_eq!(login["user"]["role"], "tutor");
    assert_eq!(login["user"]["must_change_password"], true);
    // Again: everything is a duplicate now, nothing to create.
    let p = preview(&app, &coord, &content).await.ok(200);
    assert_eq!(p["valid"], 0);
    let again = app
        .post(
            "/api/v1/users/import/confirm",
            &coord,
            json!({ "content": content, "delivery": "invitation" }),
        )
        .await;
    assert_eq!(
        (again.status, again.field_errors()),
        (422, vec!["content".to_string()])
    );
}

#[actix_web::test]
async fn an_upload_by_invitation_and_places_out_of_reach() {
    let app = TestApp::new().await;
    let coord = app.login(COORDINATOR).await;
    let table = [
        [
            "Орлова Нина Петровна",
            "orlova@x.ru",
            "Администрация школы",
            "МОБУ СОШ № 7",
            "заместитель директора по УВР",
        ],
        [
            "Чужой Город",
            "far@x.ru",
            "учитель",
            "Приреченский городской округ",
            "",
        ],
        [
            "Новый Админ",
            "newadmin@x.ru",
            "Региональный администратор",
            "",
            "",
        ],
    ];
    let content = people_xlsx(&table);
    let p = preview(&app, &coord, &content).await.ok(200);
    assert_eq!(p["valid"], 1);
    assert_eq!(row(&p, "far@x.ru")["errors"][0]["code"], "unknown_place");
    assert_eq!(
        row(&p, "newadmin@x.ru")["errors"][0]["code"],
        "role_not_allowed"
    );
    let out = app
        .post(
            "/api/v1/users/import/confirm",
            &coord,
            json!({ "content": content, "delivery": "invitation" }),
        )
        .await
        .ok(201);
    assert_eq!(out["accounts"][0]["email"], "orlova@x.ru");
    assert!(out["accounts"][0]["invited_until"].is_string());
    assert!(out["file_base64"].is_null());
    let bad = preview(&app, &coord, "не файл").await;
    assert_eq!(bad.field_errors(), vec!["content"]);
    let teacher = app.login(TEACHER).await;
    assert_eq!(preview(&app, &teacher, &content).await.status, 403);
}
