//! Demo data: one КТП of the demo teacher in review by the demo tutor, with a few
//! verdicts already given (the rest of the checklist waits for the expert).

use super::repo;
use super::rows::{NewReview, NewRound};
use crate::error::AppResult;
use crate::store::conn::DbConn;
use crate::store::record::{new_id, now};
use crate::store::schema::{subjects, users};
use diesel::prelude::*;
use tutornet_domain::reviews::{default_criteria, DocumentType, Verdict, VerdictEntry};

pub fn load_demo(conn: &mut DbConn, municipality_id: &str) -> AppResult<()> {
    let user = |conn: &mut DbConn, email: &str| -> AppResult<Option<(String, Option<String>)>> {
        Ok(users::table
            .filter(users::email.eq(email))
            .select((users::id, users::school_id))
            .first(conn)
            .optional()?)
    };
    let (Some((teacher, Some(school))), Some((tutor, _))) = (
        user(conn, "teacher@tutornet.local")?,
        user(conn, "tutor@tutornet.local")?,
    ) else {
        return Ok(());
    };
    let Some(year) = crate::features::academic_years::ops::current(conn)? else {
        return Ok(());
    };
    let math: Option<String> = subjects::table
        .filter(subjects::name.eq("Математика"))
        .select(subjects::id)
        .first(conn)
        .optional()?;
    let criteria = default_criteria(DocumentType::Ktp);
    let t = now();
    let id = new_id();
    repo::insert(
        conn,
        &NewReview {
            id: &id,
            municipality_id,
            academic_year_id: &year.id,
            school_id: &school,
            author_id: &teacher,
            for_school: false,
            document_type: DocumentType::Ktp.as_str(),
            title: "КТП по математике, 7 класс, 2026/2027 учебный год",
            subject_id: math.as_deref(),
            grades: Some("7".into()),
            status: "in_review",
            same_school_confirmed: false,
            round: 1,
            template_version: 1,
            criteria: serde_json::to_string(&criteria).unwrap_or_default(),
            request_id: None,
            status_changed_at: t,
            created_at: t,
            updated_at: t,
            created_by: &teacher,
            updated_by: &tutor,
            version: 3,
        },
    )?;
    let verdicts: Vec<VerdictEntry> = criteria
        .iter()
        .take(2)
        .map(|c| VerdictEntry {
            code: c.code.clone(),
            verdict: Some(Verdict::Met),
            remark: None,
        })
        .collect();
    repo::insert_round(
        conn,
        &NewRound {
            id: new_id(),
            review_id: &id,
            number: 1,
            verdicts: serde_json::to_string(&verdicts).unwrap_or_default(),
            author_comment: None,
            started_at: t,
        },
    )?;
    use crate::store::schema::reviews;
    diesel::update(reviews::table.find(&id))
        .set((
            reviews::expert_id.eq(&tutor),
            reviews::due_on.eq(Some(t.date() + chrono::Duration::days(10))),
            reviews::no_conflict_declared_at.eq(Some(t)),
        ))
        .execute(conn)?;
    for (from, to, who) in [
        (None, "submitted", &teacher),
        (Some("submitted"), "assigned", &teacher),
        (Some("assigned"), "in_review", &tutor),
    ] {
        repo::insert_event(conn, &id, Some(who), (from, to), None)?;
    }
    Ok(())
}
