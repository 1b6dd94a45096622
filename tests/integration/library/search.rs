//! Russian search (the same answers on SQLite and PostgreSQL): inflected forms, ё, the
//! domain's abbreviations, words from a DOCX's body, ranking, highlighted snippets,
//! facets with counts; only published materials the caller may see are found.

use super::*;
use serde_json::json;

#[actix_web::test]
async fn inflections_yo_abbreviations_docx_body_facets_and_visibility() {
    let app = TestApp::new().await;
    let tutor = app.login(TUTOR).await;
    let coord = app.login(COORDINATOR).await;
    let teacher = other_teacher(&app, "s").await;
    let a = published(
        &app,
        &tutor,
        &coord,
        material(
            "Рабочая программа по алгебре",
            "Учет планируемых результатов по ФГОС",
            "municipality",
        ),
        &["Пояснительная записка"],
    )
    .await;
    let mut b = material(
        "Разбор всероссийских проверочных работ",
        "Типичные ошибки семиклассников",
        "municipality",
    );
    b["material_type"] = json!("exam_prep");
    b["grades"] = json!([7, 8]);
    published(&app, &tutor, &coord, b, &["Тренировочные задания"]).await;
    let mut c = material("ВПР по русскому языку", "Задания с ответами", "region");
    c["material_type"] = json!("exam_prep");
    published(&app, &tutor, &coord, c, &["Орфография"]).await;
    published(
        &app,
        &tutor,
        &coord,
        material("Школа молодого педагога", "Сборник материалов", "community"),
        &[
            "Введение",
            "Наставничество помогает молодым учителям освоить критериальное оценивание на уроках.",
        ],
    )
    .await;
    // A draft is never found.
    create(
        &app,
        &tutor,
        material("Черновая программа", "Не опубликована", "municipality"),
    )
    .await;

    let r = find(&app, &teacher, "программы").await;
    assert!(
        titles(&r).contains(&"Рабочая программа по алгебре".to_string()),
        "{r}"
    );
    assert!(!titles(&r).contains(&"Черновая программа".to_string()));
    let scores: Vec<f64> = r["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["score"].as_f64().unwrap())
        .collect();
    assert!(
        scores.windows(2).all(|w| w[0] >= w[1]),
        "ranked: {scores:?}"
    );

    // «учёт» finds «Учет» (and the demo manual's «Учёт» in its file).
    let r = find(&app, &teacher, "учёт").await;
    let hit = r["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["item"]["id"] == a.as_str())
        .expect("found");
    assert_eq!(hit["snippet_source"], "Описание");
    let marked: Vec<&str> = hit["snippet"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["hit"] == true)
        .map(|p| p["text"].as_str().unwrap())
        .collect();
    assert_eq!(marked, vec!["Учет"]);

    // ВПР ↔ всероссийские проверочные работы, both ways (with the demo's ВПР manual).
    let mut r = titles(&find(&app, &teacher, "ВПР").await);
    r.sort();
    assert_eq!(
        r,
        vec![
            "ВПР по русскому языку",
            "Подготовка к ВПР по математике в 7 классе",
            "Разбор всероссийских проверочных работ"
        ]
    );
    let r = find(&app, &teacher, "всероссийские проверочные работы").await;
    assert_eq!(r["total"], 3, "{r}");
    let facets = &r["facets"]["material_type"];
    assert_eq!(facets[0]["value"], "exam_prep");
    assert_eq!(facets[0]["count"], 3);
    assert_eq!(facets[0]["label"], "Материалы подготовки к ГИА/ВПР");
    let grades: Vec<(String, i64)> = r["facets"]["grade"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["value"].as_str().unwrap().to_string(),
                g["count"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(grades, vec![("7".to_string(), 3), ("8".to_string(), 1)]);
    let r = app
        .get("/api/v1/library?q=%D0%92%D0%9F%D0%A0&grade=8", &teacher)
        .await
        .ok(200);
    assert_eq!(titles(&r), vec!["Разбор всероссийских проверочных работ"]);

    // A word from the DOCX's body, inflected, in a community-only material: the tutor
    // finds it with the file's snippet; a teacher (not in the community) does not.
    let r = find(&app, &tutor, "критериальному").await;
    assert_eq!(titles(&r), vec!["Школа молодого педагога"], "{r}");
    let h = &r["items"][0];
    assert_eq!(h["snippet_source"], "Файл «material.docx»");
    assert!(h["snippet"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["hit"] == true && p["text"] == "критериальное"));
    assert_eq!(find(&app, &teacher, "критериальному").await["total"], 0);
    assert_eq!(
        find(&app, &tutor, "наставник").await["total"],
        1,
        "наставник ↔ наставничество"
    );

    // Another municipality sees only the region-wide material.
    let admin = app.login(ADMIN).await;
    let ms = app.municipalities(&admin).await;
    let school = app.school_id(&admin, &ms[1].0, "МБОУ СОШ № 6").await;
    create_user(
        &app,
        &admin,
        user(
            "far-t@x.ru",
            "Дальняя Учительница",
            "teacher",
            &ms[1].0,
            Some(&school),
        ),
    )
    .await;
    let far = app.login("far-t@x.ru").await;
    assert_eq!(
        titles(&find(&app, &far, "ВПР").await),
        vec!["ВПР по русскому языку"]
    );
    assert_eq!(find(&app, &far, "программы").await["total"], 0);

    // Browsing without a query: everything visible, with facets; bad paging is 422.
    let all = app.get("/api/v1/library?limit=100", &teacher).await.ok(200);
    assert!(all["total"].as_i64().unwrap() >= 3);
    assert_eq!(
        app.get("/api/v1/library?limit=0", &teacher).await.status,
        422
    );
    // Stopwords alone are no query.
    assert_eq!(find(&app, &teacher, "и в на").await["total"], all["total"]);
}

/// «Popular» orders the found materials by downloads (then views), «newest» by
/// publication; the default with words is the match. An unknown order is a field error.
#[actix_web::test]
async fn popular_and_newest_orders() {
    let app = TestApp::new().await;
    let tutor = app.login(TUTOR).await;
    let coord = app.login(COORDINATOR).await;
    let teacher = other_teacher(&app, "p").await;
    let body = |t: &str| material(t, "Квазиметодика для проверки порядка", "municipality");
    let older = published(&app, &tutor, &coord, body("Первый материал"), &["Текст"]).await;
    let newer = published(&app, &tutor, &coord, body("Второй материал"), &["Текст"]).await;
    let d = detail(&app, &teacher, &older).await;
    let url = d["shown"]["files"][0]["url"].as_str().unwrap().to_string();
    for _ in 0..2 {
        assert_eq!(download(&app, &url, &teacher).await.0, 200);
    }
    let order = |r: &Value| -> Vec<String> {
        r["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["item"]["id"].as_str().unwrap().to_string())
            .collect()
    };
    let q = "/api/v1/library?q=%D0%BA%D0%B2%D0%B0%D0%B7%D0%B8%D0%BC%D0%B5%D1%82%D0%BE%D0%B4%D0%B8%D0%BA%D0%B0";
    let newest = app.get(&format!("{q}&sort=newest"), &teacher).await.ok(200);
    assert_eq!(order(&newest), vec![newer.clone(), older.clone()]);
    let popular = app
        .get(&format!("{q}&sort=popular"), &teacher)
        .await
        .ok(200);
    assert_eq!(order(&popular), vec![older, newer]);
    let bad = app.get(&format!("{q}&sort=random"), &teacher).await;
    assert_eq!(bad.status, 422);
}
