//! Queries of schools: the list in the caller's reach, one school, the insert.

use super::rows::{SchoolFields, SchoolRow};
use crate::auth::{AuthUser, Reach};
use crate::error::AppResult;
use crate::store::conn::DbConn;
use crate::store::conn::MultiBackend;
use crate::store::page::{like_pattern, Cursor};
use crate::store::record::Found;
use crate::store::schema::schools;
use crate::{by_name_after, new_bookkeeping};
use diesel::prelude::*;
use tutornet_domain::org::{School, SchoolFilter, SchoolInput};
use tutornet_domain::Page;

type Boxed<'a> = schools::BoxedQuery<'a, MultiBackend>;

fn in_reach<'a>(mut q: Boxed<'a>, reach: &Reach) -> Boxed<'a> {
    q = crate::in_reach!(
        q, reach,
        region: (via schools::municipality_id),
        municipality: (schools::municipality_id),
        school: (schools::id),
        own: (nothing),
    );
    q
}

fn filtered<'a>(reach: &Reach, f: &SchoolFilter) -> Boxed<'a> {
    let mut q = in_reach(schools::table.into_boxed(), reach);
    if let Some(text) = f.q.as_deref().filter(|s| !s.trim().is_empty()) {
        q = q.filter(schools::search.like(like_pattern(text)).escape('\\'));
    }
    if let Some(m) = &f.municipality_id {
        q = q.filter(schools::municipality_id.eq(m.clone()));
    }
    if let Some(v) = f.is_low_results {
        q = q.filter(schools::is_low_results.eq(v));
    }
    if let Some(v) = f.is_difficult_conditions {
        q = q.filter(schools::is_difficult_conditions.eq(v));
    }
    if let Some(v) = f.is_500plus {
        q = q.filter(schools::is_500plus.eq(v));
    }
    if let Some(v) = f.is_mentor {
        q = q.filter(schools::is_mentor.eq(v));
    }
    if !f.include_archived.unwrap_or(false) {
        q = q.filter(schools::archived_at.is_null());
    }
    q
}

pub fn list(conn: &mut DbConn, reach: &Reach, f: &SchoolFilter) -> AppResult<Page<School>> {
    let limit = crate::store::page::page_limit(f.limit)?;
    let desc = crate::store::page::sort_desc(f.sort.as_deref())?;
    let after = f.cursor.as_deref().map(Cursor::decode).transpose()?;
    let total: i64 = filtered(reach, f).count().get_result(conn)?;
    let q = by_name_after!(filtered(reach, f), schools, desc, after);
    let rows: Vec<SchoolRow> = q
        .limit(limit + 1)
        .select(SchoolRow::as_select())
        .load(conn)?;
    Ok(crate::store::page::finish_page(
        rows,
        limit,
        total,
        |r| Cursor::new(r.name_sort.as_str(), &r.id),
        School::from,
    ))
}

pub fn find(conn: &mut DbConn, id: &str) -> AppResult<School> {
    schools::table
        .find(id)
        .select(SchoolRow::as_select())
        .first(conn)
        .found("Школа не найдена")
}

/// Inserts without checks (for `demo`, bench data and `create`).
pub fn insert(
    conn: &mut DbConn,
    actor: Option<&AuthUser>,
    id: &str,
    i: &SchoolInput,
) -> AppResult<()> {
    diesel::insert_into(schools::table)
        .values((
            schools::id.eq(id),
            schools::municipality_id.eq(&i.municipality_id),
            SchoolFields::from(i),
            new_bookkeeping!(schools, actor.map(|a| a.id.clone())),
        ))
        .execute(conn)?;
    Ok(())
}
