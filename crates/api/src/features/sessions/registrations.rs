//! Registrations for group sessions: register (a seat or the waitlist), unregister (the
//! first waiting moves up).

use super::rules::{announcement, check_visible, record};
use super::view::detail;
use super::{policy, repo};
use crate::auth::AuthUser;
use crate::error::{AppError, AppResult};
use crate::features::notifications::ops::notify;
use crate::store::conn::DbConn;
use crate::store::stored;
use tutornet_domain::audit::AuditAction;
use tutornet_domain::community::{FormOfWork, SessionDetail};
use tutornet_domain::notifications::NotificationKind;
use tutornet_domain::ProblemCode;

/// A teacher registers; beyond the seats they join the waitlist.
pub fn register(conn: &mut DbConn, user: &AuthUser, id: &str) -> AppResult<SessionDetail> {
    let s = repo::find_row(conn, id)?;
    check_visible(conn, user, &s)?;
    if !policy::may_register(user.role) {
        return Err(AppError::Forbidden("Записываются педагоги".into()));
    }
    let form = stored(&s.form, "sessions.form", FormOfWork::parse)?;
    if !policy::open_for_registration(form, &s.audience) {
        return Err(AppError::Conflict {
            code: ProblemCode::NotOpenForRegistration,
            detail: "На это занятие не ведётся запись педагогов".into(),
        });
    }
    if s.status != "planned" {
        return Err(AppError::Conflict {
            code: ProblemCode::NotPlanned,
            detail: "Запись возможна только на запланированное занятие".into(),
        });
    }
    super::plan::check_admitted(conn, user, &s)?;
    if s.starts_at <= crate::store::record::now() {
        return Err(AppError::Conflict {
            code: ProblemCode::SessionStarted,
            detail: "Занятие уже началось — записаться на него нельзя".into(),
        });
    }
    let existing = repo::registration_of(conn, id, &user.id, false)?;
    if matches!(&existing, Some((_, st)) if st != "cancelled") {
        return Err(AppError::Conflict {
            code: ProblemCode::AlreadyRegistered,
            detail: "Вы уже записаны на это занятие".into(),
        });
    }
    let taken = repo::count_registered(conn, id)?;
    let status = policy::seat_for(s.seats, taken);
    match existing {
        Some((rid, _)) => repo::set_registration_status(conn, &rid, status.as_str(), true)?,
        None => repo::insert_registration(conn, id, &user.id, status.as_str())?,
    }
    record(conn, user, AuditAction::Register, None, &s)?;
    detail(conn, user, id)
}

/// Cancels the caller's registration; the first on the waitlist moves up.
pub fn unregister(conn: &mut DbConn, user: &AuthUser, id: &str) -> AppResult<SessionDetail> {
    let s = repo::find_row(conn, id)?;
    check_visible(conn, user, &s)?;
    let Some((rid, status)) = repo::registration_of(conn, id, &user.id, true)? else {
        return Err(AppError::NotFound("Вы не записаны на это занятие".into()));
    };
    if s.status != "planned" {
        return Err(AppError::Conflict {
            code: ProblemCode::NotPlanned,
            detail: "Занятие уже проведено или отменено".into(),
        });
    }
    repo::set_registration_status(conn, &rid, "cancelled", false)?;
    if status == "registered" {
        if let Some((nid, nuser)) = repo::first_waitlisted(conn, id)? {
            repo::set_registration_status(conn, &nid, "registered", false)?;
            let text = announcement(conn, &s)?;
            notify(
                conn,
                &[nuser],
                None,
                NotificationKind::WaitlistPromoted.as_str(),
                "Освободилось место — вы записаны",
                &text,
                Some(&format!("/sessions/{id}")),
            )?;
        }
    }
    record(conn, user, AuditAction::Unregister, None, &s)?;
    detail(conn, user, id)
}
