//! Who attends a session without registering: the requesters of the requests it
//! answers (the participants of individual forms, which take no registrations) and
//! walk-ins the tutor adds in the log. Before the log the requesters are read from the
//! linked requests; the log keeps them (with their presence) in `session_participants`,
//! since a request answered by a series moves on to the next occurrence.

use super::rows::SessionRow;
use crate::error::{AppError, AppResult};
use crate::store::conn::DbConn;
use crate::store::names::school_short_names;
use crate::store::record::{new_id, now};
use crate::store::schema::{requests, session_logs, session_participants, users};
use diesel::prelude::*;
use tutornet_domain::community::{LinkedRequest, Requester, WalkIn, WalkInInput};

const REQUESTER: &str = "requester";
const WALK_IN: &str = "walk_in";

/// A stored participant: (id, kind, user, name, school, position, attended).
type ParticipantRow = (
    String,
    String,
    Option<String>,
    String,
    Option<String>,
    Option<String>,
    bool,
);

fn stored(conn: &mut DbConn, session_id: &str) -> AppResult<Vec<ParticipantRow>> {
    Ok(session_participants::table
        .filter(session_participants::session_id.eq(session_id))
        .order((
            session_participants::created_at.asc(),
            session_participants::id.asc(),
        ))
        .select((
            session_participants::id,
            session_participants::kind,
            session_participants::user_id,
            session_participants::full_name,
            session_participants::school,
            session_participants::position,
            session_participants::attended,
        ))
        .load(conn)?)
}

/// The requests the session answers: linked to it, or to its series. Each as
/// (id, topic, school, requester).
fn linked(conn: &mut DbConn, s: &SessionRow) -> AppResult<Vec<(String, String, String, String)>> {
    let mut q = requests::table
        .filter(requests::status.eq_any(["scheduled", "done"]))
        .into_boxed();
    q = match &s.series_id {
        Some(series) => q.filter(
            requests::session_id
                .eq(s.id.clone())
                .or(requests::series_id.eq(series.clone())),
        ),
        None => q.filter(requests::session_id.eq(s.id.clone())),
    };
    Ok(q.order(requests::created_at.asc())
        .select((
            requests::id,
            requests::topic,
            requests::school_id,
            requests::requester_id,
        ))
        .load(conn)?)
}

/// The linked requests by topic, those `sees` admits (given the request's school and
/// requester).
pub(super) fn linked_requests(
    conn: &mut DbConn,
    s: &SessionRow,
    sees: impl Fn(&str, &str) -> bool,
) -> AppResult<Vec<LinkedRequest>> {
    let rows: Vec<_> = linked(conn, s)?
        .into_iter()
        .filter(|(_, _, school, requester)| sees(school, requester))
        .collect();
    let names = school_short_names(conn, rows.iter().map(|r| r.2.clone()).collect())?;
    Ok(rows
        .into_iter()
        .map(|(id, topic, school, _)| LinkedRequest {
            id,
            topic,
            school_name: names.get(&school).cloned(),
        })
        .collect())
}

/// The requesters who are not registered: from the log once it is written, else from
/// the linked requests.
pub(super) fn requesters(
    conn: &mut DbConn,
    s: &SessionRow,
    registered: &[String],
) -> AppResult<Vec<Requester>> {
    let kept: Vec<ParticipantRow> = stored(conn, &s.id)?
        .into_iter()
        .filter(|r| r.1 == REQUESTER)
        .collect();
    if s.status == "held" {
        let ids: Vec<String> = kept.iter().filter_map(|r| r.2.clone()).collect();
        let schools = user_schools(conn, &ids)?;
        return Ok(kept
            .into_iter()
            .map(|r| {
                let user_id = r.2.unwrap_or_default();
                Requester {
                    school_name: schools.get(&user_id).cloned().flatten(),
                    user_id,
                    full_name: r.3,
                    attended: Some(r.6),
                }
            })
            .collect());
    }
    let mut ids: Vec<String> = Vec::new();
    for (_, _, _, requester) in linked(conn, s)? {
        if !ids.contains(&requester) && !registered.contains(&requester) {
            ids.push(requester);
        }
    }
    let people: Vec<(String, String)> = users::table
        .filter(users::id.eq_any(&ids))
        .select((users::id, users::full_name))
        .load(conn)?;
    let schools = user_schools(conn, &ids)?;
    Ok(ids
        .into_iter()
        .filter_map(|id| {
            let name = people.iter().find(|p| p.0 == id)?.1.clone();
            Some(Requester {
                school_name: schools.get(&id).cloned().flatten(),
                user_id: id,
                full_name: name,
                attended: None,
            })
        })
        .collect())
}

/// Short names of the users' schools.
fn user_schools(
    conn: &mut DbConn,
    ids: &[String],
) -> AppResult<std::collections::HashMap<String, Option<String>>> {
    let rows: Vec<(String, Option<String>)> = users::table
        .filter(users::id.eq_any(ids))
        .select((users::id, users::school_id))
        .load(conn)?;
    let names = school_short_names(conn, rows.iter().filter_map(|r| r.1.clone()).collect())?;
    Ok(rows
        .into_iter()
        .map(|(u, s)| (u, s.and_then(|s| names.get(&s).cloned())))
        .collect())
}

/// The walk-ins of a logged session.
pub(super) fn walk_ins(conn: &mut DbConn, session_id: &str) -> AppResult<Vec<WalkIn>> {
    Ok(stored(conn, session_id)?
        .into_iter()
        .filter(|r| r.1 == WALK_IN)
        .map(|r| WalkIn {
            id: r.0,
            full_name: r.3,
            school: r.4,
            position: r.5,
        })
        .collect())
}

/// Keeps the requesters (with their presence) and the walk-ins in the log. A requester
/// is one of `requesters`; the caller has checked `attended` against them.
pub(super) fn write(
    conn: &mut DbConn,
    session_id: &str,
    actor: &str,
    requesters: &[Requester],
    attended: &[String],
    walk_ins: &[WalkInInput],
) -> AppResult<()> {
    let t = now();
    for r in requesters {
        diesel::insert_into(session_participants::table)
            .values((
                session_participants::id.eq(new_id()),
                session_participants::session_id.eq(session_id),
                session_participants::kind.eq(REQUESTER),
                session_participants::user_id.eq(Some(&r.user_id)),
                session_participants::full_name.eq(&r.full_name),
                session_participants::attended.eq(attended.contains(&r.user_id)),
                session_participants::created_at.eq(t),
                session_participants::created_by.eq(Some(actor)),
            ))
            .execute(conn)?;
    }
    for w in walk_ins {
        let clean = |v: &Option<String>| tutornet_domain::text::clean(v);
        diesel::insert_into(session_participants::table)
            .values((
                session_participants::id.eq(new_id()),
                session_participants::session_id.eq(session_id),
                session_participants::kind.eq(WALK_IN),
                session_participants::full_name.eq(w
                    .full_name
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")),
                session_participants::school.eq(clean(&w.school)),
                session_participants::position.eq(clean(&w.position)),
                session_participants::attended.eq(true),
                session_participants::created_at.eq(t),
                session_participants::created_by.eq(Some(actor)),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// 422 naming someone marked present who is neither registered nor a requester.
pub(super) fn check_attended(
    attended: &[String],
    registered: &[String],
    requesters: &[Requester],
) -> AppResult<()> {
    let known = |u: &String| registered.contains(u) || requesters.iter().any(|r| &r.user_id == u);
    match attended.iter().find(|u| !known(u)) {
        Some(bad) => Err(AppError::field(
            "attended_user_ids",
            "not_registered",
            format!(
                "Участник {bad} не записан на занятие и не подавал заявку, на которую оно отвечает; пришедших без записи добавьте в список «Без записи»"
            ),
        )),
        None => Ok(()),
    }
}

/// Keeps the log's academic hours and difficulties (one row per logged session).
pub(super) fn write_log(
    conn: &mut DbConn,
    session_id: &str,
    actor: &str,
    hours: f64,
    difficulties: Option<String>,
) -> AppResult<()> {
    diesel::insert_into(session_logs::table)
        .values((
            session_logs::session_id.eq(session_id),
            session_logs::academic_hours.eq(hours as f32),
            session_logs::difficulties.eq(difficulties),
            session_logs::created_at.eq(now()),
            session_logs::created_by.eq(Some(actor)),
        ))
        .execute(conn)?;
    Ok(())
}

/// The log's (academic hours, difficulties), once it is written.
pub(super) fn log_of(
    conn: &mut DbConn,
    session_id: &str,
) -> AppResult<Option<(f64, Option<String>)>> {
    let row: Option<(f32, Option<String>)> = session_logs::table
        .find(session_id)
        .select((session_logs::academic_hours, session_logs::difficulties))
        .first(conn)
        .optional()?;
    Ok(row.map(|(h, d)| (f64::from(h), d)))
}

/// Amends the academic hours of a logged session.
pub(super) fn set_hours(conn: &mut DbConn, session_id: &str, hours: f64) -> AppResult<()> {
    diesel::update(session_logs::table.find(session_id))
        .set(session_logs::academic_hours.eq(hours as f32))
        .execute(conn)?;
    Ok(())
}

/// Amends the difficulties of a logged session.
pub(super) fn set_difficulties(
    conn: &mut DbConn,
    session_id: &str,
    text: Option<String>,
) -> AppResult<()> {
    diesel::update(session_logs::table.find(session_id))
        .set(session_logs::difficulties.eq(text))
        .execute(conn)?;
    Ok(())
}

/// The title and local day of a held session `user_id` attended (registered and marked
/// present, or listed present in the log), or `None`: what a trajectory step cites as
/// its evidence.
pub fn attended_by(
    conn: &mut DbConn,
    session_id: &str,
    user_id: &str,
) -> AppResult<Option<(String, chrono::NaiveDate)>> {
    use crate::store::schema::{registrations as r, session_participants as sp, sessions as s};
    let held: Option<(String, chrono::NaiveDateTime, String)> = s::table
        .find(session_id)
        .filter(s::status.eq("held"))
        .select((s::title, s::starts_at, s::municipality_id))
        .first(conn)
        .optional()?;
    let Some((title, at, m)) = held else {
        return Ok(None);
    };
    let registered: i64 = r::table
        .filter(r::session_id.eq(session_id))
        .filter(r::user_id.eq(user_id))
        .filter(r::attended.eq(true))
        .count()
        .get_result(conn)?;
    let listed: i64 = sp::table
        .filter(sp::session_id.eq(session_id))
        .filter(sp::user_id.eq(user_id))
        .filter(sp::attended.eq(true))
        .count()
        .get_result(conn)?;
    if registered + listed == 0 {
        return Ok(None);
    }
    let tz = crate::store::zone::of_municipality(conn, &m)?;
    let day = crate::store::zone::local(at, tz).date();
    Ok(Some((title, day)))
}
