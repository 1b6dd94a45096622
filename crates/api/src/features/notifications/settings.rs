//! Each user's choice of e-mail: one per notification (the default) or one daily digest.

use crate::auth::AuthUser;
use crate::error::AppResult;
use crate::store::audit::{Audit, Scope};
use crate::store::conn::DbConn;
use crate::store::record::now;
use crate::store::schema::notification_settings as ns;
use diesel::prelude::*;
use tutornet_domain::audit::{AuditAction, AuditEntity};
use tutornet_domain::notifications::{
    NotificationSettings, NotificationSettingsInput, DIGEST_HOUR,
};

/// Whether the user chose the daily digest.
pub fn wants_digest(conn: &mut DbConn, user_id: &str) -> AppResult<bool> {
    Ok(ns::table
        .find(user_id)
        .select(ns::digest)
        .first::<bool>(conn)
        .optional()?
        .unwrap_or(false))
}

pub fn get(conn: &mut DbConn, user_id: &str) -> AppResult<NotificationSettings> {
    Ok(NotificationSettings {
        digest: wants_digest(conn, user_id)?,
        digest_hour: DIGEST_HOUR,
        time_zone: crate::store::zone::of_user(conn, user_id)?
            .name()
            .to_string(),
    })
}

/// Sets the caller's choice (audited when it changes). Switching the digest on starts
/// the first digest's window now.
pub fn set(
    conn: &mut DbConn,
    user: &AuthUser,
    input: &NotificationSettingsInput,
) -> AppResult<NotificationSettings> {
    let before = get(conn, &user.id)?;
    if before.digest == input.digest {
        return Ok(before);
    }
    let t = now();
    let exists: i64 = ns::table.find(&user.id).count().get_result(conn)?;
    if exists == 0 {
        diesel::insert_into(ns::table)
            .values((
                ns::user_id.eq(&user.id),
                ns::digest.eq(input.digest),
                ns::digest_since.eq(t),
                ns::updated_at.eq(t),
            ))
            .execute(conn)?;
    } else if input.digest {
        diesel::update(ns::table.find(&user.id))
            .set((
                ns::digest.eq(true),
                ns::digest_since.eq(t),
                ns::updated_at.eq(t),
            ))
            .execute(conn)?;
    } else {
        diesel::update(ns::table.find(&user.id))
            .set((ns::digest.eq(false), ns::updated_at.eq(t)))
            .execute(conn)?;
    }
    let after = get(conn, &user.id)?;
    let scope = match &user.municipality_id {
        Some(m) => Scope::municipality(&user.region_id, m),
        None => Scope::region(&user.region_id),
    };
    Audit::new(user, AuditEntity::NotificationSettings, &user.id, scope).record(
        conn,
        AuditAction::Update,
        Some(&before),
        Some(&after),
    )?;
    Ok(after)
}
