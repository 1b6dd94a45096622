//! Support flags per academic year with their basis: the history, the current year
//! mirrored on the school, who may set them, stale versions, and two first settings of
//! the same year at once (one wins) — on both databases.

use crate::common::*;
use futures_util::future::join_all;
use serde_json::{json, Value};

async fn years(app: &TestApp, t: &str) -> (String, String) {
    let page = app.get("/api/v1/academic-years", t).await.ok(200);
    let year = |name: &str| {
        items(&page)
            .iter()
            .find(|y| y["name"] == name)
            .map(|y| y["id"].as_str().unwrap().to_string())
            .unwrap()
    };
    (year("2025/2026"), year("2026/2027"))
}

fn set(flags: Value, version: Option<&Value>) -> Value {
    let mut body = flags;
    if let Some(v) = version {
        body["version"] = v.clone();
    }
    body
}

#[actix_web::test]
async fn flags_are_kept_per_year_with_their_basis() {
    let app = TestApp::new().await;
    let coord = app.login(COORDINATOR).await;
    let (m, _) = app.municipalities(&coord).await.remove(0);
    let school = app.school_id(&coord, &m, "МОБУ СОШ № 7").await;
    let (previous, current) = years(&app, &coord).await;
    let path = format!("/api/v1/schools/{school}/flags");

    // The demo keeps the flags of both years, each with its basis, latest year first.
    let history = app.get(&path, &coord).await.ok(200);
    let names: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["academic_year_name"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["2026/2027", "2025/2026"]);
    assert!(history[0]["basis"]
        .as_str()
        .unwrap()
        .contains("2026/2027 учебный год"));
    let before = app
        .get(&format!("/api/v1/schools/{school}"), &coord)
        .await
        .ok(200);

    // Last year's flags change; the school's own (this year's) do not.
    let last = history[1].clone();
    let body = json!({"is_low_results": true, "is_500plus": true,
        "basis": "Письмо ФИОКО № 02-117 от 15.02.2025", "version": last["version"]});
    let changed = app
        .put(&format!("{path}/{previous}"), &coord, body.clone())
        .await
        .ok(200);
    assert_eq!(changed["is_500plus"], true);
    assert_eq!(changed["basis"], "Письмо ФИОКО № 02-117 от 15.02.2025");
    assert_eq!(changed["version"], last["version"].as_i64().unwrap() + 1);
    let school_now = app
        .get(&format!("/api/v1/schools/{school}"), &coord)
        .await
        .ok(200);
    assert_eq!(school_now["is_500plus"], before["is_500plus"]);
    assert_eq!(school_now["version"], before["version"]);
    // The same stale change again: 409; so is one without a version (meant as the
    // year's first setting).
    let stale = app.put(&format!("{path}/{previous}"), &coord, body).await;
    assert_eq!(stale.status, 409);
    let bare = app
        .put(
            &format!("{path}/{previous}"),
            &coord,
            json!({"is_low_results": true}),
        )
        .await;
    assert_eq!(bare.status, 409);
    assert_eq!(bare.code(), "version_conflict");

    // This year's flags are the school's: setting 500+ here shows on the school.
    let this = history[0].clone();
    let mut flags = json!({"is_low_results": this["is_low_results"],
        "is_difficult_conditions": this["is_difficult_conditions"], "is_500plus": true,
        "basis": "Приказ МОН № 01-26/2026"});
    flags = set(flags, Some(&this["version"]));
    app.put(&format!("{path}/{current}"), &coord, flags)
        .await
        .ok(200);
    let school_now = app
        .get(&format!("/api/v1/schools/{school}"), &coord)
        .await
        .ok(200);
    assert_eq!(school_now["is_500plus"], true);
    assert_eq!(
        school_now["version"],
        before["version"].as_i64().unwrap() + 1
    );

    // And a school edit that changes its flags records them for the current year,
    // keeping the basis already given.
    let mut edit = school_edit(&school_now);
    edit["is_500plus"] = json!(false);
    app.put(&format!("/api/v1/schools/{school}"), &coord, edit)
        .await
        .ok(200);
    let history = app.get(&path, &coord).await.ok(200);
    assert_eq!(history[0]["is_500plus"], false);
    assert_eq!(history[0]["basis"], "Приказ МОН № 01-26/2026");

    // Unknown year: 404; a basis too long: 422 on `basis`.
    let r = app
        .put(&format!("{path}/no-such-year"), &coord, json!({}))
        .await;
    assert_eq!(r.status, 404);
    let r = app
        .put(
            &format!("{path}/{previous}"),
            &coord,
            json!({"basis": "б".repeat(501), "version": 1}),
        )
        .await;
    assert_eq!(r.field_errors(), vec!["basis"]);
}

#[actix_web::test]
async fn who_may_read_and_set_flags() {
    let app = TestApp::new().await;
    let admin = app.login(ADMIN).await;
    let coord = app.login(COORDINATOR).await;
    // The school administrator's own school (a ШНОР, so it has a history).
    let own = app.login(SCHOOL_ADMIN).await;
    let me = app.get("/api/v1/auth/me", &own).await.ok(200);
    let school = me["school_id"].as_str().unwrap().to_string();
    let (previous, _) = years(&app, &coord).await;
    let path = format!("/api/v1/schools/{school}/flags");
    let far = far_coordinator(&app, &admin).await;
    for (who, read, write) in [
        (ADMIN, 200, 200),
        (COORDINATOR, 200, 200),
        (OBSERVER, 200, 403),
        (TUTOR, 200, 403),
        (SCHOOL_ADMIN, 200, 403),
    ] {
        let t = app.login(who).await;
        assert_eq!(app.get(&path, &t).await.status, read, "{who} reads");
        let cur = app.get(&path, &admin).await.ok(200);
        let last = cur
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["academic_year_id"] == previous.as_str())
            .unwrap()
            .clone();
        let r = app
            .put(
                &format!("{path}/{previous}"),
                &t,
                json!({"is_low_results": !last["is_low_results"].as_bool().unwrap(),
                       "version": last["version"]}),
            )
            .await;
        assert_eq!(r.status, write, "{who} sets");
    }
    let r = app.get(&path, &far).await;
    assert!(matches!(r.status, 403 | 404), "far coordinator reads");
    let r = app
        .put(&format!("{path}/{previous}"), &far, json!({"version": 1}))
        .await;
    assert!(matches!(r.status, 403 | 404), "far coordinator sets");
}

#[actix_web::test]
async fn two_first_settings_of_a_year_make_one_record() {
    let app = TestApp::with(|c| c.pool_size = 16).await;
    let coord = app.login(COORDINATOR).await;
    let (m, _) = app.municipalities(&coord).await.remove(0);
    let (previous, _) = years(&app, &coord).await;
    for round in 0..10 {
        // A school without flags has no history yet.
        let s = app
            .post(
                "/api/v1/schools",
                &coord,
                json!({"municipality_id": m, "short_name": format!("МБОУ ООШ № {}", 200 + round),
                       "full_name": format!("Основная школа № {}", 200 + round)}),
            )
            .await
            .ok(201);
        let id = s["id"].as_str().unwrap();
        let path = format!("/api/v1/schools/{id}/flags/{previous}");
        let racers = (0..4).map(|i| {
            app.put(
                &path,
                &coord,
                json!({"is_low_results": true, "basis": format!("Основание {i}")}),
            )
        });
        let mut statuses: Vec<u16> = join_all(racers).await.iter().map(|r| r.status).collect();
        statuses.sort();
        assert_eq!(statuses, vec![200, 409, 409, 409], "round {round}");
        let history = app
            .get(&format!("/api/v1/schools/{id}/flags"), &coord)
            .await
            .ok(200);
        assert_eq!(history.as_array().unwrap().len(), 1);
    }
}
