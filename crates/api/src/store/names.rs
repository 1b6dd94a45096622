//! One id → name lookup per reference table, for every noun that shows names.

use crate::error::AppResult;
use crate::store::schema::{schools, subjects, users};
use crate::store::DbConn;
use diesel::prelude::*;
use std::collections::HashMap;

/// Full names of users by id.
pub fn user_names(conn: &mut DbConn, ids: Vec<String>) -> AppResult<HashMap<String, String>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(users::table
        .filter(users::id.eq_any(ids))
        .select((users::id, users::full_name))
        .load::<(String, String)>(conn)?
        .into_iter()
        .collect())
}

/// Short names of schools by id.
pub fn school_short_names(
    conn: &mut DbConn,
    ids: Vec<String>,
) -> AppResult<HashMap<String, String>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(schools::table
        .filter(schools::id.eq_any(ids))
        .select((schools::id, schools::short_name))
        .load::<(String, String)>(conn)?
        .into_iter()
        .collect())
}

/// Names of subjects by id.
pub fn subject_names(conn: &mut DbConn, ids: Vec<String>) -> AppResult<HashMap<String, String>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(subjects::table
        .filter(subjects::id.eq_any(ids))
        .select((subjects::id, subjects::name))
        .load::<(String, String)>(conn)?
        .into_iter()
        .collect())
}

/// Whether a subject with this id exists.
pub fn subject_exists(conn: &mut DbConn, id: &str) -> AppResult<bool> {
    let n: i64 = subjects::table
        .filter(subjects::id.eq(id))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// A 422 on `subject_id` unless the chosen subject (if any) exists.
pub fn check_subject(conn: &mut DbConn, subject_id: Option<&str>) -> AppResult<()> {
    match subject_id {
        Some(s) if !subject_exists(conn, s)? => Err(crate::error::AppError::field(
            "subject_id",
            "invalid_reference",
            "Предмет не найден",
        )),
        _ => Ok(()),
    }
}

/// The region of a municipality (none when there is no such municipality).
pub fn region_of(conn: &mut DbConn, municipality_id: &str) -> AppResult<Option<String>> {
    use crate::store::schema::municipalities;
    Ok(municipalities::table
        .find(municipality_id)
        .select(municipalities::region_id)
        .first(conn)
        .optional()?)
}
