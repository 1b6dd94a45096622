//! What requests answer to sessions: which requests a new session may answer, and what
//! happens to linked requests when a session is scheduled, cancelled or held. Sessions
//! call these; request rows stay private to requests.

use super::repo;
use super::rows::RequestRow;
use super::rules::{move_to, Move};
use crate::auth::AuthUser;
use crate::error::{AppError, AppResult};
use crate::store::conn::DbConn;
use tutornet_domain::community::RequestStatus;
use tutornet_domain::permissions::Role;

/// Requests a new session will answer, checked before the session is written.
pub struct Schedulable(Vec<RequestRow>);

/// Checks that every request is accepted, of the municipality, (for a tutor) assigned
/// to the caller, and that its assigned tutor is among the session's `tutor_ids`.
pub fn schedulable(
    conn: &mut DbConn,
    actor: &AuthUser,
    municipality_id: &str,
    request_ids: &[String],
    tutor_ids: &[String],
) -> AppResult<Schedulable> {
    let mut linked = Vec::new();
    for rid in request_ids {
        let r = repo::find_row(conn, rid).map_err(|_| {
            AppError::field("request_ids", "invalid_reference", "Заявка не найдена")
        })?;
        if r.municipality_id != municipality_id || r.status != "accepted" {
            return Err(AppError::field(
                "request_ids",
                "invalid_state",
                "Занятие можно связать только с принятыми заявками своего муниципалитета",
            ));
        }
        if actor.acts_as(Role::Tutor) && r.tutor_user_id.as_deref() != Some(actor.id.as_str()) {
            return Err(AppError::field(
                "request_ids",
                "not_assigned",
                "Заявка назначена другому тьютору",
            ));
        }
        check_assigned_tutor(conn, &r, tutor_ids, "request_ids")?;
        linked.push(r);
    }
    Ok(Schedulable(linked))
}

/// 422 on `field` unless the request's assigned tutor holds the session.
pub(super) fn check_assigned_tutor(
    conn: &mut DbConn,
    r: &RequestRow,
    tutor_ids: &[String],
    field: &str,
) -> AppResult<()> {
    let Some(assigned) = r.tutor_user_id.as_deref() else {
        return Ok(());
    };
    if tutor_ids.iter().any(|t| t == assigned) {
        return Ok(());
    }
    let name = repo::user_names(conn, vec![assigned.to_string()])?
        .remove(assigned)
        .unwrap_or_default();
    Err(AppError::field(
        field,
        "not_assigned_tutor",
        format!(
            "Заявка «{}» назначена тьютору {name}: занятие должен вести он",
            r.topic
        ),
    ))
}

/// The session (its announcement: what, when, where, who; the first of a series, when
/// `series` is set) answers the requests: they become `scheduled` and link to it (and to
/// the whole series).
pub fn on_session_scheduled(
    conn: &mut DbConn,
    actor: &AuthUser,
    requests: &Schedulable,
    (session_id, series): (&str, Option<&str>),
    announcement: &str,
) -> AppResult<()> {
    let comment = match series {
        Some(_) => format!("Серия занятий, первое: {announcement}"),
        None => format!("Занятие {announcement}"),
    };
    for r in &requests.0 {
        let m = Move {
            session: Some(Some(session_id)),
            series: Some(series.map(str::to_string)),
            ..Move::to(RequestStatus::Scheduled, Some(&comment))
        };
        move_to(conn, Some(actor), r, m)?;
    }
    Ok(())
}

/// The scheduled requests a session answers: linked to it, or to its series.
fn answered_by(conn: &mut DbConn, session_id: &str) -> AppResult<Vec<RequestRow>> {
    let mut rows = repo::of_session(conn, session_id, "scheduled")?;
    if let Some(series) = repo::series_of_session(conn, session_id)? {
        for r in repo::of_series(conn, &series, "scheduled")? {
            if !rows.iter().any(|x| x.id == r.id) {
                rows.push(r);
            }
        }
    }
    Ok(rows)
}

/// What a request answered by a series becomes once one occurrence is held or
/// cancelled: still scheduled (linked to the next planned occurrence) while one is
/// planned; then done if any was held.
fn after_series_step(
    conn: &mut DbConn,
    actor: &AuthUser,
    r: &RequestRow,
    series: &str,
    comment: &str,
) -> AppResult<bool> {
    let (next, held) = repo::series_state(conn, series)?;
    match next {
        Some(next) => {
            if r.session_id.as_deref() != Some(next.as_str()) {
                repo::set_session(conn, &r.id, Some(&next))?;
            }
            Ok(true)
        }
        None if held > 0 => {
            let m = Move::to(RequestStatus::Done, Some(comment));
            move_to(conn, Some(actor), r, m)?;
            Ok(true)
        }
        None => Ok(false),
    }
}

/// The session was cancelled: its scheduled requests go back to `accepted`, unlinked,
/// so they can be scheduled again — unless a series answers them and goes on (or was
/// held, then they are done).
pub fn on_session_cancelled(
    conn: &mut DbConn,
    actor: &AuthUser,
    session_id: &str,
    reason: &str,
) -> AppResult<()> {
    let comment = format!("Занятие отменено: {reason}");
    for r in answered_by(conn, session_id)? {
        if let Some(series) = r.series_id.clone() {
            if after_series_step(conn, actor, &r, &series, "Серия занятий завершена")?
            {
                continue;
            }
        }
        let m = Move {
            session: Some(None),
            series: Some(None),
            ..Move::to(RequestStatus::Accepted, Some(&comment))
        };
        move_to(conn, Some(actor), &r, m)?;
    }
    Ok(())
}

/// The session was held: its scheduled requests are `done` — for a series, once no
/// occurrence is planned any more.
pub fn on_session_held(conn: &mut DbConn, actor: &AuthUser, session_id: &str) -> AppResult<()> {
    for r in answered_by(conn, session_id)? {
        if let Some(series) = r.series_id.clone() {
            after_series_step(conn, actor, &r, &series, "Серия занятий проведена")?;
            continue;
        }
        let m = Move::to(RequestStatus::Done, Some("Занятие проведено"));
        move_to(conn, Some(actor), &r, m)?;
    }
    Ok(())
}

/// (request id, series id) of the requests answered by the series.
pub fn linked_to_series(
    conn: &mut DbConn,
    series_ids: &[String],
) -> AppResult<Vec<(String, String)>> {
    if series_ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(repo::linked_to_series(conn, series_ids)?
        .into_iter()
        .filter_map(|(id, s)| s.map(|s| (id, s)))
        .collect())
}

/// (request id, session id) of the requests linked to the sessions.
pub fn linked_to_sessions(
    conn: &mut DbConn,
    session_ids: &[String],
) -> AppResult<Vec<(String, String)>> {
    Ok(repo::linked_to_sessions(conn, session_ids)?
        .into_iter()
        .filter_map(|(id, s)| s.map(|s| (id, s)))
        .collect())
}

/// Sessions linked to requests of the school.
pub fn sessions_of_school(conn: &mut DbConn, school_id: &str) -> AppResult<Vec<String>> {
    repo::sessions_of_schools(conn, Some(school_id))
}

/// Sessions linked to requests of schools with low results.
pub fn sessions_of_low_result_schools(conn: &mut DbConn) -> AppResult<Vec<String>> {
    repo::sessions_of_schools(conn, None)
}

/// The people who filed the requests the session answers.
pub fn requesters_of_session(conn: &mut DbConn, session_id: &str) -> AppResult<Vec<String>> {
    repo::requesters_of_session(conn, session_id)
}

/// Whether the user filed a request the session answers.
pub fn requested_session(conn: &mut DbConn, session_id: &str, user_id: &str) -> AppResult<bool> {
    repo::requested_session(conn, session_id, user_id)
}
