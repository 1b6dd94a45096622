use super::*;
use crate::composition::export::docx_text;
use crate::composition::{DOCX, XLSX};

/// Regional diagnostic results (no demo data of that procedure) of mathematics, grade 5.
async fn regional(app: &TestApp, coord: &str, m: &str, year: &str, rows: &[(&str, i32, [i32; 4])]) {
    let math = subject_id(app, coord, "Математика").await;
    let mut content = String::from("ОО;Количество участников;«2»;«3»;«4»;«5»\n");
    for (school, p, k) in rows {
        content.push_str(&format!(
            "{school};{p};{};{};{};{}\n",
            k[0], k[1], k[2], k[3]
        ));
    }
    app.post(
        "/api/v1/results/import/confirm",
        coord,
        json!({"municipality_id": m, "academic_year_id": year, "procedure": "regional",
               "subject_id": math, "grade": 5, "format": "csv", "content": content}),
    )
    .await
    .ok(201);
}

fn xlsx_sheets(bytes: &[u8]) -> Vec<(String, Vec<Vec<String>>)> {
    use calamine::{Reader, Xlsx};
    let mut book: Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    book.worksheets()
        .into_iter()
        .map(|(name, range)| {
            let rows = range
                .rows()
                .map(|r| r.iter().map(|c| c.to_string()).collect())
                .collect();
            (name, rows)
        })
        .collect()
}

#[actix_web::test]
async fn logged_work_moves_the_figures_and_every_figure_lists_its_records() {
    let app = TestApp::new().await;
    let coord = app.login(COORDINATOR).await;
    let tutor = app.login(TUTOR).await;
    let teacher = app.login(TEACHER).await;
    let (m, _) = app.municipalities(&coord).await.remove(0);
    let own_school = app.me(&teacher).await["school_id"]
        .as_str()
        .unwrap()
        .to_string();
    let before = app.get(&path(&m, ""), &coord).await.ok(200);
    assert_eq!(before["academic_year_name"], "2026/2027");
    let sid = held_session(&app, &tutor, &[&own_school], &teacher).await;
    app.post(
        &format!("/api/v1/sessions/{sid}/ratings"),
        &teacher,
        json!({"score": 4}),
    )
    .await
    .ok(200);
    let material = crate::library::published(
        &app,
        &tutor,
        &coord,
        crate::library::material("Памятка по ВПР", "Разбор типичных ошибок", "municipality"),
        &["Типичные ошибки ВПР по математике"],
    )
    .await;
    let after = app.get(&path(&m, ""), &coord).await.ok(200);
    let d = |key: &str| figure(&after["figures"], key) - figure(&before["figures"], key);
    assert_eq!(d("sessions_held"), 1.0);
    assert_eq!(d("hours"), 2.0);
    assert_eq!(d("ratings"), 1.0);
    assert_eq!(d("materials_published"), 1.0);
    let materials = records(&app, &coord, &m, "materials_published").await;
    let listed = materials
        .iter()
        .find(|r| r["id"] == material.as_str())
        .expect("the published material is listed");
    assert_eq!(
        (&listed["title"], &listed["href"]),
        (
            &json!("Памятка по ВПР"),
            &json!(format!("/library/{material}"))
        )
    );
    let by = |r: &Value, list: &str, key: &str| figure(&r[list], key);
    assert_eq!(
        by(&after, "by_activity", "sessions_held:activity:consulting")
            - by(&before, "by_activity", "sessions_held:activity:consulting"),
        1.0
    );
    assert_eq!(
        by(&after, "by_form", "sessions_held:form:group_consultation")
            - by(&before, "by_form", "sessions_held:form:group_consultation"),
        1.0
    );
    // The teacher of a ШНОР/ШССУ is reached, the school supported.
    let teacher_id = app.me(&teacher).await["id"].as_str().unwrap().to_string();
    let reached = records(&app, &coord, &m, "teachers_reached").await;
    assert!(reached.iter().any(|r| r["id"] == teacher_id.as_str()));
    assert_eq!(
        reached
            .iter()
            .find(|r| r["id"] == teacher_id.as_str())
            .unwrap()["href"],
        format!("/users/{teacher_id}/edit")
    );
    let schools = records(&app, &coord, &m, "schools_supported").await;
    assert!(
        schools.iter().any(|r| r["id"] == own_school.as_str()),
        "{schools:?}"
    );
    let held = records(&app, &coord, &m, "sessions_held:form:group_consultation").await;
    let mine = held
        .iter()
        .find(|r| r["id"] == sid.as_str())
        .expect("the session is listed");
    assert_eq!(mine["href"], format!("/sessions/{sid}"));
    assert_eq!(mine["detail"], "Групповая консультация, 2 ч");
    // Every figure is exactly the records behind it.
    for list in ["figures", "by_activity", "by_form"] {
        for f in after[list].as_array().unwrap() {
            let key = f["key"].as_str().unwrap();
            let recs = records(&app, &coord, &m, key).await;
            if key == "hours" {
                assert_eq!(
                    recs.len() as f64,
                    figure(&after["figures"], "sessions_held")
                );
            } else {
                assert_eq!(recs.len() as f64, f["value"].as_f64().unwrap(), "{key}");
            }
        }
    }
    // A key that names nothing is a field error, not a 500.
    let bad = app
        .get(
            &format!("/api/v1/effectiveness/records?municipality_id={m}&key=hours:form:x"),
            &coord,
        )
        .await;
    assert_eq!(
        (bad.status, bad.field_errors()),
        (422, vec!["key".to_string()])
    );
}

#[actix_web::test]
async fn a_supported_school_against_similar_ones_and_the_report_reads_the_same() {
    let app = TestApp::new().await;
    let admin = app.login(ADMIN).await;
    let coord = app.login(COORDINATOR).await;
    let tutor = app.login(TUTOR).await;
    let teacher = app.login(TEACHER).await;
    let (m, _) = app.municipalities(&coord).await.remove(0);
    for short in ["МОБУ СОШ № 31", "МОБУ СОШ № 32"] {
        app.post("/api/v1/schools", &admin, school(&m, short))
            .await
            .ok(201);
    }
    let alpha = app.school_id(&coord, &m, "МОБУ СОШ № 31").await;
    let own_school = app.me(&teacher).await["school_id"]
        .as_str()
        .unwrap()
        .to_string();
    let years = crate::results::ctx(&app).await;
    regional(
        &app,
        &coord,
        &m,
        &years.last_year,
        &[
            ("МОБУ СОШ № 31", 20, [8, 6, 4, 2]),
            ("МОБУ СОШ № 32", 20, [2, 10, 6, 2]),
        ],
    )
    .await;
    regional(
        &app,
        &coord,
        &m,
        &years.this_year,
        &[
            ("МОБУ СОШ № 31", 20, [4, 8, 6, 2]),
            ("МОБУ СОШ № 32", 20, [4, 8, 6, 2]),
        ],
    )
    .await;
    held_session(&app, &tutor, &[&alpha, &own_school], &teacher).await;

    let q = "&procedure=regional";
    let effect = app
        .get(
            &format!("/api/v1/effectiveness/effect?municipality_id={m}{q}"),
            &coord,
        )
        .await
        .ok(200);
    let row = |name: &str| {
        effect["schools"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["school_name"] == name)
            .unwrap()
            .clone()
    };
    let a = row("МОБУ СОШ № 31");
    assert_eq!(a["supported"], true);
    assert_eq!(
        (a["failing_before"].as_f64(), a["failing_after"].as_f64()),
        (Some(40.0), Some(20.0))
    );
    assert_eq!(a["change"].as_f64(), Some(-20.0));
    assert_eq!(
        (a["peers"].as_i64(), a["peers_change"].as_f64()),
        (Some(1), Some(10.0))
    );
    assert_eq!(a["size_band"], "small");
    let b = row("МОБУ СОШ № 32");
    assert_eq!(
        (b["supported"].clone(), b["change"].as_f64()),
        (json!(false), Some(10.0))
    );
    assert_eq!(effect["supported"]["change"].as_f64(), Some(-20.0));
    assert_eq!(effect["comparison"]["change"].as_f64(), Some(10.0));
    assert_eq!(effect["caveats"].as_array().unwrap().len(), 4);
    // Supported schools come first.
    assert_eq!(effect["schools"][0]["supported"], true);

    let review = app.get(&path(&m, q), &coord).await.ok(200);
    assert_eq!(review["previous_year_name"], "2025/2026");
    assert_eq!(review["failing"][0]["label"], "Сопровождаемые ШНОР/ШССУ");
    assert_eq!(review["failing"][0]["before"].as_f64(), Some(40.0));
    assert_eq!(review["failing"][0]["after"].as_f64(), Some(20.0));
    assert_eq!(review["failing"][2]["schools"], 2);
    assert_eq!(review["failing"][2]["before"].as_f64(), Some(25.0));

    // The Word report carries the API's figures.
    let (status, ct, bytes) = get_raw(
        &app,
        &format!("/api/v1/effectiveness/review.docx?municipality_id={m}{q}"),
        &coord,
    )
    .await;
    assert_eq!((status, ct.as_str()), (200, DOCX));
    let (_, text) = docx_text(&bytes);
    assert!(
        text.contains("Анализ эффективности деятельности муниципального тьюторского сообщества"),
        "{text}"
    );
    assert!(text.contains(&format!(
        "{} за 2026/2027 учебный год",
        review["municipality_name"].as_str().unwrap()
    )));
    for f in review["figures"].as_array().unwrap() {
        let line = format!(
            "{}\n{}\n",
            f["label"].as_str().unwrap(),
            f["text"].as_str().unwrap()
        );
        assert!(text.contains(&line), "{line:?} in {text}");
    }
    assert!(
        text.contains("Сопровождаемые ШНОР/ШССУ\n1\n40\n20\n-20\n"),
        "{text}"
    );
    assert!(
        text.contains("МОБУ СОШ № 31\nШНОР\n1\n2\n0\n0\n40\n20\n-20\n1 · 10\n"),
        "{text}"
    );
    assert!(text.contains("Сравнение показывает связь, а не причину"));

    // The workbook: a sheet per table, the same figures.
    let (status, ct, bytes) = get_raw(
        &app,
        &format!("/api/v1/effectiveness/review.xlsx?municipality_id={m}{q}"),
        &coord,
    )
    .await;
    assert_eq!((status, ct.as_str()), (200, XLSX));
    let sheets = xlsx_sheets(&bytes);
    let names: Vec<&str> = sheets.iter().map(|s| s.0.as_str()).collect();
    assert_eq!(
        names,
        [
            "Показатели",
            "Виды деятельности",
            "Формы работы",
            "Доля неуспешных",
            "Школы"
        ]
    );
    let figures = &sheets[0].1;
    for f in review["figures"].as_array().unwrap() {
        assert!(
            figures
                .iter()
                .any(|r| r.get(1).map(String::as_str) == f["label"].as_str()
                    && r.get(2).map(String::as_str) == f["text"].as_str()),
            "{f} in {figures:?}"
        );
    }
    let failing = &sheets[3].1;
    assert!(
        failing
            .iter()
            .any(|r| r[..5] == ["Сопровождаемые ШНОР/ШССУ", "1", "40", "20", "-20"]),
        "{failing:?}"
    );
}
