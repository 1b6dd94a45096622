use super::*;
use crate::access::matrix::{Ctx, Rows};

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

pub fn rows() -> Rows {
    Rows {
        noun: "effectiveness",
        //                                  admin coord tutor teach sadm  obs   far
        cases: vec![
            ("GET review own m", &[200, 200, 403, 403, 403, 200, 404]),
            ("GET review foreign m", &[200, 404, 403, 403, 403, 404, 200]),
            ("GET records own m", &[200, 200, 403, 403, 403, 200, 404]),
            ("GET effect own m", &[200, 200, 403, 403, 403, 200, 404]),
            ("GET docx own m", &[200, 200, 403, 403, 403, 200, 404]),
            ("GET xlsx foreign m", &[200, 404, 403, 403, 403, 404, 200]),
        ],
        play: |c, case| Box::pin(play(c, case)),
    }
}

async fn play(c: &Ctx<'_>, case: &str) -> u16 {
    let (app, w, t) = (c.app, c.w, c.t);
    let p = match case {
        "GET review own m" => path(&w.own_m, ""),
        "GET review foreign m" => path(&w.foreign_m, ""),
        "GET records own m" => format!(
            "/api/v1/effectiveness/records?municipality_id={}&key=sessions_held",
            w.own_m
        ),
        "GET effect own m" => format!("/api/v1/effectiveness/effect?municipality_id={}", w.own_m),
        "GET docx own m" => format!(
            "/api/v1/effectiveness/review.docx?municipality_id={}",
            w.own_m
        ),
        "GET xlsx foreign m" => format!(
            "/api/v1/effectiveness/review.xlsx?municipality_id={}",
            w.foreign_m
        ),
        other => panic!("unknown case {other}"),
    };
    get_raw(app, &p, t).await.0
}
