//! `GET /composition/export.xlsx` and `.docx` (the order's appendix, 000 Прил. 1) and
//! `/composition/orders/{id}/order.docx` (the order), read back: texts, stamp, title,
//! signature and the order's own row sequence.

use super::*;
use serde_json::json;

/// The text of `word/document.xml`, paragraphs and cells separated by newlines.
pub(crate) fn docx_text(bytes: &[u8]) -> (String, String) {
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
            text.push_str(body[..end].replace("&quot;", "\"").as_str());
        }
        if part.contains("</w:p>") {
            text.push('\n');
        }
    }
    (xml, text)
}

fn xlsx_cells(bytes: &[u8]) -> Vec<Vec<String>> {
    use calamine::{Reader, Xlsx};
    let mut book: Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

#[actix_web::test]
async fn the_appendix_in_the_orders_own_sequence_with_stamp_title_and_signature() {
    let app = TestApp::new().await;
    let coord = app.login(COORDINATOR).await;
    let (status, ct, bytes) = get_raw(&app, "/api/v1/composition/export.xlsx", &coord).await;
    assert_eq!((status, ct.as_str()), (200, XLSX));
    let cells = xlsx_cells(&bytes);
    let flat: Vec<String> = cells.iter().map(|r| r.join("|")).collect();
    // Stamp in C–D, rows 1–3.
    assert_eq!(cells[0][2], "Приложение №1 к приказу");
    assert_eq!(cells[1][2], "МКУ ИМЦ Лесогорского района");
    assert!(
        cells[2][2].starts_with("№ 01-03/17 от 01.09.2026г."),
        "{flat:?}"
    );
    // Title rows 5–6, the prepositional phrase.
    assert_eq!(cells[4][0], "СОСТАВ");
    assert_eq!(
        cells[5][0],
        "муниципального сообщества тьюторов в Лесогорском районе"
    );
    assert_eq!(
        cells[7][..4],
        [
            "№ п/п",
            "Предмет",
            "ФИО (полностью)",
            "Должность, место работы"
        ]
    );
    // The order's sequence (not alphabetical): Математика, Русский язык, История, Физика.
    let subjects: Vec<&str> = cells[8..12].iter().map(|r| r[1].as_str()).collect();
    assert_eq!(
        subjects,
        vec!["Математика", "Русский язык", "История", "Физика"]
    );
    assert_eq!(cells[8][0], "1");
    assert_eq!(cells[8][2], "Кедров Алексей Павлович");
    assert_eq!(cells[13][0], "Директор МКУ ИМЦ Лесогорского района");
    assert_eq!(cells[13][3], "В.А. Ясенева");

    let (status, ct, docx) = get_raw(&app, "/api/v1/composition/export.docx", &coord).await;
    assert_eq!((status, ct.as_str()), (200, DOCX));
    let (xml, text) = docx_text(&docx);
    assert!(
        xml.contains("<w:tblHeader />"),
        "the header row repeats on each page"
    );
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines[0], "Приложение №1 к приказу");
    assert_eq!(lines[1], "МКУ ИМЦ Лесогорского района");
    assert_eq!(lines[2], "№ 01-03/17 от 01.09.2026г.");
    assert_eq!(lines[3], "СОСТАВ");
    assert_eq!(
        lines[4],
        "муниципального сообщества тьюторов в Лесогорском районе"
    );
    let pos = |s: &str| text.find(s).unwrap_or_else(|| panic!("{s} in {text}"));
    assert!(pos("Кедров Алексей Павлович") < pos("Рябинина Светлана Олеговна"));
    assert!(pos("Рябинина Светлана Олеговна") < pos("Тополев Денис Маркович"));
    assert!(pos("Тополев Денис Маркович") < pos("Ольховская Нина Ильинична"));
    assert!(pos("Ольховская Нина Ильинична") < pos("В.А. Ясенева"));
    assert!(
        !text.contains("Черёмухин"),
        "the nominated member is not in the appendix"
    );

    // The exported XLSX reads back through the import.
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
    assert_eq!(p["error_rows"], 0, "{p}");
    assert_eq!(p["rows"].as_array().unwrap().len(), 4);

    // Before any order there is nothing to append to; a foreign municipality is hidden.
    let r = app
        .get("/api/v1/composition/export.xlsx?on_date=2026-08-31", &coord)
        .await;
    assert_eq!(r.status, 422);
    assert_eq!(r.field_errors(), vec!["on_date"]);
    let foreign = municipality_by_name(&app, &admin, "Приреченский").await;
    let (status, _, _) = get_raw(
        &app,
        &format!("/api/v1/composition/export.docx?municipality_id={foreign}"),
        &coord,
    )
    .await;
    assert_eq!(status, 404);
}

#[actix_web::test]
async fn the_printable_order() {
    let app = TestApp::new().await;
    let coord = app.login(COORDINATOR).await;
    let orders = app.get("/api/v1/composition/orders", &coord).await.ok(200);
    let id = orders["items"][0]["id"].as_str().unwrap().to_string();
    assert_eq!(orders["items"][0]["signatory_name"], "В.А. Ясенева");
    assert_eq!(orders["items"][0]["place"], "г. Лесогорск");
    let (status, ct, bytes) = get_raw(
        &app,
        &format!("/api/v1/composition/orders/{id}/order.docx"),
        &coord,
    )
    .await;
    assert_eq!((status, ct.as_str()), (200, DOCX));
    let (_, text) = docx_text(&bytes);
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines[0], "МУНИЦИПАЛЬНОЕ КАЗЕННОЕ УЧРЕЖДЕНИЕ");
    assert_eq!(lines[3], "Муниципальное образование Лесогорский район");
    assert_eq!(lines[4], "П Р И К А З");
    assert_eq!(lines[5], "01.09.2026 г.г. Лесогорск№ 01-03/17");
    assert_eq!(
        lines[6],
        "Об утверждении состава муниципального сообщества тьюторов"
    );
    assert!(lines[7].ends_with("п р и к а з ы в а ю :"), "{}", lines[7]);
    assert_eq!(
        lines[8],
        "1. Утвердить состав муниципального сообщества тьюторов в Лесогорском районе (Приложение 1)."
    );
    assert_eq!(
        lines.last().unwrap(),
        &"Директор МКУ ИМЦ Лесогорского районаВ.А. Ясенева"
    );
}

#[actix_web::test]
async fn an_order_lists_its_own_sequence_and_a_cyrillic_number_reaches_the_file_name() {
    let app = TestApp::new().await;
    let coord = app.login(COORDINATOR).await;
    let m = municipality_by_name(&app, &coord, "Лесогорский").await;
    let math = subject_id(&app, &coord, "Математика").await;
    let b = add_member(&app, &coord, &m, "Бобров Глеб Ильич", &math).await;
    let a = add_member(&app, &coord, &m, "Аистова Вера Олеговна", &math).await;
    let mut body = order("approve", "2026-10-01", vec![&b, &a], json!([]));
    body["number"] = json!("ОД-15");
    let o = app
        .post("/api/v1/composition/orders", &coord, body)
        .await
        .ok(201);
    // The order lists whom it approves in its own sequence, not by name.
    let listed: Vec<&str> = o["approved"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["member_id"].as_str().unwrap())
        .collect();
    assert_eq!(listed, vec![b.as_str(), a.as_str()]);
    let id = o["id"].as_str().unwrap();
    for (path, name) in [
        (
            format!("/api/v1/composition/orders/{id}/order.docx"),
            "prikaz-ОД-15.docx",
        ),
        (
            format!("/api/v1/composition/export.xlsx?order_id={id}"),
            "prilozhenie-1-ОД-15.xlsx",
        ),
    ] {
        let res = app
            .srv
            .get(&path)
            .insert_header(("Authorization", format!("Bearer {coord}")))
            .send()
            .await
            .expect("request sent");
        assert_eq!(res.status().as_u16(), 200, "{path}");
        let h = res
            .headers()
            .get("content-disposition")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string();
        // Plain ASCII for old clients, the real name in `filename*`.
        assert!(h.is_ascii(), "{h}");
        let encoded = h
            .split("filename*=UTF-8''")
            .nth(1)
            .unwrap_or_default()
            .split(';')
            .next()
            .unwrap_or_default();
        // Percent-decoded, the extended name is the real one.
        let mut bytes = Vec::new();
        let mut it = encoded.bytes();
        while let Some(c) = it.next() {
            if c == b'%' {
                let hex: String = [it.next().unwrap(), it.next().unwrap()]
                    .iter()
                    .map(|&x| x as char)
                    .collect();
                bytes.push(u8::from_str_radix(&hex, 16).unwrap());
            } else {
                bytes.push(c);
            }
        }
        assert_eq!(String::from_utf8(bytes).unwrap(), name, "{h}");
        assert!(h.contains("filename=\""), "{h}");
    }
}
