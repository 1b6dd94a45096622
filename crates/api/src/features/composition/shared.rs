//! What the parts of the composition share: the target municipality and academic year
//! of a write, id → name lookups, the audit scope and the conflict problem.

use crate::auth::{AuthUser, Place};
use crate::error::{AppError, AppResult};
use crate::features::audit::ops as audit;
use crate::store::conn::DbConn;
pub(super) use crate::store::names::{school_short_names as school_names, user_names};
use crate::store::page::Cursor;
use crate::store::schema::{schools, users};
use diesel::prelude::*;
use tutornet_domain::permissions::{Action, Resource};
use tutornet_domain::{Page, ProblemCode};

pub(super) use tutornet_domain::text::clean;

fn municipality_place<'a>(region: &'a str, m: &'a str) -> Place<'a> {
    Place {
        region_id: region,
        municipality_id: Some(m),
        ..Default::default()
    }
}

/// The municipality a write goes to: the given one or the caller's; it must exist and
/// be within `action`'s reach (422 otherwise, like schools). Returns (municipality, region).
pub(super) fn target_municipality(
    conn: &mut DbConn,
    user: &AuthUser,
    resource: Resource,
    action: Action,
    given: Option<&str>,
) -> AppResult<(String, String)> {
    let reach = user.reach(resource, action)?;
    let m = given
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .or_else(|| user.municipality_id.clone())
        .ok_or_else(|| AppError::field("municipality_id", "required", "Выберите муниципалитет"))?;
    let region = crate::access::places::region_of(conn, &m)?.ok_or_else(|| {
        AppError::field(
            "municipality_id",
            "invalid_reference",
            "Муниципалитет не найден",
        )
    })?;
    if !reach.covers(&municipality_place(&region, &m)) {
        return Err(AppError::field(
            "municipality_id",
            "out_of_scope",
            "Можно работать только с составом своего муниципалитета",
        ));
    }
    Ok((m, region))
}

/// The given academic year (must exist) or the current one.
pub(super) fn resolve_year(conn: &mut DbConn, given: Option<&str>) -> AppResult<String> {
    match given.map(str::trim).filter(|s| !s.is_empty()) {
        Some(id) => crate::features::academic_years::ops::find(conn, id)
            .map(|y| y.id)
            .map_err(|_| {
                AppError::field(
                    "academic_year_id",
                    "invalid_reference",
                    "Учебный год не найден",
                )
            }),
        None => crate::features::academic_years::ops::current(conn)?
            .map(|y| y.id)
            .ok_or_else(|| {
                AppError::field(
                    "academic_year_id",
                    "required",
                    "Текущий учебный год не задан; выберите учебный год",
                )
            }),
    }
}

pub(super) fn audit_scope<'a>(region: &'a str, m: &'a str) -> audit::Scope<'a> {
    audit::Scope {
        region_id: Some(region),
        municipality_id: Some(m),
    }
}

pub(super) fn conflict(code: ProblemCode, detail: &str) -> AppError {
    AppError::Conflict {
        code,
        detail: detail.into(),
    }
}

/// Whether an active subject with this id is in the dictionary.
pub(super) fn subject_exists(conn: &mut DbConn, id: &str) -> AppResult<bool> {
    use crate::store::schema::subjects;
    let n: i64 = subjects::table
        .filter(subjects::id.eq(id))
        .filter(subjects::archived_at.is_null())
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// Whether an active school with this id belongs to municipality `m`.
pub(super) fn school_in(conn: &mut DbConn, id: &str, m: &str) -> AppResult<bool> {
    let n: i64 = schools::table
        .filter(schools::id.eq(id))
        .filter(schools::municipality_id.eq(m))
        .filter(schools::archived_at.is_null())
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// Whether an active user with this id (and, if given, this role) belongs to `m`.
pub(super) fn user_in(
    conn: &mut DbConn,
    id: &str,
    m: &str,
    role: Option<tutornet_domain::permissions::Role>,
) -> AppResult<bool> {
    let mut q = users::table
        .filter(users::id.eq(id.to_string()))
        .filter(users::municipality_id.eq(m.to_string()))
        .filter(users::archived_at.is_null())
        .into_boxed::<crate::store::conn::MultiBackend>();
    if let Some(r) = role {
        q = q.filter(users::role.eq(r.as_str()));
    }
    let n: i64 = q.count().get_result(conn)?;
    Ok(n > 0)
}

/// The page of `rows` (fetched `limit + 1`, of `total`), each page's rows turned into
/// records by `load` in one batch.
pub(super) fn page_of<R, T>(
    conn: &mut DbConn,
    (total, rows): (i64, Vec<R>),
    limit: i64,
    key: impl Fn(&R) -> Cursor,
    load: impl FnOnce(&mut DbConn, Vec<R>) -> AppResult<Vec<T>>,
) -> AppResult<Page<T>> {
    let page = crate::store::page::finish_page(rows, limit, total, key, |r| r);
    Ok(Page {
        items: load(conn, page.items)?,
        total: page.total,
        next_cursor: page.next_cursor,
    })
}

/// Where a new member or order goes: (municipality, region, academic year), checked in
/// this order — the municipality within the caller's reach, the input's own rules
/// (`valid`), the academic year.
pub(super) fn new_record_place(
    conn: &mut DbConn,
    user: &AuthUser,
    municipality: Option<&str>,
    valid: Result<(), Vec<tutornet_domain::FieldError>>,
    year: Option<&str>,
) -> AppResult<(String, String, String)> {
    let (m, region) = target_municipality(
        conn,
        user,
        Resource::Composition,
        Action::Create,
        municipality,
    )?;
    valid.map_err(AppError::Validation)?;
    let year = resolve_year(conn, year)?;
    Ok((m, region, year))
}

/// A list's reach, page size and cursor.
pub(super) fn list_args(
    user: &AuthUser,
    resource: Resource,
    limit: Option<i64>,
    cursor: Option<&str>,
) -> AppResult<(crate::auth::Reach, i64, Option<Cursor>)> {
    let reach = user.reach(resource, Action::Read)?;
    let limit = crate::store::page::page_limit(limit)?;
    let after = cursor.map(Cursor::decode).transpose()?;
    Ok((reach, limit, after))
}
