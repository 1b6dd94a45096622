//! Queries on orders.

use super::rows::OrderRow;
use crate::auth::{AuthUser, Reach};
use crate::error::{AppError, AppResult};
use crate::features::composition::members::repo as members;
use crate::features::composition::shared::clean;
use crate::store::conn::DbConn;
use crate::store::conn::MultiBackend;
use crate::store::page::Cursor;
use crate::store::record::now;
use crate::store::schema::{composition_order_rows, composition_orders};
use crate::store::stored;
use chrono::NaiveDate;
use diesel::prelude::*;
use std::collections::HashMap;
use tutornet_domain::composition::{
    CompositionOrder, OrderDetails, OrderFilter, OrderInput, OrderKind, OrderMember,
};

pub(crate) fn to_order(conn: &mut DbConn, r: OrderRow) -> AppResult<CompositionOrder> {
    let member = |(member_id, full_name, reason)| OrderMember {
        member_id,
        full_name,
        reason,
    };
    // In the sequence of the order's appendix («№ п/п»), as the order lists them.
    let numbers = row_numbers(conn, &r.id)?;
    let mut approved: Vec<OrderMember> = members::of_order(conn, &r.id, false)?
        .into_iter()
        .map(|(id, name, _)| member((id, name, None)))
        .collect();
    approved.sort_by_key(|m| numbers.get(&m.member_id).copied().unwrap_or(i32::MAX));
    let excluded = members::of_order(conn, &r.id, true)?
        .into_iter()
        .map(member)
        .collect();
    let file =
        crate::features::files::ops::list(conn, crate::features::files::ops::ORDER, &r.id)?.pop();
    Ok(CompositionOrder {
        file,
        kind: stored(&r.kind, "composition_orders.kind", OrderKind::parse)?,
        id: r.id,
        municipality_id: r.municipality_id,
        academic_year_id: r.academic_year_id,
        number: r.number,
        issued_on: r.issued_on,
        issuer: r.issuer,
        title: r.title,
        signatory_position: r.signatory_position,
        signatory_name: r.signatory_name,
        place: r.place,
        appendix_number: r.appendix_number,
        issuer_full_name: r.issuer_full_name,
        preamble: r.preamble,
        items: r
            .items
            .as_deref()
            .map(|t| t.lines().map(str::to_string).collect())
            .unwrap_or_default(),
        file_name: r.file_name,
        approved,
        excluded,
        meta: r.book.into(),
    })
}

pub(crate) fn find_row(conn: &mut DbConn, id: &str) -> AppResult<OrderRow> {
    composition_orders::table
        .find(id)
        .select(OrderRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| AppError::NotFound("Приказ не найден".into()))
}

/// One page of orders in `reach`, newest first: (total, up to `limit + 1` rows).
pub(crate) fn page(
    conn: &mut DbConn,
    reach: &Reach,
    f: &OrderFilter,
    after: Option<Cursor>,
    limit: i64,
) -> AppResult<(i64, Vec<OrderRow>)> {
    let filtered = || {
        let mut q = composition_orders::table.into_boxed::<MultiBackend>();
        q = crate::in_reach!(
            q, reach,
            region: (via composition_orders::municipality_id),
            municipality: (composition_orders::municipality_id),
            school: (nothing),
            own: (nothing),
        );
        if let Some(m) = &f.municipality_id {
            q = q.filter(composition_orders::municipality_id.eq(m.clone()));
        }
        if let Some(y) = &f.academic_year_id {
            q = q.filter(composition_orders::academic_year_id.eq(y.clone()));
        }
        q.filter(composition_orders::archived_at.is_null())
    };
    let total: i64 = filtered().count().get_result(conn)?;
    let mut q = filtered();
    if let Some(c) = after {
        let d = NaiveDate::parse_from_str(&c.k, "%Y-%m-%d").map_err(|_| {
            AppError::field(
                "cursor",
                "invalid_cursor",
                "Недействительный курсор страницы",
            )
        })?;
        q = q.filter(
            composition_orders::issued_on
                .lt(d)
                .or(composition_orders::issued_on
                    .eq(d)
                    .and(composition_orders::id.lt(c.id))),
        );
    }
    let rows = q
        .order((
            composition_orders::issued_on.desc(),
            composition_orders::id.desc(),
        ))
        .limit(limit + 1)
        .select(OrderRow::as_select())
        .load(conn)?;
    Ok((total, rows))
}

/// Inserts the order row and applies its approvals and exclusions (no checks).
pub(crate) fn insert(
    conn: &mut DbConn,
    actor: Option<&AuthUser>,
    id: &str,
    m: &str,
    year: &str,
    i: &OrderInput,
) -> AppResult<()> {
    let t = now();
    let who = actor.map(|a| a.id.clone());
    diesel::insert_into(composition_orders::table)
        .values((
            composition_orders::id.eq(id),
            composition_orders::municipality_id.eq(m),
            composition_orders::academic_year_id.eq(year),
            composition_orders::kind.eq(i.kind.as_str()),
            composition_orders::number.eq(i.number.trim()),
            composition_orders::issued_on.eq(i.issued_on),
            composition_orders::issuer.eq(i.issuer.trim()),
            composition_orders::title.eq(i.title.trim()),
            composition_orders::file_name.eq(clean(&i.file_name)),
            composition_orders::signatory_position.eq(clean(&i.signatory_position)),
            composition_orders::signatory_name.eq(clean(&i.signatory_name)),
            composition_orders::place.eq(clean(&i.place)),
            composition_orders::appendix_number.eq(i.appendix_number),
            composition_orders::issuer_full_name.eq(clean(&i.issuer_full_name)),
            composition_orders::preamble.eq(clean(&i.preamble)),
            composition_orders::items.eq(items_text(&i.items)),
            composition_orders::created_at.eq(t),
            composition_orders::updated_at.eq(t),
            composition_orders::created_by.eq(&who),
            composition_orders::updated_by.eq(&who),
            composition_orders::version.eq(1),
        ))
        .execute(conn)?;
    // Each update moves a member only from the status it was checked in (a member
    // named twice moves once).
    for mid in &i.approve_member_ids {
        members::move_by_order(conn, &who, mid, id, i.issued_on, None)?;
    }
    for x in &i.exclude {
        let reason = Some(x.reason.trim());
        members::move_by_order(conn, &who, &x.member_id, id, i.issued_on, reason)?;
    }
    number_rows(conn, id, m, year, i)
}

/// Stores the corrected details of order `id` at version `v` (0 rows: changed since).
pub(crate) fn update_details(
    conn: &mut DbConn,
    user: &AuthUser,
    id: &str,
    v: i32,
    d: &OrderDetails,
) -> AppResult<usize> {
    Ok(crate::set_versioned!(
        conn,
        composition_orders,
        id,
        v,
        &user.id,
        (
            composition_orders::number.eq(d.number.trim()),
            composition_orders::issuer.eq(d.issuer.trim()),
            composition_orders::title.eq(d.title.trim()),
            composition_orders::signatory_position.eq(clean(&d.signatory_position)),
            composition_orders::signatory_name.eq(clean(&d.signatory_name)),
            composition_orders::place.eq(clean(&d.place)),
            composition_orders::appendix_number.eq(d.appendix_number),
            composition_orders::issuer_full_name.eq(clean(&d.issuer_full_name)),
            composition_orders::preamble.eq(clean(&d.preamble)),
            composition_orders::items.eq(items_text(&d.items)),
        )
    )?)
}

/// The items as stored: one per line, `None` when there are none.
fn items_text(items: &[String]) -> Option<String> {
    let v: Vec<&str> = items
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect();
    (!v.is_empty()).then(|| v.join("\n"))
}

/// The last order of municipality `m` and `year` issued on or before `d` (of those on
/// one day, the last registered), other than `except`.
pub(crate) fn effective(
    conn: &mut DbConn,
    m: &str,
    year: &str,
    d: NaiveDate,
    except: Option<&str>,
) -> AppResult<Option<OrderRow>> {
    let mut q = composition_orders::table
        .filter(composition_orders::municipality_id.eq(m.to_string()))
        .filter(composition_orders::academic_year_id.eq(year.to_string()))
        .filter(composition_orders::issued_on.le(d))
        .filter(composition_orders::archived_at.is_null())
        .into_boxed::<MultiBackend>();
    if let Some(x) = except {
        q = q.filter(composition_orders::id.ne(x.to_string()));
    }
    Ok(q.order((
        composition_orders::issued_on.desc(),
        composition_orders::created_at.desc(),
        composition_orders::id.desc(),
    ))
    .select(OrderRow::as_select())
    .first(conn)
    .optional()?)
}

/// member id → «№ п/п» in the appendix of order `order_id`.
pub(crate) fn row_numbers(conn: &mut DbConn, order_id: &str) -> AppResult<HashMap<String, i32>> {
    Ok(composition_order_rows::table
        .filter(composition_order_rows::order_id.eq(order_id))
        .select((
            composition_order_rows::member_id,
            composition_order_rows::number,
        ))
        .load::<(String, i32)>(conn)?
        .into_iter()
        .collect())
}

/// Numbers the appendix of the new order `id`: the composition it establishes — the
/// members approved before it, in the sequence of the order in effect before (members
/// it lacks after them, by list number and name), without those it excludes — then
/// the members it approves, in the order given.
fn number_rows(conn: &mut DbConn, id: &str, m: &str, year: &str, i: &OrderInput) -> AppResult<()> {
    let previous = match effective(conn, m, year, i.issued_on, Some(id))? {
        Some(o) => row_numbers(conn, &o.id)?,
        None => HashMap::new(),
    };
    let mut kept: Vec<(i32, Option<i32>, String, String)> =
        members::approved_on_rows(conn, m, year, i.issued_on)?
            .into_iter()
            .filter(|r| r.approved_order_id.as_deref() != Some(id))
            .filter(|r| r.excluded_order_id.as_deref() != Some(id))
            .map(|r| {
                let n = previous.get(&r.id).copied().unwrap_or(i32::MAX);
                (n, r.list_number, r.name_sort, r.id)
            })
            .collect();
    kept.sort_by(|a, b| {
        (a.0, a.1.unwrap_or(i32::MAX), &a.2).cmp(&(b.0, b.1.unwrap_or(i32::MAX), &b.2))
    });
    let mut seq: Vec<String> = kept.into_iter().map(|k| k.3).collect();
    for mid in &i.approve_member_ids {
        if !seq.contains(mid) {
            seq.push(mid.clone());
        }
    }
    for (n, mid) in seq.iter().enumerate() {
        diesel::insert_into(composition_order_rows::table)
            .values((
                composition_order_rows::order_id.eq(id),
                composition_order_rows::member_id.eq(mid),
                composition_order_rows::number.eq(n as i32 + 1),
            ))
            .execute(conn)?;
    }
    Ok(())
}
