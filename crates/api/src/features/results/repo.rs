//! Queries of results and scales: the list in the caller's reach, one slice, the rows
//! of a series (a region's procedure × subject × grade), the academic years (private
//! to the noun).

use super::rows::{NewResult, ResultRow, ScaleRow};
use crate::auth::Reach;
use crate::error::AppResult;
use crate::store::conn::{DbConn, MultiBackend};
use crate::store::names::{school_short_names, subject_names};
use crate::store::page::{finish_page, page_limit, Cursor};
use crate::store::record::{now, Found};
use crate::store::schema::{academic_years, assessment_results as ar, assessment_scales as sc};
use diesel::prelude::*;
use std::collections::HashMap;
use tutornet_domain::results::{AssessmentResult, Procedure, ResultFilter};
use tutornet_domain::Page;

type Boxed<'a> = ar::BoxedQuery<'a, MultiBackend>;

/// An academic year: id, name, first and last day, current.
#[derive(Clone)]
pub(super) struct Year {
    pub id: String,
    pub name: String,
    pub starts_on: chrono::NaiveDate,
    pub ends_on: chrono::NaiveDate,
}

/// Every academic year, oldest first.
pub(super) fn years(conn: &mut DbConn) -> AppResult<Vec<Year>> {
    let rows: Vec<(String, String, chrono::NaiveDate, chrono::NaiveDate)> = academic_years::table
        .order(academic_years::starts_on.asc())
        .select((
            academic_years::id,
            academic_years::name,
            academic_years::starts_on,
            academic_years::ends_on,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, name, starts_on, ends_on)| Year {
            id,
            name,
            starts_on,
            ends_on,
        })
        .collect())
}

fn filtered<'a>(reach: &Reach, f: &ResultFilter) -> Boxed<'a> {
    let mut q = crate::in_reach!(
        ar::table.into_boxed(), reach,
        region: (via ar::municipality_id),
        municipality: (ar::municipality_id),
        school: (ar::school_id),
        own: (nothing),
    );
    q = q.filter(ar::archived_at.is_null());
    if let Some(v) = &f.municipality_id {
        q = q.filter(ar::municipality_id.eq(v.clone()));
    }
    if let Some(v) = &f.school_id {
        q = q.filter(ar::school_id.eq(v.clone()));
    }
    if let Some(v) = &f.academic_year_id {
        q = q.filter(ar::academic_year_id.eq(v.clone()));
    }
    if let Some(v) = f.procedure {
        q = q.filter(ar::procedure.eq(v.as_str()));
    }
    if let Some(v) = &f.subject_id {
        q = q.filter(ar::subject_id.eq(v.clone()));
    }
    if let Some(v) = f.grade {
        q = q.filter(ar::grade.eq(v));
    }
    q
}

pub(super) fn to_domain(
    conn: &mut DbConn,
    rows: Vec<ResultRow>,
) -> AppResult<Vec<AssessmentResult>> {
    let schools = school_short_names(conn, rows.iter().map(|r| r.school_id.clone()).collect())?;
    let subjects = subject_names(conn, rows.iter().map(|r| r.subject_id.clone()).collect())?;
    let years: HashMap<String, String> = years(conn)?.into_iter().map(|y| (y.id, y.name)).collect();
    rows.into_iter()
        .map(|r| {
            let procedure = r.procedure()?;
            let metrics = r.totals().metrics(procedure);
            Ok(AssessmentResult {
                school_name: schools.get(&r.school_id).cloned().unwrap_or_default(),
                subject_name: subjects.get(&r.subject_id).cloned().unwrap_or_default(),
                academic_year_name: years.get(&r.academic_year_id).cloned().unwrap_or_default(),
                id: r.id,
                municipality_id: r.municipality_id,
                school_id: r.school_id,
                academic_year_id: r.academic_year_id,
                procedure,
                subject_id: r.subject_id,
                grade: r.grade,
                class_label: Some(r.class_label).filter(|c| !c.is_empty()),
                participants: r.participants,
                mark2: r.mark2,
                mark3: r.mark3,
                mark4: r.mark4,
                mark5: r.mark5,
                below_threshold: r.below_threshold,
                mean_score: r.mean_score,
                metrics,
                meta: r.book.into(),
            })
        })
        .collect()
}

pub(super) fn list(
    conn: &mut DbConn,
    reach: &Reach,
    f: &ResultFilter,
) -> AppResult<Page<AssessmentResult>> {
    let limit = page_limit(f.limit)?;
    let after = f.cursor.as_deref().map(Cursor::decode).transpose()?;
    let total: i64 = filtered(reach, f).count().get_result(conn)?;
    let mut q = filtered(reach, f).order(ar::id.asc());
    if let Some(c) = after {
        q = q.filter(ar::id.gt(c.id));
    }
    let rows: Vec<ResultRow> = q
        .limit(limit + 1)
        .select(ResultRow::as_select())
        .load(conn)?;
    let page = finish_page(rows, limit, total, |r| Cursor::new("", &r.id), |r| r);
    Ok(Page {
        items: to_domain(conn, page.items)?,
        total: page.total,
        next_cursor: page.next_cursor,
    })
}

pub(super) fn find(conn: &mut DbConn, id: &str) -> AppResult<AssessmentResult> {
    let row: ResultRow = ar::table
        .find(id)
        .select(ResultRow::as_select())
        .first(conn)
        .found("Результат не найден")?;
    Ok(to_domain(conn, vec![row])?.remove(0))
}

/// A slice: year × procedure × subject × grade × school × class.
pub(super) struct Slice<'a> {
    pub year: &'a str,
    pub procedure: Procedure,
    pub subject: &'a str,
    pub grade: i32,
    pub school: &'a str,
    pub class_label: &'a str,
}

/// The live results of a slice (at most one).
pub(super) fn live(conn: &mut DbConn, s: &Slice) -> AppResult<Vec<ResultRow>> {
    Ok(ar::table
        .filter(ar::academic_year_id.eq(s.year))
        .filter(ar::procedure.eq(s.procedure.as_str()))
        .filter(ar::subject_id.eq(s.subject))
        .filter(ar::grade.eq(s.grade))
        .filter(ar::school_id.eq(s.school))
        .filter(ar::class_label.eq(s.class_label))
        .filter(ar::archived_at.is_null())
        .select(ResultRow::as_select())
        .load(conn)?)
}

/// Whether the school has live results of year × procedure × subject × grade.
pub(super) fn has_slice(
    conn: &mut DbConn,
    year: &str,
    procedure: Procedure,
    subject: &str,
    grade: i32,
) -> AppResult<Vec<(String, String)>> {
    Ok(ar::table
        .filter(ar::academic_year_id.eq(year))
        .filter(ar::procedure.eq(procedure.as_str()))
        .filter(ar::subject_id.eq(subject))
        .filter(ar::grade.eq(grade))
        .filter(ar::archived_at.is_null())
        .select((ar::school_id, ar::class_label))
        .load(conn)?)
}

/// Archives a result (replaced by a newer import or entry).
pub(super) fn archive(conn: &mut DbConn, id: &str, by: &str) -> AppResult<()> {
    let t = now();
    diesel::update(ar::table.find(id))
        .set((
            ar::archived_at.eq(t),
            ar::updated_at.eq(t),
            ar::updated_by.eq(by),
            ar::version.eq(ar::version + 1),
        ))
        .execute(conn)?;
    Ok(())
}

/// Inserts a result. A live result of the same slice written by a concurrent
/// transaction (the unique index) makes the transaction run again, so it replaces it.
pub(super) fn insert(conn: &mut DbConn, by: Option<String>, r: &NewResult) -> AppResult<()> {
    use diesel::result::{DatabaseErrorKind, Error};
    diesel::insert_into(ar::table)
        .values((r, crate::new_bookkeeping!(assessment_results, by)))
        .execute(conn)
        .map_err(|e| match e {
            Error::DatabaseError(DatabaseErrorKind::UniqueViolation, info) => {
                crate::error::AppError::Contended(info.message().to_string())
            }
            other => other.into(),
        })?;
    Ok(())
}

/// The live results of procedure × subject × grade in the municipalities given.
pub(super) fn series_rows(
    conn: &mut DbConn,
    municipalities: &[String],
    procedure: Option<Procedure>,
    subject: Option<&str>,
    grade: Option<i32>,
) -> AppResult<Vec<ResultRow>> {
    let mut q = ar::table
        .filter(ar::municipality_id.eq_any(municipalities.to_vec()))
        .filter(ar::archived_at.is_null())
        .into_boxed();
    if let Some(p) = procedure {
        q = q.filter(ar::procedure.eq(p.as_str()));
    }
    if let Some(s) = subject {
        q = q.filter(ar::subject_id.eq(s.to_string()));
    }
    if let Some(g) = grade {
        q = q.filter(ar::grade.eq(g));
    }
    Ok(q.order(ar::id.asc())
        .select(ResultRow::as_select())
        .load(conn)?)
}

/// The scales of a municipality's procedure × subject × grade by year.
pub(super) fn scales(
    conn: &mut DbConn,
    municipality: &str,
    procedure: Procedure,
    subject: &str,
    grade: i32,
) -> AppResult<HashMap<String, ScaleRow>> {
    let rows: Vec<ScaleRow> = sc::table
        .filter(sc::municipality_id.eq(municipality))
        .filter(sc::procedure.eq(procedure.as_str()))
        .filter(sc::subject_id.eq(subject))
        .filter(sc::grade.eq(grade))
        .filter(sc::archived_at.is_null())
        .select(ScaleRow::as_select())
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|r| (r.academic_year_id.clone(), r))
        .collect())
}

/// Each school's pooled totals of a procedure in one year of a municipality (every
/// subject, grade and class).
pub(super) fn school_totals(
    conn: &mut DbConn,
    municipality: &str,
    year: &str,
    procedure: Procedure,
) -> AppResult<HashMap<String, tutornet_domain::results::Totals>> {
    let rows: Vec<ResultRow> = ar::table
        .filter(ar::municipality_id.eq(municipality))
        .filter(ar::academic_year_id.eq(year))
        .filter(ar::procedure.eq(procedure.as_str()))
        .filter(ar::archived_at.is_null())
        .select(ResultRow::as_select())
        .load(conn)?;
    let mut out: HashMap<String, tutornet_domain::results::Totals> = HashMap::new();
    for r in rows {
        out.entry(r.school_id.clone()).or_default().add(&r.totals());
    }
    Ok(out)
}
