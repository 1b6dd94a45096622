//! Operations on results: the list in reach, entry by hand (replacing the slice),
//! the slice writer the import shares (dynamics and risks: `dynamics`; scales: `scales`).

use super::repo::{self, Slice};
use super::rows::NewResult;
use crate::auth::AuthUser;
use crate::error::{AppError, AppResult};
use crate::store::audit::Scope;
use crate::store::conn::DbConn;
use crate::store::record::new_id;
use crate::store::schema::{academic_years, schools};
use crate::store::Audit;
use diesel::prelude::*;
use tutornet_domain::audit::{AuditAction, AuditEntity};
use tutornet_domain::permissions::{Action, Resource};
use tutornet_domain::results::*;
use tutornet_domain::Page;

pub(super) const R: Resource = Resource::Results;

/// A school's municipality, region, short name and current flags (404 when none).
pub(super) struct SchoolPlace {
    pub municipality: String,
    pub region: String,
    pub name: String,
    pub low: bool,
    pub difficult: bool,
}

pub(super) fn school_place(conn: &mut DbConn, id: &str) -> AppResult<SchoolPlace> {
    let (m, name, low, difficult): (String, String, bool, bool) = schools::table
        .find(id)
        .select((
            schools::municipality_id,
            schools::short_name,
            schools::is_low_results,
            schools::is_difficult_conditions,
        ))
        .first(conn)
        .optional()?
        .ok_or_else(|| AppError::NotFound("Школа не найдена".into()))?;
    let region = crate::store::names::region_of(conn, &m)?.unwrap_or_default();
    Ok(SchoolPlace {
        municipality: m,
        region,
        name,
        low,
        difficult,
    })
}

pub fn list(
    conn: &mut DbConn,
    user: &AuthUser,
    f: &ResultFilter,
) -> AppResult<Page<AssessmentResult>> {
    let reach = user.reach(R, Action::Read)?;
    repo::list(conn, &reach, f)
}

/// 422 unless the year and the subject exist.
pub(super) fn check_year_subject(conn: &mut DbConn, year: &str, subject: &str) -> AppResult<()> {
    let y: i64 = academic_years::table
        .filter(academic_years::id.eq(year))
        .count()
        .get_result(conn)?;
    if y == 0 {
        return Err(AppError::field(
            "academic_year_id",
            "invalid_reference",
            "Учебный год не найден",
        ));
    }
    if !crate::store::names::subject_exists(conn, subject)? {
        return Err(AppError::field(
            "subject_id",
            "invalid_reference",
            "Предмет не найден",
        ));
    }
    Ok(())
}

/// What the slice writer stores for one school (and class).
pub(super) struct Entry<'a> {
    pub municipality: &'a str,
    pub region: &'a str,
    pub slice: Slice<'a>,
    pub participants: i32,
    pub marks: Option<[i32; 4]>,
    pub below_threshold: Option<i32>,
    pub mean_score: Option<f64>,
}

/// Archives the slice's live results and stores the new one, audited; returns the new
/// id and how many were replaced.
pub(super) fn write_slice(
    conn: &mut DbConn,
    user: &AuthUser,
    e: &Entry,
    action: AuditAction,
) -> AppResult<(String, i32)> {
    let scope = || Scope::municipality(e.region, e.municipality);
    let old = repo::live(conn, &e.slice)?;
    let replaced = old.len() as i32;
    for r in old {
        let id = r.id.clone();
        let before = repo::to_domain(conn, vec![r])?.remove(0);
        repo::archive(conn, &id, &user.id)?;
        let after = repo::find(conn, &id)?;
        Audit::new(user, AuditEntity::AssessmentResult, &id, scope()).record(
            conn,
            AuditAction::Archive,
            Some(&before),
            Some(&after),
        )?;
    }
    let id = new_id();
    let [m2, m3, m4, m5] = e.marks.map(|m| m.map(Some)).unwrap_or([None; 4]);
    let row = NewResult {
        id: &id,
        municipality_id: e.municipality,
        school_id: e.slice.school,
        academic_year_id: e.slice.year,
        procedure: e.slice.procedure.as_str(),
        subject_id: e.slice.subject,
        grade: e.slice.grade,
        class_label: e.slice.class_label,
        participants: e.participants,
        mark2: m2,
        mark3: m3,
        mark4: m4,
        mark5: m5,
        below_threshold: e.below_threshold,
        mean_score: e.mean_score,
    };
    repo::insert(conn, Some(user.id.clone()), &row)?;
    let after = repo::find(conn, &id)?;
    Audit::new(user, AuditEntity::AssessmentResult, &id, scope()).record(
        conn,
        action,
        None,
        Some(&after),
    )?;
    Ok((id, replaced))
}

/// Results typed in by hand; replaces the slice's stored results.
pub fn create(conn: &mut DbConn, user: &AuthUser, i: &ResultInput) -> AppResult<AssessmentResult> {
    i.validate().map_err(AppError::Validation)?;
    let place = school_place(conn, &i.school_id)
        .map_err(|_| AppError::field("school_id", "invalid_reference", "Школа не найдена"))?;
    crate::access::places::check_place(
        conn,
        user,
        R,
        Action::Create,
        &place.municipality,
        Some(&i.school_id),
    )?;
    check_year_subject(conn, &i.academic_year_id, &i.subject_id)?;
    let class = i.class_label.as_deref().map(str::trim).unwrap_or("");
    let e = Entry {
        municipality: &place.municipality,
        region: &place.region,
        slice: Slice {
            year: &i.academic_year_id,
            procedure: i.procedure.unwrap_or(Procedure::Trial),
            subject: &i.subject_id,
            grade: i.grade,
            school: &i.school_id,
            class_label: class,
        },
        participants: i.participants,
        marks: i.marks(),
        below_threshold: i.below_threshold,
        mean_score: i.mean_score,
    };
    let (id, _) = write_slice(conn, user, &e, AuditAction::Create)?;
    repo::find(conn, &id)
}

/// Each school's pooled totals of a procedure in one year of a municipality, for the
/// effectiveness review (which checks the caller's access itself).
pub fn school_totals(
    conn: &mut DbConn,
    municipality: &str,
    year: &str,
    procedure: Procedure,
) -> AppResult<std::collections::HashMap<String, Totals>> {
    repo::school_totals(conn, municipality, year, procedure)
}
