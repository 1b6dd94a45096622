use super::*;

#[actix_web::test]
async fn who_reads_the_review() {
    let app = TestApp::new().await;
    let coord = app.login(COORDINATOR).await;
    let admin = app.login(ADMIN).await;
    let (m, _) = app.municipalities(&coord).await.remove(0);
    let (foreign, _) = app.municipalities(&admin).await.remove(1);
    // The coordinator reads their own municipality by default; the observer too.
    for who in [COORDINATOR, OBSERVER] {
        let t = app.login(who).await;
        let r = app.get("/api/v1/effectiveness", &t).await.ok(200);
        assert_eq!(r["municipality_id"], m.as_str(), "{who}");
    }
    // A foreign municipality is not found for the coordinator; the admin names one.
    assert_eq!(app.get(&path(&foreign, ""), &coord).await.status, 404);
    app.get(&path(&foreign, ""), &admin).await.ok(200);
    let none = app.get("/api/v1/effectiveness", &admin).await;
    assert_eq!(
        (none.status, none.field_errors()),
        (422, vec!["municipality_id".to_string()])
    );
    // Tutors, teachers and school administrators do not read it.
    for who in [TUTOR, TEACHER, SCHOOL_ADMIN] {
        let t = app.login(who).await;
        for p in [
            "",
            "/records?key=hours",
            "/effect",
            "/review.docx",
            "/review.xlsx",
        ] {
            let r = app.get(&format!("/api/v1/effectiveness{p}"), &t).await;
            assert_eq!(r.status, 403, "{who} {p}");
        }
    }
    // An unknown year is a field error.
    let r = app.get(&path(&m, "&academic_year_id=nope"), &coord).await;
    assert_eq!(
        (r.status, r.field_errors()),
        (422, vec!["academic_year_id".to_string()])
    );
}
