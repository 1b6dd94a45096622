//! `GET /calendar/schedule/export.xlsx` and `.docx`: the printable schedule of
//! consultations by subject — title naming the municipality, group headings in order,
//! rows in time order, local times, cancelled sessions left out. Both files are opened
//! and read back.

use crate::common::*;
use chrono::{Duration, Utc};
use serde_json::{json, Value};
use std::io::Read;

/// Every row of the first sheet as text cells.
fn xlsx_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    use calamine::{Reader, Xlsx};
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec()))
        .expect("an XLSX workbook");
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

/// The paragraphs' text of `word/document.xml`, one line per paragraph.
fn docx_text(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).expect("a DOCX");
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let xml = xml.replace("</w:p>", "\n");
    let mut out = String::new();
    let mut in_tag = false;
    for c in xml.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// The local (Moscow, UTC+3) «ДД.ММ.ГГГГ» and «ЧЧ:ММ» of `at(hours)`.
fn local(hours: i64) -> (String, String) {
    let t = Utc::now() + Duration::hours(hours) + Duration::hours(3);
    (
        t.format("%d.%m.%Y").to_string(),
        t.format("%H:%M").to_string(),
    )
}

fn with_subject(mut body: Value, subject: &str) -> Value {
    body["subject_id"] = json!(subject);
    body
}

#[actix_web::test]
async fn the_schedule_by_subject_in_word_and_excel() {
    let app = TestApp::new().await;
    let tutor = app.login(TUTOR).await;
    let coord = app.login(COORDINATOR).await;
    let (m, _) = app.municipalities(&coord).await.remove(0);
    let math = subject_id(&app, &coord, "Математика").await;
    let russian = subject_id(&app, &coord, "Русский язык").await;
    let point =
        super::super::consultation_points::new_point(&app, &coord, &m, "Пункт при ИМЦ").await;
    // 40–45 days ahead: math on day 41 planned first, then math on day 40 (it must
    // still come first), Russian, one without a subject, a cancelled math one.
    let d = 24 * 40;
    let mut late = with_subject(
        remote_session("tutorial", "Математика: вторая встреча", d + 24, d + 25),
        &math,
    );
    late["consultation_point_id"] = point["id"].clone();
    plan_session(&app, &tutor, late).await;
    plan_session(
        &app,
        &tutor,
        with_subject(
            remote_session("group_consultation", "Математика: первая встреча", d, d + 1),
            &math,
        ),
    )
    .await;
    plan_session(
        &app,
        &tutor,
        with_subject(
            remote_session("tutorial", "Русский язык: орфография", d + 3, d + 4),
            &russian,
        ),
    )
    .await;
    plan_session(
        &app,
        &tutor,
        remote_session("tutorial", "Общий семинар", d + 48, d + 49),
    )
    .await;
    let gone = plan_session(
        &app,
        &tutor,
        with_subject(
            remote_session("tutorial", "Отменённая встреча", d + 6, d + 7),
            &math,
        ),
    )
    .await;
    app.post(
        &format!("/api/v1/sessions/{}/cancel", gone["id"].as_str().unwrap()),
        &tutor,
        json!({"reason": "Перенос", "version": gone["version"]}),
    )
    .await
    .ok(200);

    let (from, to) = (
        (Utc::now() + Duration::days(39))
            .format("%Y-%m-%d")
            .to_string(),
        (Utc::now() + Duration::days(45))
            .format("%Y-%m-%d")
            .to_string(),
    );
    let q = format!("from={from}&to={to}");
    let (status, ct, xlsx) = get_raw(
        &app,
        &format!("/api/v1/calendar/schedule/export.xlsx?{q}"),
        &coord,
    )
    .await;
    assert_eq!(status, 200);
    assert!(ct.contains("spreadsheetml"), "{ct}");
    let rows = xlsx_rows(&xlsx);
    let first: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        first[0],
        "График проведения консультаций муниципальными учителями-тьюторами"
    );
    assert_eq!(first[1], "в Лесогорском районе");
    assert!(
        first[2].starts_with("с ") && first[2].contains(" по "),
        "{}",
        first[2]
    );
    assert_eq!(
        rows[4][..7],
        [
            "№ п/п",
            "Дата",
            "Время",
            "Форма работы",
            "Тема",
            "Тьютор",
            "Место проведения"
        ]
    );
    // Group headings and rows, in print order (the heading is the row's first cell).
    let body: Vec<(String, String)> = rows[5..]
        .iter()
        .map(|r| (r[0].clone(), r[4].clone()))
        .collect();
    let expect = [
        ("Математика", ""),
        ("1", "Математика: первая встреча"),
        ("2", "Математика: вторая встреча"),
        ("Русский язык", ""),
        ("3", "Русский язык: орфография"),
        ("Без предмета", ""),
        ("4", "Общий семинар"),
    ];
    assert_eq!(
        body,
        expect.map(|(a, b)| (a.to_string(), b.to_string())).to_vec()
    );
    // Local date and time, form, tutor, place (the point, then how to join).
    let (day, hhmm) = local(d);
    let row = &rows[6];
    assert_eq!(row[1], day);
    assert!(row[2].starts_with(&format!("{hhmm}–")), "{:?}", row);
    assert_eq!(row[3], "Групповая консультация");
    assert_eq!(row[5], "Кедров Алексей Павлович");
    assert_eq!(
        rows[7][6],
        "Пункт при ИМЦ; Дистанционно: https://meet.example/x"
    );

    // Chosen subjects come in the order asked, and only they.
    let (_, _, docx) = get_raw(
        &app,
        &format!("/api/v1/calendar/schedule/export.docx?{q}&subject_ids={russian},{math}"),
        &coord,
    )
    .await;
    let text = docx_text(&docx);
    let pos = |s: &str| text.find(s).unwrap_or_else(|| panic!("{s} not in {text}"));
    assert!(pos("График проведения консультаций") < pos("в Лесогорском районе"));
    let order = [
        "Место проведения",
        "Русский язык",
        "Русский язык: орфография",
        "Математика",
        "Математика: первая встреча",
        "Математика: вторая встреча",
    ];
    for w in order.windows(2) {
        assert!(pos(w[0]) < pos(w[1]), "{} before {}:\n{text}", w[0], w[1]);
    }
    assert!(
        !text.contains("Общий семинар") && !text.contains("Без предмета"),
        "{text}"
    );
    assert!(!text.contains("Отменённая встреча"), "{text}");

    // A period the wrong way round is a field error.
    let r = app
        .get(
            &format!("/api/v1/calendar/schedule/export.xlsx?from={to}&to={from}"),
            &coord,
        )
        .await;
    assert_eq!(r.status, 422);
    assert_eq!(r.field_errors(), vec!["to"]);
}
