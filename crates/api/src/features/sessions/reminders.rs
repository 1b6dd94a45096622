//! The reminder the day before a session: to its tutors, its registered participants and
//! the people whose requests it answers — once per start time, even when two server
//! processes run the job at the same moment (the `session_reminders` key is the claim).

use super::repo;
use super::rules::announcement;
use crate::error::{AppError, AppResult};
use crate::features::notifications::ops::notify;
use crate::features::requests::rules as requests;
use crate::store::conn::DbConn;
use crate::store::schema::{registrations, session_reminders, sessions};
use crate::store::zone;
use chrono::{NaiveDateTime, TimeDelta};
use diesel::dsl::{exists, not};
use diesel::prelude::*;
use tutornet_domain::notifications::NotificationKind;
use tutornet_domain::ProblemCode;

/// How long before its start a session is reminded of.
pub const AHEAD: TimeDelta = TimeDelta::hours(24);

/// (id, start) of the planned sessions starting within a day of `now` not yet reminded of.
pub fn due(conn: &mut DbConn, now: NaiveDateTime) -> AppResult<Vec<(String, NaiveDateTime)>> {
    Ok(sessions::table
        .filter(sessions::status.eq("planned"))
        .filter(sessions::starts_at.gt(now))
        .filter(sessions::starts_at.le(now + AHEAD))
        .filter(not(exists(
            session_reminders::table
                .filter(session_reminders::session_id.eq(sessions::id))
                .filter(session_reminders::starts_at.eq(sessions::starts_at)),
        )))
        .order(sessions::starts_at.asc())
        .select((sessions::id, sessions::starts_at))
        .load(conn)?)
}

/// Claims and sends the reminder of one session (run it in a write transaction); `false`
/// when it was already sent, or the session moved or is no longer planned.
pub fn remind(
    conn: &mut DbConn,
    session_id: &str,
    starts_at: NaiveDateTime,
    now: NaiveDateTime,
) -> AppResult<bool> {
    let sent: i64 = session_reminders::table
        .filter(session_reminders::session_id.eq(session_id))
        .filter(session_reminders::starts_at.eq(starts_at))
        .count()
        .get_result(conn)?;
    let s = repo::find_row(conn, session_id)?;
    if sent > 0 || s.status != "planned" || s.starts_at != starts_at || s.starts_at <= now {
        return Ok(false);
    }
    diesel::insert_into(session_reminders::table)
        .values((
            session_reminders::session_id.eq(session_id),
            session_reminders::starts_at.eq(starts_at),
            session_reminders::at.eq(now),
        ))
        .execute(conn)?;
    let mut to: Vec<String> = repo::tutors_of(conn, std::slice::from_ref(&s.id))?
        .remove(&s.id)
        .unwrap_or_default()
        .into_iter()
        .map(|p| p.id)
        .collect();
    to.extend(
        registrations::table
            .filter(registrations::session_id.eq(session_id))
            .filter(registrations::status.eq("registered"))
            .select(registrations::user_id)
            .load::<String>(conn)?,
    );
    to.extend(requests::requesters_of_session(conn, session_id)?);
    let tz = zone::of_municipality(conn, &s.municipality_id)?;
    let when = if zone::local(starts_at, tz).date() == zone::local(now, tz).date() {
        "сегодня"
    } else {
        "завтра"
    };
    let text = announcement(conn, &s)?;
    notify(
        conn,
        &to,
        None,
        NotificationKind::SessionReminder.as_str(),
        &format!("Напоминание: занятие {when}"),
        &text,
        Some(&format!("/sessions/{session_id}")),
    )?;
    Ok(true)
}

/// Whether an error only says another process claimed the same reminder first.
pub fn claimed_elsewhere(e: &AppError) -> bool {
    matches!(
        e,
        AppError::Conflict {
            code: ProblemCode::AlreadyExists,
            ..
        }
    )
}
