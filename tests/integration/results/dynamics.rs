//! Dynamics of a school and of a municipality against the averages (numbers exact),
//! scales changed between years, and the risk list.

use super::*;

/// Three years of ВПР in mathematics, grade 5: the own municipality's СОШ № 1 (its
/// failing share rising two years running) and СОШ № 2 (ШНОР, falling), the foreign
/// municipality's СОШ № 6 for the regional average.
async fn three_years(app: &TestApp, c: &Ctx) -> (String, String) {
    let admin = app.login(ADMIN).await;
    let oldest = app
        .post(
            "/api/v1/academic-years",
            &admin,
            json!({"start_year": 2024}),
        )
        .await
        .ok(201)["id"]
        .as_str()
        .unwrap()
        .to_string();
    let own = |year: &str, rows: &[(&str, i32, [i32; 4])]| vpr(c, year, "csv", &counts_csv(rows));
    import(
        app,
        &c.coord,
        own(&oldest, &[("МБОУ СОШ № 1", 30, [1, 14, 9, 6])]),
    )
    .await;
    import(
        app,
        &c.coord,
        own(
            &c.last_year,
            &[
                ("МОБУ СОШ № 2", 20, [8, 6, 4, 2]),
                ("МБОУ СОШ № 1", 30, [3, 12, 9, 6]),
            ],
        ),
    )
    .await;
    import(
        app,
        &c.coord,
        own(
            &c.this_year,
            &[
                ("МОБУ СОШ № 2", 20, [4, 8, 6, 2]),
                ("МБОУ СОШ № 1", 30, [4, 11, 9, 6]),
            ],
        ),
    )
    .await;
    let (foreign, _) = app.municipalities(&admin).await.remove(1);
    for (year, marks) in [
        (&c.last_year, [5, 20, 15, 10]),
        (&c.this_year, [10, 20, 10, 10]),
    ] {
        let mut b = own(year, &[("МБОУ СОШ № 6", 50, marks)]);
        b["municipality_id"] = json!(foreign);
        import(app, &admin, b).await;
    }
    let s2 = app.school_id(&c.coord, &c.m, "МОБУ СОШ № 2").await;
    (oldest, s2)
}

fn failing(points: &Value, key: &str) -> Vec<Value> {
    points
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p[key]["failing_share"].clone())
        .collect()
}

#[actix_web::test]
async fn a_school_against_its_municipality_and_the_region() {
    let app = TestApp::new().await;
    let c = ctx(&app).await;
    let (oldest, s2) = three_years(&app, &c).await;
    for (year, min3) in [(&c.last_year, 6), (&c.this_year, 7)] {
        app.put("/api/v1/results/scales", &c.coord, json!({"municipality_id": c.m, "academic_year_id": year,
            "procedure": "vpr", "subject_id": c.math, "grade": 5, "max_score": 20, "min3": min3, "min4": 10, "min5": 14}))
            .await
            .ok(200);
    }
    let q = format!("procedure=vpr&subject_id={}&grade=5", c.math);
    let d = app
        .get(
            &format!("/api/v1/results/schools/{s2}/dynamics?{q}"),
            &c.coord,
        )
        .await
        .ok(200);
    let years = &d["years"];
    let names: Vec<&str> = years
        .as_array()
        .unwrap()
        .iter()
        .map(|y| y["academic_year_name"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["2024/2025", "2025/2026", "2026/2027"]);
    assert_eq!(years[0]["academic_year_id"], oldest.as_str());
    assert_eq!(years[0]["own"], Value::Null, "no results that year");
    assert_eq!(failing(years, "own")[1..], [json!(40.0), json!(20.0)]);
    assert_eq!(
        failing(years, "municipal"),
        vec![json!(3.3), json!(22.0), json!(16.0)]
    );
    assert_eq!(
        failing(years, "regional"),
        vec![json!(3.3), json!(16.0), json!(18.0)]
    );
    assert_eq!(years[2]["own"]["quality"], 40.0);
    assert_eq!(years[1]["municipal"]["mean_mark"], 3.36);
    assert_eq!(years[2]["is_low_results"], true);
    assert_eq!(years[1]["scale_changed"], false);
    assert_eq!(years[2]["scale_changed"], true);
    assert_eq!(
        years[2]["scale"],
        "0–6 → «2», 7–9 → «3», 10–13 → «4», 14–20 → «5»"
    );
    assert!(years[2]["sessions_held"].is_i64());
    assert_eq!(d["name"], "МОБУ СОШ № 2");
    assert_eq!(d["risks"], json!([]));
    // The teacher of that school sees the same numbers.
    let teacher = app.login(TEACHER).await;
    let t = app
        .get(
            &format!("/api/v1/results/schools/{s2}/dynamics?{q}"),
            &teacher,
        )
        .await
        .ok(200);
    assert_eq!(
        failing(&t["years"], "municipal"),
        failing(years, "municipal")
    );

    let m = app
        .get(
            &format!("/api/v1/results/municipalities/{}/dynamics?{q}", c.m),
            &c.coord,
        )
        .await
        .ok(200);
    assert_eq!(failing(&m["years"], "own"), failing(years, "municipal"));
    let schools = m["schools"].as_array().unwrap();
    let names: Vec<&str> = schools
        .iter()
        .map(|s| s["school_name"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["МБОУ СОШ № 1", "МОБУ СОШ № 2"]);
    assert_eq!(schools[1]["is_low_results"], true);
    let s1: Vec<Value> = schools[0]["years"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| y["failing_share"].clone())
        .collect();
    assert_eq!(s1, vec![json!(3.3), json!(10.0), json!(13.3)]);
    assert_eq!(schools[1]["years"][0], Value::Null);
}

#[actix_web::test]
async fn risks_above_the_threshold_or_rising_two_years() {
    let app = TestApp::new().await;
    let c = ctx(&app).await;
    three_years(&app, &c).await;
    let r = app
        .get(
            &format!("/api/v1/results/risks?subject_id={}", c.math),
            &c.coord,
        )
        .await
        .ok(200);
    assert_eq!(r["threshold"], 25.0);
    let list = r["items"].as_array().unwrap();
    assert_eq!(list.len(), 1, "{r}");
    assert_eq!(list[0]["school_name"], "МБОУ СОШ № 1");
    assert_eq!(list[0]["reasons"], json!(["rising_two_years"]));
    assert_eq!(list[0]["failing_share"], 13.3);
    assert_eq!(list[0]["academic_year_name"], "2026/2027");
    assert_eq!(list[0]["series"].as_array().unwrap().len(), 3);
    let r = app
        .get(
            &format!("/api/v1/results/risks?threshold=15&subject_id={}", c.math),
            &c.coord,
        )
        .await
        .ok(200);
    let names: Vec<&str> = r["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["school_name"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["МОБУ СОШ № 2", "МБОУ СОШ № 1"]);
    assert_eq!(r["items"][0]["reasons"], json!(["above_threshold"]));
    assert_eq!(r["items"][0]["is_low_results"], true);
    // The teacher sees only their own school.
    let teacher = app.login(TEACHER).await;
    let t = app
        .get(
            &format!("/api/v1/results/risks?threshold=15&subject_id={}", c.math),
            &teacher,
        )
        .await
        .ok(200);
    assert_eq!(t["items"].as_array().unwrap().len(), 1);
    assert_eq!(t["items"][0]["school_name"], "МОБУ СОШ № 2");
    let bad = app
        .get("/api/v1/results/risks?threshold=200", &c.coord)
        .await;
    assert_eq!(bad.field_errors(), vec!["threshold"]);
}
