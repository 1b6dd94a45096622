//! Queries for planning: the schools a session is open to, a registrant's school, the
//! busy times of tutors.

use crate::auth::Reach;
use crate::error::AppResult;
use crate::store::conn::DbConn;
use crate::store::schema::{
    municipalities, schools, session_schools, session_tutors, sessions, users,
};
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// (session, school id, school short name, name key) of the schools the sessions are
/// open to.
pub(in crate::features::sessions) fn target_schools_of(
    conn: &mut DbConn,
    ids: &[String],
) -> AppResult<Vec<(String, String, String, String)>> {
    Ok(session_schools::table
        .inner_join(schools::table)
        .filter(session_schools::session_id.eq_any(ids))
        .order(schools::name_sort.asc())
        .select((
            session_schools::session_id,
            schools::id,
            schools::short_name,
            schools::name_sort,
        ))
        .load(conn)?)
}

pub(in crate::features::sessions) fn replace_target_schools(
    conn: &mut DbConn,
    session_id: &str,
    school_ids: &[String],
) -> AppResult<()> {
    diesel::delete(session_schools::table.filter(session_schools::session_id.eq(session_id)))
        .execute(conn)?;
    for school_id in school_ids {
        diesel::insert_into(session_schools::table)
            .values((
                session_schools::session_id.eq(session_id),
                session_schools::school_id.eq(school_id),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// How many of the schools are open (not archived) schools of the municipality.
pub(in crate::features::sessions) fn schools_in_municipality(
    conn: &mut DbConn,
    ids: &[String],
    municipality_id: &str,
) -> AppResult<i64> {
    Ok(schools::table
        .filter(schools::id.eq_any(ids))
        .filter(schools::municipality_id.eq(municipality_id))
        .filter(schools::archived_at.is_null())
        .count()
        .get_result(conn)?)
}

/// The user's school with its ШНОР and ШССУ flags, if they have one.
pub(in crate::features::sessions) fn registrant_school(
    conn: &mut DbConn,
    user_id: &str,
) -> AppResult<Option<(String, bool, bool)>> {
    Ok(users::table
        .inner_join(schools::table.on(users::school_id.eq(schools::id.nullable())))
        .filter(users::id.eq(user_id))
        .select((
            schools::id,
            schools::is_low_results,
            schools::is_difficult_conditions,
        ))
        .first(conn)
        .optional()?)
}

/// (id, full name, municipality) of the users among `ids` whose municipality the reach
/// covers.
pub(in crate::features::sessions) fn tutors_in_reach(
    conn: &mut DbConn,
    ids: &[String],
    reach: &Reach,
) -> AppResult<Vec<(String, String, String)>> {
    let rows: Vec<(String, String, Option<String>, Option<String>)> = users::table
        .left_join(
            municipalities::table.on(users::municipality_id.eq(municipalities::id.nullable())),
        )
        .filter(users::id.eq_any(ids))
        .select((
            users::id,
            users::full_name,
            users::municipality_id,
            municipalities::region_id.nullable(),
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, name, m, region)| {
            let m = m?;
            let seen = match reach {
                Reach::Region(r) => region.as_deref() == Some(r.as_str()),
                Reach::Municipality(own) => own == &m,
                _ => false,
            };
            seen.then_some((id, name, m))
        })
        .collect())
}

/// (tutor, session, title, start, end).
pub(in crate::features::sessions) type BusyRow =
    (String, String, String, NaiveDateTime, NaiveDateTime);

/// (tutor, session, title, start, end) of the tutors' sessions, not cancelled, that
/// overlap [from, to).
pub(in crate::features::sessions) fn busy(
    conn: &mut DbConn,
    tutor_ids: &[String],
    from: NaiveDateTime,
    to: NaiveDateTime,
) -> AppResult<Vec<BusyRow>> {
    Ok(session_tutors::table
        .inner_join(sessions::table)
        .filter(session_tutors::user_id.eq_any(tutor_ids))
        .filter(sessions::status.ne("cancelled"))
        .filter(sessions::starts_at.lt(to))
        .filter(sessions::ends_at.gt(from))
        .order((sessions::starts_at.asc(), sessions::id.asc()))
        .select((
            session_tutors::user_id,
            sessions::id,
            sessions::title,
            sessions::starts_at,
            sessions::ends_at,
        ))
        .limit(1000)
        .load(conn)?)
}
