//! The operations on sessions that handlers and other nouns call, and the access checks
//! they share (load the row → ask the policy). Schedule, registrations and the log are
//! in their own files; this one keeps what other nouns may use.

use super::policy::{self, Facts};
use super::repo;
use super::rows::SessionRow;
use crate::auth::AuthUser;
use crate::error::{AppError, AppResult};
use crate::store::conn::DbConn;
use crate::store::zone;
use chrono::NaiveDateTime;
use tutornet_domain::audit::{AuditAction, AuditEntity};
use tutornet_domain::community::Session;
use tutornet_domain::permissions::{Action, Resource};

pub use super::log::{amend, log, rate};
pub use super::plan::busy;
pub use super::registrations::{register, unregister};
pub use super::schedule::{cancel, create, update};
pub use super::view::{detail, list};

/// «ДД.ММ.ГГГГ ЧЧ:ММ» of a stored instant in the zone of the session's municipality.
pub(super) fn local_time(conn: &mut DbConn, s: &SessionRow, t: NaiveDateTime) -> AppResult<String> {
    Ok(zone::datetime_ru(
        t,
        zone::of_municipality(conn, &s.municipality_id)?,
    ))
}

/// «ДД.ММ.ГГГГ ЧЧ:ММ–ЧЧ:ММ» of a session in the zone of its municipality.
pub(super) fn local_span(conn: &mut DbConn, s: &SessionRow) -> AppResult<String> {
    let tz = zone::of_municipality(conn, &s.municipality_id)?;
    Ok(format!(
        "{}–{}",
        zone::datetime_ru(s.starts_at, tz),
        zone::hhmm(s.ends_at, tz)
    ))
}

/// What a notification about a session tells: what, when (in the zone of its place),
/// where (the place or the link) and who holds it.
pub(super) fn announcement(conn: &mut DbConn, s: &SessionRow) -> AppResult<String> {
    let place = match (s.format.as_str(), &s.place, &s.online_link) {
        ("remote", _, Some(link)) => format!("дистанционно, {link}"),
        ("remote", _, None) => "дистанционно".to_string(),
        (_, Some(p), _) => p.clone(),
        _ => "место уточняется".to_string(),
    };
    let mut tutors: Vec<String> = repo::tutors_of(conn, std::slice::from_ref(&s.id))?
        .remove(&s.id)
        .unwrap_or_default()
        .into_iter()
        .map(|p| p.full_name)
        .collect();
    tutors.sort_by_cached_key(|n| tutornet_domain::text::collation_key(n));
    let who = match tutors.len() {
        0 => String::new(),
        1 => format!("; тьютор {}", tutors[0]),
        _ => format!("; тьюторы {}", tutors.join(", ")),
    };
    Ok(format!(
        "«{}», {}, {place}{who}",
        s.title,
        local_span(conn, s)?
    ))
}

fn facts<'a>(
    conn: &mut DbConn,
    user: &'a AuthUser,
    r: &'a SessionRow,
    region: &'a Option<String>,
    with_tutor: bool,
) -> AppResult<Facts<'a>> {
    Ok(Facts {
        municipality_id: &r.municipality_id,
        region_id: region.as_deref(),
        tutor: if with_tutor && repo::is_tutor_of(conn, &r.id, &user.id)? {
            Some(&user.id)
        } else {
            None
        },
    })
}

/// The audit entry of a write to the session.
pub(super) fn record(
    conn: &mut DbConn,
    user: &AuthUser,
    action: AuditAction,
    before: Option<&SessionRow>,
    after: &SessionRow,
) -> AppResult<()> {
    crate::store::audit::record_in_municipality(
        conn,
        user,
        action,
        AuditEntity::Session,
        &after.id,
        &after.municipality_id,
        before,
        Some(after),
    )
}

/// 404 unless the caller may see the session.
pub(super) fn check_visible(conn: &mut DbConn, user: &AuthUser, r: &SessionRow) -> AppResult<()> {
    let region = crate::access::places::region_of(conn, &r.municipality_id)?;
    let f = facts(conn, user, r, &region, false)?;
    if policy::visible(user.try_reach(Resource::Session, Action::Read).as_ref(), &f) {
        Ok(())
    } else {
        Err(AppError::NotFound("Занятие не найдено".into()))
    }
}

/// Whether the caller manages the session (see `policy::manages`).
pub(super) fn can_manage(conn: &mut DbConn, user: &AuthUser, r: &SessionRow) -> AppResult<bool> {
    let region = crate::access::places::region_of(conn, &r.municipality_id)?;
    let with_tutor = user.acts_as(tutornet_domain::permissions::Role::Tutor);
    let f = facts(conn, user, r, &region, with_tutor)?;
    Ok(policy::manages(user, &f))
}

/// 404 unless visible, 403 unless managed.
pub(super) fn require_manage(conn: &mut DbConn, user: &AuthUser, r: &SessionRow) -> AppResult<()> {
    check_visible(conn, user, r)?;
    if can_manage(conn, user, r)? {
        Ok(())
    } else {
        Err(AppError::forbidden())
    }
}

/// 404/403 unless the caller manages the session; returns its municipality.
pub fn check_manage(conn: &mut DbConn, user: &AuthUser, id: &str) -> AppResult<String> {
    let r = repo::find_row(conn, id)?;
    require_manage(conn, user, &r)?;
    Ok(r.municipality_id)
}

/// The session if the caller may see it (404 otherwise).
pub fn get_session(conn: &mut DbConn, user: &AuthUser, id: &str) -> AppResult<Session> {
    let r = repo::find_row(conn, id)?;
    check_visible(conn, user, &r)?;
    Ok(super::view::to_domain(conn, user, vec![r])?.remove(0))
}

/// What a calendar feed shows of a session.
pub struct FeedSession {
    pub id: String,
    pub form: String,
    pub title: String,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub place: Option<String>,
    pub online_link: Option<String>,
    pub status: String,
}

/// Sessions for an iCal feed: a user's own (held by or registered for), or a municipality's.
pub fn for_feed(
    conn: &mut DbConn,
    user_id: Option<&str>,
    municipality_id: Option<&str>,
) -> AppResult<Vec<FeedSession>> {
    Ok(repo::feed(conn, user_id, municipality_id)?
        .into_iter()
        .map(|s| FeedSession {
            id: s.id,
            form: s.form,
            title: s.title,
            starts_at: s.starts_at,
            ends_at: s.ends_at,
            place: s.place,
            online_link: s.online_link,
            status: s.status,
        })
        .collect())
}
