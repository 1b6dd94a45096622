//! Who is a tutor — the one rule. A person is a tutor of municipality M in academic year
//! Y when they are a member of M's composition of Y approved by an order and not
//! excluded (an exclusion takes effect on its date), with an active account — whatever
//! their role in `users.role`. Tutor suggestions, the assignment of a request, the tutors
//! of a session and the caller's community roles all ask here.

use crate::error::AppResult;
use crate::store::conn::{DbConn, MultiBackend};
use crate::store::schema::{members, users};
use chrono::NaiveDate;
use diesel::prelude::*;
use tutornet_domain::composition::MemberStatus;

type Boxed<'a> = diesel::dsl::IntoBoxed<
    'a,
    diesel::dsl::InnerJoinOn<
        members::table,
        users::table,
        diesel::dsl::Eq<diesel::dsl::Nullable<users::id>, members::user_id>,
    >,
    MultiBackend,
>;

/// The serving members of (M, Y) on `today` joined to their active accounts.
fn serving<'a>(m: &str, year: &str, today: NaiveDate) -> Boxed<'a> {
    members::table
        .inner_join(users::table.on(users::id.nullable().eq(members::user_id)))
        .into_boxed()
        .filter(members::municipality_id.eq(m.to_string()))
        .filter(members::academic_year_id.eq(year.to_string()))
        .filter(members::archived_at.is_null())
        .filter(
            members::status
                .eq(MemberStatus::Approved.as_str())
                .or(members::status
                    .eq(MemberStatus::Excluded.as_str())
                    .and(members::excluded_on.gt(today))),
        )
        .filter(users::active.eq(true))
        .filter(users::archived_at.is_null())
}

/// The tutors of (M, Y): (user id, full name, school of the account).
pub fn tutors(
    conn: &mut DbConn,
    m: &str,
    year: &str,
) -> AppResult<Vec<(String, String, Option<String>)>> {
    let today = crate::store::zone::today_in(conn, m)?;
    Ok(serving(m, year, today)
        .select((users::id, users::full_name, users::school_id))
        .load(conn)?)
}

/// The tutors of M in the current academic year (none when no year is current).
pub fn current_tutors(
    conn: &mut DbConn,
    m: &str,
) -> AppResult<Vec<(String, String, Option<String>)>> {
    match crate::features::academic_years::ops::current(conn)? {
        Some(y) => tutors(conn, m, &y.id),
        None => Ok(Vec::new()),
    }
}

/// The year whose composition serves (M, Y): Y's own once it has approved members; for
/// a year planned ahead whose composition is not approved yet, the current one's (its
/// tutors plan the next year's first sessions).
fn serving_year(conn: &mut DbConn, m: &str, year: &str) -> AppResult<String> {
    let approved: i64 = members::table
        .filter(members::municipality_id.eq(m))
        .filter(members::academic_year_id.eq(year))
        .filter(members::status.ne(MemberStatus::Nominated.as_str()))
        .count()
        .get_result(conn)?;
    if approved > 0 {
        return Ok(year.to_string());
    }
    Ok(crate::features::academic_years::ops::current(conn)?
        .map(|y| y.id)
        .unwrap_or_else(|| year.to_string()))
}

/// How many of `ids` (distinct) are tutors of (M, Y).
pub fn count_tutors(conn: &mut DbConn, ids: &[String], m: &str, year: &str) -> AppResult<i64> {
    let today = crate::store::zone::today_in(conn, m)?;
    let year = serving_year(conn, m, year)?;
    let found: Vec<String> = serving(m, &year, today)
        .filter(users::id.eq_any(ids.to_vec()))
        .select(users::id)
        .distinct()
        .load(conn)?;
    Ok(found.len() as i64)
}

/// Whether the user is a tutor of M in the current academic year.
pub fn is_current_tutor(conn: &mut DbConn, user_id: &str, m: &str) -> AppResult<bool> {
    let Some(y) = crate::features::academic_years::ops::current(conn)? else {
        return Ok(false);
    };
    Ok(count_tutors(conn, &[user_id.to_string()], m, &y.id)? > 0)
}
