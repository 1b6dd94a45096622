//! The results import: preview writes nothing, counts and percents, XLSX, per-row
//! errors, all or nothing, a re-import replaces the slice; entry by hand.

use super::*;

#[actix_web::test]
async fn preview_matches_schools_and_confirm_stores_the_counts() {
    let app = TestApp::new().await;
    let c = ctx(&app).await;
    let csv = counts_csv(&[
        ("МОБУ СОШ № 2 им. А.И. Полянского", 20, [6, 8, 4, 2]),
        ("МБОУ СОШ №5", 30, [3, 12, 9, 6]),
    ]);
    let p = app
        .post(
            "/api/v1/results/import/preview",
            &c.coord,
            vpr(&c, &c.this_year, "csv", &csv),
        )
        .await
        .ok(200);
    assert_eq!(p["error_rows"], 0);
    let rows = p["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["school_name"], "МОБУ СОШ № 2");
    assert_eq!(rows[0]["metrics"]["failing_share"], 30.0);
    assert_eq!(rows[0]["metrics"]["quality"], 30.0);
    assert_eq!(rows[1]["metrics"]["mean_mark"], 3.6);
    assert_eq!(p["mapping"]["mark5"], 5);
    let q = format!(
        "/api/v1/results?municipality_id={}&procedure=vpr&subject_id={}",
        c.m, c.math
    );
    let listed = || async {
        app.get(&q, &c.coord).await.ok(200)["total"]
            .as_i64()
            .unwrap()
    };
    assert_eq!(listed().await, 0, "preview writes nothing");
    let r = import(&app, &c.coord, vpr(&c, &c.this_year, "csv", &csv)).await;
    assert_eq!(
        (r["created"].as_i64(), r["replaced"].as_i64()),
        (Some(2), Some(0))
    );
    assert_eq!(listed().await, 2);
    let log = audit_of(&app, &c.coord, r["result_ids"][0].as_str().unwrap()).await;
    assert_eq!(actions(&log), vec!["import"]);
}

#[actix_web::test]
async fn percents_become_counts_and_xlsx_reads() {
    let app = TestApp::new().await;
    let c = ctx(&app).await;
    let text = "ОО;Участники;% «2»;% «3»;% «4»;% «5»\nМБОУ СОШ № 1;27;11,1;33,3;40,7;14,9\n";
    let p = app
        .post(
            "/api/v1/results/import/preview",
            &c.coord,
            vpr(&c, &c.this_year, "csv", text),
        )
        .await
        .ok(200);
    let row = &p["rows"][0];
    assert_eq!(p["unit"], "percent");
    assert_eq!(
        [&row["mark2"], &row["mark3"], &row["mark4"], &row["mark5"]],
        [&json!(3), &json!(9), &json!(11), &json!(4)]
    );
    assert_eq!(row["from_percent"], true);
    // The same table as an XLSX file, with a «№» column first.
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c_, h) in ["№", "Наименование ОО", "Писали работу", "2", "3", "4", "5"]
        .iter()
        .enumerate()
    {
        ws.write(0, c_ as u16, *h).unwrap();
    }
    ws.write(1, 0, 1).unwrap();
    ws.write(1, 1, "МБОУ СОШ № 5").unwrap();
    for (i, n) in [25, 5, 10, 6, 4].iter().enumerate() {
        ws.write(1, 2 + i as u16, *n).unwrap();
    }
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD.encode(wb.save_to_buffer().unwrap());
    let p = app
        .post(
            "/api/v1/results/import/preview",
            &c.coord,
            vpr(&c, &c.this_year, "xlsx", &b64),
        )
        .await
        .ok(200);
    assert_eq!(p["error_rows"], 0, "{p}");
    assert_eq!(p["rows"][0]["metrics"]["failing_share"], 20.0);
    assert_eq!(p["rows"][0]["school_name"], "МБОУ СОШ № 5");
}

#[actix_web::test]
async fn row_errors_and_all_or_nothing() {
    let app = TestApp::new().await;
    let c = ctx(&app).await;
    let csv = counts_csv(&[
        ("МБОУ СОШ № 1", 20, [2, 8, 6, 4]),
        ("МБОУ СОШ № 5", 20, [2, 8, 6, 5]),
        ("МБОУ СОШ № 99", 10, [1, 3, 3, 3]),
    ]);
    let p = app
        .post(
            "/api/v1/results/import/preview",
            &c.coord,
            vpr(&c, &c.this_year, "csv", &csv),
        )
        .await
        .ok(200);
    assert_eq!(p["error_rows"], 2);
    assert!(p["rows"][1]["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("= 21, а участников 20"));
    assert_eq!(p["rows"][2]["errors"][0]["code"], "unknown_school");
    let r = app
        .post(
            "/api/v1/results/import/confirm",
            &c.coord,
            vpr(&c, &c.this_year, "csv", &csv),
        )
        .await;
    assert_eq!(r.status, 422);
    assert_eq!(r.field_errors(), vec!["rows[1]", "rows[2].school"]);
    let q = format!(
        "/api/v1/results?municipality_id={}&subject_id={}",
        c.m, c.math
    );
    assert_eq!(app.get(&q, &c.coord).await.ok(200)["total"], 0);
    // A school of the other municipality is not found in this one.
    let csv = counts_csv(&[("МБОУ СОШ № 12", 10, [1, 3, 3, 3])]);
    let p = app
        .post(
            "/api/v1/results/import/preview",
            &c.coord,
            vpr(&c, &c.this_year, "csv", &csv),
        )
        .await
        .ok(200);
    assert_eq!(p["rows"][0]["errors"][0]["code"], "unknown_school");
}

#[actix_web::test]
async fn a_reimport_replaces_the_slice() {
    let app = TestApp::new().await;
    let c = ctx(&app).await;
    let first = counts_csv(&[
        ("МБОУ СОШ № 1", 20, [2, 8, 6, 4]),
        ("МБОУ СОШ № 5", 10, [1, 3, 3, 3]),
    ]);
    import(&app, &c.coord, vpr(&c, &c.this_year, "csv", &first)).await;
    let again = counts_csv(&[("МБОУ СОШ № 1", 22, [1, 9, 8, 4])]);
    let p = app
        .post(
            "/api/v1/results/import/preview",
            &c.coord,
            vpr(&c, &c.this_year, "csv", &again),
        )
        .await
        .ok(200);
    assert_eq!(p["replacing_rows"], 1);
    assert_eq!(p["rows"][0]["replaces"], true);
    let r = import(&app, &c.coord, vpr(&c, &c.this_year, "csv", &again)).await;
    assert_eq!(
        (r["created"].as_i64(), r["replaced"].as_i64()),
        (Some(1), Some(1))
    );
    let q = format!(
        "/api/v1/results?municipality_id={}&academic_year_id={}&subject_id={}",
        c.m, c.this_year, c.math
    );
    let page = app.get(&q, &c.coord).await.ok(200);
    assert_eq!(page["total"], 2, "one row per school, never duplicated");
    let one = items(&page)
        .iter()
        .find(|x| x["school_name"] == "МБОУ СОШ № 1")
        .unwrap();
    assert_eq!(one["participants"], 22);
    // Another year or grade is another slice.
    let mut other = vpr(&c, &c.last_year, "csv", &again);
    import(&app, &c.coord, other.clone()).await;
    other["grade"] = json!(6);
    assert_eq!(import(&app, &c.coord, other).await["replaced"], 0);
}

#[actix_web::test]
async fn a_trial_work_typed_in_by_hand() {
    let app = TestApp::new().await;
    let c = ctx(&app).await;
    let school = app.school_id(&c.coord, &c.m, "МБОУ СОШ № 5").await;
    let body = |p: i32, m: [i32; 4]| {
        json!({"academic_year_id": c.this_year, "procedure": "trial", "subject_id": c.math, "grade": 9,
               "school_id": school, "class_label": "9А", "participants": p,
               "mark2": m[0], "mark3": m[1], "mark4": m[2], "mark5": m[3], "mean_score": 14.5})
    };
    let r = app
        .post("/api/v1/results", &c.coord, body(8, [3, 3, 1, 1]))
        .await
        .ok(201);
    assert_eq!(r["metrics"]["failing_share"], 37.5);
    assert_eq!(r["metrics"]["small_group"], true);
    assert_eq!(r["class_label"], "9А");
    let bad = app
        .post("/api/v1/results", &c.coord, body(8, [3, 3, 1, 2]))
        .await;
    assert_eq!(bad.status, 422);
    assert_eq!(bad.field_errors(), vec!["participants"]);
    app.post("/api/v1/results", &c.coord, body(9, [2, 4, 2, 1]))
        .await
        .ok(201);
    let q = format!("/api/v1/results?school_id={school}&procedure=trial");
    let page = app.get(&q, &c.coord).await.ok(200);
    assert_eq!(page["total"], 1);
    assert_eq!(items(&page)[0]["participants"], 9);
    let unknown = app
        .post(
            "/api/v1/results",
            &c.coord,
            json!({"academic_year_id": c.this_year, "subject_id": c.math,
            "grade": 9, "school_id": school, "participants": 1, "colour": "red"}),
        )
        .await;
    assert_eq!(unknown.status, 422);
}

#[actix_web::test]
async fn ege_counts_below_the_threshold_and_the_calendar() {
    let app = TestApp::new().await;
    let c = ctx(&app).await;
    let text =
        "ОО;Участники;Не преодолели минимальный порог;Средний балл\nМБОУ СОШ № 1;12;3;48,5\n";
    let mut body = vpr(&c, &c.this_year, "csv", text);
    body["procedure"] = json!("ege");
    body["grade"] = json!(11);
    let p = app
        .post("/api/v1/results/import/preview", &c.coord, body)
        .await
        .ok(200);
    assert_eq!(p["error_rows"], 0, "{p}");
    assert_eq!(p["rows"][0]["metrics"]["failing_share"], 25.0);
    assert_eq!(p["rows"][0]["mean_score"], 48.5);
    // The calendar: dates inside the year, archived entries hidden.
    let ev = app
        .post("/api/v1/results/calendar", &c.coord, json!({"municipality_id": c.m, "procedure": "vpr",
            "subject_id": c.math, "grade": 5, "held_on": "2027-04-15", "title": "ВПР по математике, 5 класс"}))
        .await
        .ok(201);
    assert_eq!(ev["academic_year_id"], c.this_year.as_str());
    let outside = app
        .post(
            "/api/v1/results/calendar",
            &c.coord,
            json!({"municipality_id": c.m, "procedure": "oge",
            "academic_year_id": c.this_year, "held_on": "2026-06-01"}),
        )
        .await;
    assert_eq!(outside.field_errors(), vec!["held_on"]);
    let path = format!("/api/v1/results/calendar/{}", ev["id"].as_str().unwrap());
    let moved = app
        .put(
            &path,
            &c.coord,
            json!({"municipality_id": c.m, "procedure": "vpr", "subject_id": c.math,
            "grade": 5, "held_on": "2027-04-16", "version": ev["version"]}),
        )
        .await
        .ok(200);
    assert_eq!(moved["held_on"], "2027-04-16");
    let stale = app
        .put(
            &path,
            &c.coord,
            json!({"municipality_id": c.m, "procedure": "vpr", "held_on": "2027-04-17",
            "version": ev["version"]}),
        )
        .await;
    assert_eq!(stale.status, 409);
    let teacher = app.login(TEACHER).await;
    assert_eq!(
        app.get("/api/v1/results/calendar", &teacher)
            .await
            .ok(200)
            .as_array()
            .unwrap()
            .len(),
        1
    );
    app.delete(&path, &c.coord).await.ok(200);
    assert!(app
        .get("/api/v1/results/calendar", &c.coord)
        .await
        .ok(200)
        .as_array()
        .unwrap()
        .is_empty());
}
