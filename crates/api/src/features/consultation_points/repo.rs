//! Queries of consultation points: the list in the caller's reach, one point, names for
//! the sessions that are held at them (private to the noun).

use super::rows::{PointFields, PointRow};
use crate::auth::{AuthUser, Reach};
use crate::error::AppResult;
use crate::store::conn::{DbConn, MultiBackend};
use crate::store::names::{school_short_names, subject_names, user_names};
use crate::store::page::Cursor;
use crate::store::record::{taken, Found};
use crate::store::schema::{consultation_point_subjects as cps, consultation_points as cp};
use crate::{by_name_after, new_bookkeeping};
use diesel::prelude::*;
use std::collections::HashMap;
use tutornet_domain::consultation_points::{
    ConsultationPoint, ConsultationPointFilter, ConsultationPointInput, PointSubject,
};
use tutornet_domain::Page;

pub(super) const TAKEN: &str = "Пункт с таким названием в муниципалитете уже есть";

type Boxed<'a> = cp::BoxedQuery<'a, MultiBackend>;

fn filtered<'a>(reach: &Reach, f: &ConsultationPointFilter) -> Boxed<'a> {
    let mut q = crate::in_reach!(
        cp::table.into_boxed(), reach,
        region: (via cp::municipality_id),
        municipality: (cp::municipality_id),
        school: (nothing),
        own: (nothing),
    );
    if let Some(m) = &f.municipality_id {
        q = q.filter(cp::municipality_id.eq(m.clone()));
    }
    if let Some(s) = &f.subject_id {
        q = q.filter(
            cp::id.eq_any(
                cps::table
                    .filter(cps::subject_id.eq(s.clone()))
                    .select(cps::point_id),
            ),
        );
    }
    if !f.include_archived.unwrap_or(false) {
        q = q.filter(cp::archived_at.is_null());
    }
    q
}

/// The rows as the domain sees them: school, head and subject names resolved.
fn to_domain(conn: &mut DbConn, rows: Vec<PointRow>) -> AppResult<Vec<ConsultationPoint>> {
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let links: Vec<(String, String)> = cps::table
        .filter(cps::point_id.eq_any(&ids))
        .select((cps::point_id, cps::subject_id))
        .load(conn)?;
    let subjects = subject_names(conn, links.iter().map(|l| l.1.clone()).collect())?;
    let schools = school_short_names(
        conn,
        rows.iter()
            .filter_map(|r| r.base_school_id.clone())
            .collect(),
    )?;
    let heads = user_names(
        conn,
        rows.iter().filter_map(|r| r.head_user_id.clone()).collect(),
    )?;
    let mut by_point: HashMap<String, Vec<PointSubject>> = HashMap::new();
    for (p, s) in links {
        let name = subjects.get(&s).cloned().unwrap_or_default();
        by_point
            .entry(p)
            .or_default()
            .push(PointSubject { id: s, name });
    }
    Ok(rows
        .into_iter()
        .map(|r| {
            let mut subjects = by_point.remove(&r.id).unwrap_or_default();
            tutornet_domain::text::sort_ru(&mut subjects, |s| s.name.as_str());
            ConsultationPoint {
                base_school_name: r
                    .base_school_id
                    .as_ref()
                    .and_then(|s| schools.get(s).cloned()),
                head_name: r
                    .head_user_id
                    .as_ref()
                    .and_then(|u| heads.get(u).cloned())
                    .or(r.head_name),
                id: r.id,
                municipality_id: r.municipality_id,
                name: r.name,
                base_school_id: r.base_school_id,
                base_organisation: r.base_organisation,
                head_user_id: r.head_user_id,
                subjects,
                address: r.address,
                note: r.note,
                meta: r.book.into(),
            }
        })
        .collect())
}

pub(super) fn list(
    conn: &mut DbConn,
    reach: &Reach,
    f: &ConsultationPointFilter,
) -> AppResult<Page<ConsultationPoint>> {
    let limit = crate::store::page::page_limit(f.limit)?;
    let after = f.cursor.as_deref().map(Cursor::decode).transpose()?;
    let total: i64 = filtered(reach, f).count().get_result(conn)?;
    let rows: Vec<PointRow> = by_name_after!(filtered(reach, f), consultation_points, false, after)
        .limit(limit + 1)
        .select(PointRow::as_select())
        .load(conn)?;
    let more = rows.len() as i64 > limit;
    let rows: Vec<PointRow> = rows.into_iter().take(limit as usize).collect();
    let next_cursor = more
        .then(|| {
            rows.last()
                .map(|r| Cursor::new(r.name_sort.as_str(), &r.id).encode())
        })
        .flatten();
    Ok(Page {
        items: to_domain(conn, rows)?,
        total,
        next_cursor,
    })
}

pub(super) fn find(conn: &mut DbConn, id: &str) -> AppResult<ConsultationPoint> {
    let row: PointRow = cp::table
        .find(id)
        .select(PointRow::as_select())
        .first(conn)
        .found("Консультационный пункт не найден")?;
    Ok(to_domain(conn, vec![row])?.remove(0))
}

pub(super) fn insert(
    conn: &mut DbConn,
    actor: Option<&AuthUser>,
    id: &str,
    i: &ConsultationPointInput,
) -> AppResult<()> {
    diesel::insert_into(cp::table)
        .values((
            cp::id.eq(id),
            cp::municipality_id.eq(&i.municipality_id),
            PointFields::from(i),
            new_bookkeeping!(consultation_points, actor.map(|a| a.id.clone())),
        ))
        .execute(conn)
        .map_err(taken("name", TAKEN))?;
    set_subjects(conn, id, &i.subject_ids)
}

/// Replaces the subjects a point serves.
pub(super) fn set_subjects(conn: &mut DbConn, id: &str, subject_ids: &[String]) -> AppResult<()> {
    diesel::delete(cps::table.filter(cps::point_id.eq(id))).execute(conn)?;
    let mut ids = subject_ids.to_vec();
    ids.sort();
    ids.dedup();
    for s in ids {
        diesel::insert_into(cps::table)
            .values((cps::point_id.eq(id), cps::subject_id.eq(s)))
            .execute(conn)?;
    }
    Ok(())
}

/// (municipality, archived) of a point, if it exists.
pub(super) fn placing(conn: &mut DbConn, id: &str) -> AppResult<Option<(String, bool)>> {
    Ok(cp::table
        .find(id)
        .select((cp::municipality_id, cp::archived_at.is_not_null()))
        .first(conn)
        .optional()?)
}

/// Names of points by id.
pub(super) fn names(conn: &mut DbConn, ids: Vec<String>) -> AppResult<HashMap<String, String>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(cp::table
        .filter(cp::id.eq_any(ids))
        .select((cp::id, cp::name))
        .load::<(String, String)>(conn)?
        .into_iter()
        .collect())
}
