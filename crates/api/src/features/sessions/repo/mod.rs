//! Queries of sessions, their tutors, registrations, amendments and ratings (private
//! to the noun).

use super::rows::{
    AmendmentRow, NewSession, NewSessionTutor, RatingRow, RegistrationRow, SessionRow,
};
use crate::error::{AppError, AppResult};
use crate::store::conn::DbConn;
pub(super) use crate::store::names::{school_short_names, subject_names};
use crate::store::record::new_id;
use crate::store::record::now;
use crate::store::schema::{
    ratings, registrations, session_amendments, session_tutors, sessions, users,
};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use std::collections::HashMap;
use tutornet_domain::community::Person;

mod listing;
mod plan;
pub(super) use listing::{feed, page, Listing};
pub(super) use plan::{
    busy, registrant_school, replace_target_schools, schools_in_municipality, target_schools_of,
    tutors_in_reach,
};

pub(super) fn find_row(conn: &mut DbConn, id: &str) -> AppResult<SessionRow> {
    sessions::table
        .find(id)
        .select(SessionRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| AppError::NotFound("Занятие не найдено".into()))
}

pub(super) fn rows_by_ids(conn: &mut DbConn, ids: &[String]) -> AppResult<Vec<SessionRow>> {
    Ok(sessions::table
        .filter(sessions::id.eq_any(ids))
        .order(sessions::starts_at.asc())
        .select(SessionRow::as_select())
        .load(conn)?)
}

pub(super) fn is_tutor_of(conn: &mut DbConn, session_id: &str, user_id: &str) -> AppResult<bool> {
    let n: i64 = session_tutors::table
        .filter(session_tutors::session_id.eq(session_id))
        .filter(session_tutors::user_id.eq(user_id))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

pub(super) fn tutors_of(
    conn: &mut DbConn,
    ids: &[String],
) -> AppResult<HashMap<String, Vec<Person>>> {
    let rows: Vec<(String, String, String)> = session_tutors::table
        .inner_join(users::table)
        .filter(session_tutors::session_id.eq_any(ids))
        .select((session_tutors::session_id, users::id, users::full_name))
        .load(conn)?;
    let mut map: HashMap<String, Vec<Person>> = HashMap::new();
    for (s, id, full_name) in rows {
        map.entry(s).or_default().push(Person { id, full_name });
    }
    Ok(map)
}

/// (session, user, status) of every registration of the sessions.
pub(super) fn registration_states(
    conn: &mut DbConn,
    ids: &[String],
) -> AppResult<Vec<(String, String, String)>> {
    Ok(registrations::table
        .filter(registrations::session_id.eq_any(ids))
        .select((
            registrations::session_id,
            registrations::user_id,
            registrations::status,
        ))
        .load(conn)?)
}

/// Sessions not cancelled that overlap [start, end), except one.
pub(super) fn overlapping(
    conn: &mut DbConn,
    start: NaiveDateTime,
    end: NaiveDateTime,
    except: Option<&str>,
) -> AppResult<Vec<SessionRow>> {
    let mut q = sessions::table
        .filter(sessions::status.ne("cancelled"))
        .filter(sessions::starts_at.lt(end))
        .filter(sessions::ends_at.gt(start))
        .into_boxed();
    if let Some(e) = except {
        q = q.filter(sessions::id.ne(e.to_string()));
    }
    Ok(q.select(SessionRow::as_select()).load(conn)?)
}

/// (session, tutor id, tutor name) of the given tutors in the given sessions.
pub(super) fn busy_tutors(
    conn: &mut DbConn,
    session_ids: &[String],
    tutor_ids: &[String],
) -> AppResult<Vec<(String, String, String)>> {
    Ok(session_tutors::table
        .inner_join(users::table)
        .filter(session_tutors::session_id.eq_any(session_ids))
        .filter(session_tutors::user_id.eq_any(tutor_ids))
        .select((session_tutors::session_id, users::id, users::full_name))
        .load(conn)?)
}

pub(super) fn insert(conn: &mut DbConn, s: &NewSession, tutor_ids: &[String]) -> AppResult<()> {
    diesel::insert_into(sessions::table)
        .values(s)
        .execute(conn)?;
    insert_tutors(conn, s.id, tutor_ids)
}

fn insert_tutors(conn: &mut DbConn, session_id: &str, tutor_ids: &[String]) -> AppResult<()> {
    for user_id in tutor_ids {
        diesel::insert_into(session_tutors::table)
            .values(NewSessionTutor {
                session_id,
                user_id,
            })
            .execute(conn)?;
    }
    Ok(())
}

pub(super) fn replace_tutors(
    conn: &mut DbConn,
    session_id: &str,
    tutor_ids: &[String],
) -> AppResult<()> {
    diesel::delete(session_tutors::table.filter(session_tutors::session_id.eq(session_id)))
        .execute(conn)?;
    insert_tutors(conn, session_id, tutor_ids)
}

/// Everyone registered or waiting for the session.
pub(super) fn participant_ids(conn: &mut DbConn, id: &str) -> AppResult<Vec<String>> {
    Ok(registrations::table
        .filter(registrations::session_id.eq(id))
        .filter(registrations::status.ne("cancelled"))
        .select(registrations::user_id)
        .load(conn)?)
}

/// The session's registrations, in the order they were made.
pub(super) fn registrations_of(conn: &mut DbConn, id: &str) -> AppResult<Vec<RegistrationRow>> {
    Ok(registrations::table
        .inner_join(users::table)
        .filter(registrations::session_id.eq(id))
        .order((registrations::created_at.asc(), registrations::id.asc()))
        .select((
            registrations::id,
            registrations::user_id,
            registrations::status,
            registrations::attended,
            registrations::created_at,
            users::school_id,
            users::full_name,
        ))
        .load(conn)?)
}

pub(super) fn amendments_of(conn: &mut DbConn, id: &str) -> AppResult<Vec<AmendmentRow>> {
    Ok(session_amendments::table
        .filter(session_amendments::session_id.eq(id))
        .order(session_amendments::at.asc())
        .select((
            session_amendments::at,
            session_amendments::author_id,
            session_amendments::field,
            session_amendments::before_value,
            session_amendments::after_value,
            session_amendments::note,
        ))
        .load(conn)?)
}

pub(super) fn ratings_of(conn: &mut DbConn, id: &str) -> AppResult<Vec<RatingRow>> {
    Ok(ratings::table
        .inner_join(users::table)
        .filter(ratings::session_id.eq(id))
        .order(ratings::created_at.asc())
        .select((
            ratings::user_id,
            users::full_name,
            ratings::score,
            ratings::comment,
            ratings::created_at,
        ))
        .load(conn)?)
}

/// The caller's registration (id, status), if any; `live` skips cancelled ones.
pub(super) fn registration_of(
    conn: &mut DbConn,
    session_id: &str,
    user_id: &str,
    live: bool,
) -> AppResult<Option<(String, String)>> {
    let mut q = registrations::table
        .filter(registrations::session_id.eq(session_id))
        .filter(registrations::user_id.eq(user_id))
        .into_boxed();
    if live {
        q = q.filter(registrations::status.ne("cancelled"));
    }
    Ok(q.select((registrations::id, registrations::status))
        .first(conn)
        .optional()?)
}

pub(super) fn count_registered(conn: &mut DbConn, session_id: &str) -> AppResult<i64> {
    Ok(registrations::table
        .filter(registrations::session_id.eq(session_id))
        .filter(registrations::status.eq("registered"))
        .count()
        .get_result(conn)?)
}

pub(super) fn registered_user_ids(conn: &mut DbConn, session_id: &str) -> AppResult<Vec<String>> {
    Ok(registrations::table
        .filter(registrations::session_id.eq(session_id))
        .filter(registrations::status.eq("registered"))
        .select(registrations::user_id)
        .load(conn)?)
}

/// The first on the waitlist: (registration id, user id).
pub(super) fn first_waitlisted(
    conn: &mut DbConn,
    session_id: &str,
) -> AppResult<Option<(String, String)>> {
    Ok(registrations::table
        .filter(registrations::session_id.eq(session_id))
        .filter(registrations::status.eq("waitlisted"))
        .order((registrations::created_at.asc(), registrations::id.asc()))
        .select((registrations::id, registrations::user_id))
        .first(conn)
        .optional()?)
}

/// Sets a registration's status; `renew` also moves it to the end of the queue.
pub(super) fn set_registration_status(
    conn: &mut DbConn,
    registration_id: &str,
    status: &str,
    renew: bool,
) -> AppResult<()> {
    let t = now();
    let q = diesel::update(registrations::table.find(registration_id));
    if renew {
        q.set((
            registrations::status.eq(status),
            registrations::created_at.eq(t),
            registrations::updated_at.eq(t),
        ))
        .execute(conn)?;
    } else {
        q.set((
            registrations::status.eq(status),
            registrations::updated_at.eq(t),
        ))
        .execute(conn)?;
    }
    Ok(())
}

pub(super) fn insert_registration(
    conn: &mut DbConn,
    session_id: &str,
    user_id: &str,
    status: &str,
) -> AppResult<()> {
    let t = now();
    diesel::insert_into(registrations::table)
        .values((
            registrations::id.eq(new_id()),
            registrations::session_id.eq(session_id),
            registrations::user_id.eq(user_id),
            registrations::status.eq(status),
            registrations::created_at.eq(t),
            registrations::updated_at.eq(t),
        ))
        .execute(conn)?;
    Ok(())
}

pub(super) fn set_attended(
    conn: &mut DbConn,
    session_id: &str,
    user_id: &str,
    attended: bool,
) -> AppResult<()> {
    diesel::update(
        registrations::table
            .filter(registrations::session_id.eq(session_id))
            .filter(registrations::user_id.eq(user_id)),
    )
    .set(registrations::attended.eq(Some(attended)))
    .execute(conn)?;
    Ok(())
}

/// Sets one amendable text field (not versioned: the caller bumps the version).
pub(super) fn set_log_field(
    conn: &mut DbConn,
    id: &str,
    field: &str,
    v: Option<String>,
) -> AppResult<()> {
    let q = diesel::update(sessions::table.find(id));
    match field {
        "outcome" => q.set(sessions::outcome.eq(v)).execute(conn)?,
        "summary" => q.set(sessions::summary.eq(v)).execute(conn)?,
        "private_notes" => q.set(sessions::private_notes.eq(v)).execute(conn)?,
        "materials" => q.set(sessions::materials.eq(v)).execute(conn)?,
        _ => q.set(sessions::students_class.eq(v)).execute(conn)?,
    };
    Ok(())
}

pub(super) fn set_students_count(conn: &mut DbConn, id: &str, n: Option<i32>) -> AppResult<()> {
    diesel::update(sessions::table.find(id))
        .set(sessions::students_count.eq(n))
        .execute(conn)?;
    Ok(())
}

pub(super) fn insert_amendment(
    conn: &mut DbConn,
    session_id: &str,
    author_id: &str,
    field: &str,
    before: Option<String>,
    after: String,
    note: &str,
) -> AppResult<()> {
    diesel::insert_into(session_amendments::table)
        .values((
            session_amendments::id.eq(new_id()),
            session_amendments::session_id.eq(session_id),
            session_amendments::at.eq(now()),
            session_amendments::author_id.eq(author_id),
            session_amendments::field.eq(field),
            session_amendments::before_value.eq(before),
            session_amendments::after_value.eq(Some(after)),
            session_amendments::note.eq(note),
        ))
        .execute(conn)?;
    Ok(())
}

pub(super) fn has_rated(conn: &mut DbConn, session_id: &str, user_id: &str) -> AppResult<bool> {
    let n: i64 = ratings::table
        .filter(ratings::session_id.eq(session_id))
        .filter(ratings::user_id.eq(user_id))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

pub(super) fn is_registered(conn: &mut DbConn, session_id: &str, user_id: &str) -> AppResult<bool> {
    let n: i64 = registrations::table
        .filter(registrations::session_id.eq(session_id))
        .filter(registrations::user_id.eq(user_id))
        .filter(registrations::status.eq("registered"))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

pub(super) fn insert_rating(
    conn: &mut DbConn,
    session_id: &str,
    user_id: &str,
    score: i32,
    comment: Option<String>,
) -> AppResult<()> {
    diesel::insert_into(ratings::table)
        .values((
            ratings::id.eq(new_id()),
            ratings::session_id.eq(session_id),
            ratings::user_id.eq(user_id),
            ratings::score.eq(score),
            ratings::comment.eq(comment),
            ratings::created_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}
