//! Queries of the library (private to the noun).

use super::rows::{ItemRow, NewItem, SearchRow, VersionRow};
use crate::error::{AppError, AppResult};
use crate::store::conn::DbConn;
use crate::store::record::{new_id, now};
use crate::store::schema::{
    library_events, library_file_texts, library_items, library_reports, library_search,
    library_trusted_authors, library_versions,
};
use chrono::NaiveDateTime;
use diesel::prelude::*;

pub(super) fn find_item(conn: &mut DbConn, id: &str) -> AppResult<ItemRow> {
    library_items::table
        .find(id)
        .filter(library_items::archived_at.is_null())
        .select(ItemRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| AppError::NotFound("Материал не найден".into()))
}

pub(super) fn items(conn: &mut DbConn, ids: &[String]) -> AppResult<Vec<ItemRow>> {
    Ok(library_items::table
        .filter(library_items::id.eq_any(ids))
        .select(ItemRow::as_select())
        .load(conn)?)
}

pub(super) fn version_of(conn: &mut DbConn, item_id: &str, number: i32) -> AppResult<VersionRow> {
    Ok(library_versions::table
        .filter(library_versions::item_id.eq(item_id))
        .filter(library_versions::number.eq(number))
        .select(VersionRow::as_select())
        .first(conn)?)
}

/// The versions of items by (item, number) pairs.
pub(super) fn versions(conn: &mut DbConn, wanted: &[(String, i32)]) -> AppResult<Vec<VersionRow>> {
    let ids: Vec<&String> = wanted.iter().map(|(i, _)| i).collect();
    let rows: Vec<VersionRow> = library_versions::table
        .filter(library_versions::item_id.eq_any(ids))
        .select(VersionRow::as_select())
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter(|v| {
            wanted
                .iter()
                .any(|(i, n)| *i == v.item_id && *n == v.number)
        })
        .collect())
}

/// (number, title, created at) of every version, oldest first.
pub(super) fn version_list(
    conn: &mut DbConn,
    item_id: &str,
) -> AppResult<Vec<(i32, String, NaiveDateTime)>> {
    Ok(library_versions::table
        .filter(library_versions::item_id.eq(item_id))
        .order(library_versions::number.asc())
        .select((
            library_versions::number,
            library_versions::title,
            library_versions::created_at,
        ))
        .load(conn)?)
}

pub(super) fn insert_item(conn: &mut DbConn, item: &NewItem) -> AppResult<()> {
    diesel::insert_into(library_items::table)
        .values(item)
        .execute(conn)?;
    Ok(())
}

pub(super) fn insert_version(conn: &mut DbConn, v: &VersionRow) -> AppResult<()> {
    diesel::insert_into(library_versions::table)
        .values(v)
        .execute(conn)?;
    Ok(())
}

/// Rewrites a version's fields (an edit of the working version in place).
pub(super) fn rewrite_version(conn: &mut DbConn, v: &VersionRow) -> AppResult<()> {
    diesel::update(library_versions::table.find(&v.id))
        .set((
            library_versions::material_type.eq(&v.material_type),
            library_versions::title.eq(&v.title),
            library_versions::description.eq(&v.description),
            library_versions::subject_ids.eq(&v.subject_ids),
            library_versions::grades.eq(&v.grades),
            library_versions::activity_type.eq(&v.activity_type),
            library_versions::tags.eq(&v.tags),
            library_versions::authors.eq(&v.authors),
            library_versions::licence.eq(&v.licence),
            library_versions::links.eq(&v.links),
            library_versions::visibility.eq(&v.visibility),
            library_versions::file_ids.eq(&v.file_ids),
            library_versions::remarks.eq(&v.remarks),
        ))
        .execute(conn)?;
    Ok(())
}

/// The item's workflow state at `expected` version (0 rows: someone else changed it).
pub(super) fn set_state(
    conn: &mut DbConn,
    item: &ItemRow,
    user_id: &str,
    (status, current, published): (&str, i32, Option<i32>),
) -> AppResult<usize> {
    let changed_status = status != item.status;
    let n = crate::set_versioned!(
        conn,
        library_items,
        &item.id,
        item.version,
        user_id,
        (
            library_items::status.eq(status),
            library_items::current_version.eq(current),
            library_items::published_version.eq(published),
        )
    )?;
    if n > 0 && changed_status {
        diesel::update(library_items::table.find(&item.id))
            .set(library_items::status_changed_at.eq(now()))
            .execute(conn)?;
    }
    Ok(n)
}

pub(super) fn insert_event(
    conn: &mut DbConn,
    item_id: &str,
    actor_id: &str,
    (action, number): (&str, i32),
    comment: Option<&str>,
) -> AppResult<()> {
    diesel::insert_into(library_events::table)
        .values((
            library_events::id.eq(new_id()),
            library_events::item_id.eq(item_id),
            library_events::at.eq(now()),
            library_events::actor_id.eq(Some(actor_id)),
            library_events::action.eq(action),
            library_events::version_number.eq(number),
            library_events::comment.eq(comment),
        ))
        .execute(conn)?;
    Ok(())
}

pub(super) type EventRow = (NaiveDateTime, Option<String>, String, i32, Option<String>);

pub(super) fn events_of(conn: &mut DbConn, item_id: &str) -> AppResult<Vec<EventRow>> {
    Ok(library_events::table
        .filter(library_events::item_id.eq(item_id))
        .order((library_events::at.asc(), library_events::id.asc()))
        .select((
            library_events::at,
            library_events::actor_id,
            library_events::action,
            library_events::version_number,
            library_events::comment,
        ))
        .load(conn)?)
}

pub(super) fn insert_report(
    conn: &mut DbConn,
    item_id: &str,
    reporter: &str,
    reason: &str,
) -> AppResult<String> {
    let id = new_id();
    diesel::insert_into(library_reports::table)
        .values((
            library_reports::id.eq(&id),
            library_reports::item_id.eq(item_id),
            library_reports::reporter_id.eq(reporter),
            library_reports::reason.eq(reason),
            library_reports::created_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(id)
}

/// Open reports of an item: (id, reason, reporter, at).
pub(super) fn open_reports(
    conn: &mut DbConn,
    item_id: &str,
) -> AppResult<Vec<(String, String, String, NaiveDateTime)>> {
    Ok(library_reports::table
        .filter(library_reports::item_id.eq(item_id))
        .filter(library_reports::resolved_at.is_null())
        .order(library_reports::created_at.asc())
        .select((
            library_reports::id,
            library_reports::reason,
            library_reports::reporter_id,
            library_reports::created_at,
        ))
        .load(conn)?)
}

/// Item ids with open reports, one entry per report.
pub(super) fn reported(conn: &mut DbConn, ids: Option<&[String]>) -> AppResult<Vec<String>> {
    let mut q = library_reports::table
        .filter(library_reports::resolved_at.is_null())
        .select(library_reports::item_id)
        .into_boxed();
    if let Some(ids) = ids {
        q = q.filter(library_reports::item_id.eq_any(ids.to_vec()));
    }
    Ok(q.load(conn)?)
}

pub(super) fn resolve_reports(conn: &mut DbConn, item_id: &str) -> AppResult<()> {
    diesel::update(
        library_reports::table
            .filter(library_reports::item_id.eq(item_id))
            .filter(library_reports::resolved_at.is_null()),
    )
    .set(library_reports::resolved_at.eq(Some(now())))
    .execute(conn)?;
    Ok(())
}

pub(super) fn is_trusted(conn: &mut DbConn, user_id: &str) -> AppResult<bool> {
    Ok(library_trusted_authors::table
        .find(user_id)
        .count()
        .get_result::<i64>(conn)?
        > 0)
}

/// Grants or withdraws the right; whether anything changed.
pub(super) fn set_trusted(
    conn: &mut DbConn,
    user_id: &str,
    by: &str,
    trusted: bool,
) -> AppResult<bool> {
    let n = if trusted {
        if is_trusted(conn, user_id)? {
            0
        } else {
            diesel::insert_into(library_trusted_authors::table)
                .values((
                    library_trusted_authors::user_id.eq(user_id),
                    library_trusted_authors::granted_by.eq(Some(by)),
                    library_trusted_authors::granted_at.eq(now()),
                ))
                .execute(conn)?
        }
    } else {
        diesel::delete(library_trusted_authors::table.find(user_id)).execute(conn)?
    };
    Ok(n > 0)
}

/// Items of an owner, newest change first.
pub(super) fn owned(conn: &mut DbConn, owner: &str) -> AppResult<Vec<ItemRow>> {
    Ok(library_items::table
        .filter(library_items::owner_id.eq(owner))
        .filter(library_items::archived_at.is_null())
        .order((library_items::updated_at.desc(), library_items::id.desc()))
        .limit(500)
        .select(ItemRow::as_select())
        .load(conn)?)
}

/// Items of a municipality (or of a region's, `None`) in the moderation queue or with
/// open reports, oldest status change first.
pub(super) fn queue(
    conn: &mut DbConn,
    region_id: &str,
    municipality_id: Option<&str>,
    reported: &[String],
) -> AppResult<Vec<ItemRow>> {
    let mut q = library_items::table
        .filter(library_items::archived_at.is_null())
        .filter(library_items::region_id.eq(region_id))
        .filter(
            library_items::status
                .eq_any(["on_review", "resubmitted"])
                .or(library_items::id.eq_any(reported.to_vec())),
        )
        .into_boxed();
    if let Some(m) = municipality_id {
        q = q.filter(library_items::municipality_id.eq(m.to_string()));
    }
    Ok(q.order((
        library_items::status_changed_at.asc(),
        library_items::id.asc(),
    ))
    .limit(500)
    .select(ItemRow::as_select())
    .load(conn)?)
}

pub(super) fn bump_views(conn: &mut DbConn, id: &str) -> AppResult<()> {
    diesel::update(library_items::table.find(id))
        .set(library_items::views.eq(library_items::views + 1))
        .execute(conn)?;
    Ok(())
}

pub(super) fn bump_downloads(conn: &mut DbConn, id: &str) -> AppResult<()> {
    diesel::update(library_items::table.find(id))
        .set(library_items::downloads.eq(library_items::downloads + 1))
        .execute(conn)?;
    Ok(())
}

pub(super) fn insert_file_text(
    conn: &mut DbConn,
    file_id: &str,
    item_id: &str,
    body: &str,
) -> AppResult<()> {
    diesel::insert_into(library_file_texts::table)
        .values((
            library_file_texts::file_id.eq(file_id),
            library_file_texts::item_id.eq(item_id),
            library_file_texts::body.eq(body),
        ))
        .execute(conn)?;
    Ok(())
}

/// (file id, text) of files.
pub(super) fn file_texts(conn: &mut DbConn, ids: &[String]) -> AppResult<Vec<(String, String)>> {
    Ok(library_file_texts::table
        .filter(library_file_texts::file_id.eq_any(ids))
        .select((library_file_texts::file_id, library_file_texts::body))
        .load(conn)?)
}

/// Replaces the search row of an item.
pub(super) fn put_search_row(conn: &mut DbConn, row: &SearchRow) -> AppResult<()> {
    delete_search_row(conn, &row.item_id)?;
    diesel::insert_into(library_search::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

pub(super) fn delete_search_row(conn: &mut DbConn, item_id: &str) -> AppResult<()> {
    diesel::delete(library_search::table.find(item_id)).execute(conn)?;
    Ok(())
}

/// Who sees which published materials: the region's admin all of them; others those
/// visible region-wide, in their municipality, and (members of the community) the
/// community's own.
pub(super) struct Audience {
    pub region_id: String,
    pub municipality_id: Option<String>,
    pub community: bool,
    pub whole_region: bool,
}

/// The published materials the audience sees that hold every term (all of them when
/// `terms` is empty), with their stemmed text for ranking.
pub(super) fn candidates(
    conn: &mut DbConn,
    who: &Audience,
    terms: &[String],
) -> AppResult<Vec<SearchRow>> {
    use diesel::dsl::sql;
    use diesel::sql_types::{Bool, Text};
    let mut q = library_search::table
        .filter(library_search::region_id.eq(who.region_id.clone()))
        .into_boxed();
    if !who.whole_region {
        let mut seen = vec!["municipality"];
        if who.community {
            seen.push("community");
        }
        q = match &who.municipality_id {
            Some(m) => q.filter(
                library_search::visibility
                    .eq("region")
                    .or(library_search::municipality_id
                        .eq(m.clone())
                        .and(library_search::visibility.eq_any(seen))),
            ),
            // A regional observer: what is visible region-wide and in every municipality.
            None => q.filter(library_search::visibility.eq_any(vec!["region", "municipality"])),
        };
    }
    if !terms.is_empty() {
        let (cond, arg) = crate::store::search::match_condition(conn, terms);
        q = q.filter(sql::<Bool>(cond).bind::<Text, _>(arg).sql(")"));
    }
    Ok(q.select(SearchRow::as_select()).load(conn)?)
}
