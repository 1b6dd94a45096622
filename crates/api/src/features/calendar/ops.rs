//! Secret iCal feeds: personal (the user's sessions) or municipal (all sessions).

use crate::auth::AuthUser;
use crate::error::{AppError, AppResult};
use crate::store::conn::DbConn;
use crate::store::record::new_id;
use crate::store::record::now;
use crate::store::schema::calendar_feeds;
use diesel::prelude::*;
use sha2::{Digest, Sha256};
use tutornet_domain::audit::{AuditAction, AuditEntity};
use tutornet_domain::community::{CalendarFeed, FormOfWork};
use tutornet_domain::permissions::Role;

fn hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Creates a feed; the secret URL is returned once.
pub fn create(conn: &mut DbConn, user: &AuthUser, municipal: bool) -> AppResult<CalendarFeed> {
    let municipality = if municipal {
        if !matches!(user.role, Role::Coordinator | Role::Admin) {
            return Err(AppError::Forbidden(
                "Календарь муниципалитета создаёт координатор".into(),
            ));
        }
        Some(
            user.municipality_id
                .clone()
                .ok_or_else(|| AppError::Forbidden("Нет муниципалитета".into()))?,
        )
    } else {
        None
    };
    let token = {
        use rand::RngCore;
        let mut b = [0u8; 24];
        rand::thread_rng().fill_bytes(&mut b);
        base64::Engine::encode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, b)
    };
    let id = new_id();
    let t = now();
    diesel::insert_into(calendar_feeds::table)
        .values((
            calendar_feeds::id.eq(&id),
            calendar_feeds::user_id.eq(&user.id),
            calendar_feeds::municipality_id.eq(&municipality),
            calendar_feeds::token_hash.eq(hash(&token)),
            calendar_feeds::created_at.eq(t),
        ))
        .execute(conn)?;
    record(
        conn,
        user,
        AuditAction::FeedCreate,
        &id,
        municipality.as_deref(),
    )?;
    Ok(CalendarFeed {
        id,
        url: format!("/api/v1/calendar/{token}.ics"),
        created_at: t.and_utc(),
    })
}

pub fn revoke(conn: &mut DbConn, user: &AuthUser, id: &str) -> AppResult<()> {
    let n = diesel::update(
        calendar_feeds::table
            .filter(calendar_feeds::id.eq(id))
            .filter(calendar_feeds::user_id.eq(&user.id))
            .filter(calendar_feeds::revoked_at.is_null()),
    )
    .set(calendar_feeds::revoked_at.eq(Some(now())))
    .execute(conn)?;
    if n == 0 {
        return Err(AppError::NotFound("Календарь не найден".into()));
    }
    let municipality: Option<String> = calendar_feeds::table
        .find(id)
        .select(calendar_feeds::municipality_id)
        .first(conn)?;
    record(
        conn,
        user,
        AuditAction::FeedRevoke,
        id,
        municipality.as_deref(),
    )
}

/// An audit entry for a feed; the secret never enters the log.
fn record(
    conn: &mut DbConn,
    user: &AuthUser,
    action: AuditAction,
    id: &str,
    municipality: Option<&str>,
) -> AppResult<()> {
    let what = serde_json::json!({"user_id": user.id, "municipal": municipality.is_some()});
    crate::features::audit::ops::record(
        conn,
        Some(user),
        action,
        AuditEntity::CalendarFeed,
        id,
        crate::features::audit::ops::Scope {
            region_id: Some(&user.region_id),
            municipality_id: municipality.or(user.municipality_id.as_deref()),
        },
        None,
        Some(&what),
    )
}

/// The feed's iCalendar text, or 404 for an unknown or revoked token.
pub fn ics(conn: &mut DbConn, token: &str) -> AppResult<String> {
    let feed: Option<(Option<String>, Option<String>)> = calendar_feeds::table
        .filter(calendar_feeds::token_hash.eq(hash(token)))
        .filter(calendar_feeds::revoked_at.is_null())
        .select((calendar_feeds::user_id, calendar_feeds::municipality_id))
        .first(conn)
        .optional()?;
    let Some((user_id, municipality)) = feed else {
        return Err(AppError::NotFound("Календарь не найден или отозван".into()));
    };
    let rows = match &municipality {
        Some(m) => crate::features::sessions::ops::for_feed(conn, None, Some(m))?,
        None => crate::features::sessions::ops::for_feed(conn, user_id.as_deref(), None)?,
    };
    // iCalendar text by the `icalendar` crate (escaping, folding, CRLF per RFC 5545).
    use icalendar::{Calendar, Component, Event, EventLike, EventStatus};
    let mut cal = Calendar::new();
    cal.name("tutornet");
    for s in rows {
        let form = FormOfWork::parse(&s.form)
            .map(|f| f.label_ru())
            .unwrap_or("");
        let mut ev = Event::new();
        ev.uid(&format!("{}@tutornet", s.id))
            .summary(&format!("{form}: {}", s.title))
            .starts(s.starts_at.and_utc())
            .ends(s.ends_at.and_utc())
            // A planned session is confirmed in its users' sense; a cancelled one stays in
            // the feed as CANCELLED so that calendars remove it.
            .status(if s.status == "cancelled" {
                EventStatus::Cancelled
            } else {
                EventStatus::Confirmed
            });
        if let Some(loc) = s.place.as_ref().or(s.online_link.as_ref()) {
            ev.location(loc);
        }
        cal.push(ev.done());
    }
    Ok(cal.done().to_string())
}
