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

/// Checks that every request is accepted, of the municipality, and (for a tutor)
/// assigned to the caller.
pub fn schedulable(
    conn: &mut DbConn,
    actor: &AuthUser,
    municipality_id: &str,
    request_ids: &[String],
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
        if actor.role == Role::Tutor && r.tutor_user_id.as_deref() != Some(actor.id.as_str()) {
            return Err(AppError::field(
                "request_ids",
                "not_assigned",
                "Заявка назначена другому тьютору",
            ));
        }
        linked.push(r);
    }
    Ok(Schedulable(linked))
}

/// The session (its announcement: what, when, where, who) answers the requests: they become `scheduled` and link to it.
pub fn on_session_scheduled(
    conn: &mut DbConn,
    actor: &AuthUser,
    requests: &Schedulable,
    session_id: &str,
    announcement: &str,
) -> AppResult<()> {
    let comment = format!("Занятие {announcement}");
    for r in &requests.0 {
        let m = Move {
            session: Some(Some(session_id)),
            ..Move::to(RequestStatus::Scheduled, Some(&comment))
        };
        move_to(conn, Some(actor), r, m)?;
    }
    Ok(())
}

/// The session was cancelled: its scheduled requests go back to `accepted`, unlinked,
/// so they can be scheduled again.
pub fn on_session_cancelled(
    conn: &mut DbConn,
    actor: &AuthUser,
    session_id: &str,
    reason: &str,
) -> AppResult<()> {
    let comment = format!("Занятие отменено: {reason}");
    for r in repo::of_session(conn, session_id, "scheduled")? {
        let m = Move {
            session: Some(None),
            ..Move::to(RequestStatus::Accepted, Some(&comment))
        };
        move_to(conn, Some(actor), &r, m)?;
    }
    Ok(())
}

/// The session was held: its scheduled requests are `done`.
pub fn on_session_held(conn: &mut DbConn, actor: &AuthUser, session_id: &str) -> AppResult<()> {
    for r in repo::of_session(conn, session_id, "scheduled")? {
        let m = Move::to(RequestStatus::Done, Some("Занятие проведено"));
        move_to(conn, Some(actor), &r, m)?;
    }
    Ok(())
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
