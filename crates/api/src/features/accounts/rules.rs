//! Operations on one-time links: invite a user, request a reset, set a password from a
//! link. Each runs inside the caller's write transaction.

use super::policy::{usable, Purpose};
use super::repo::{self, NewLink};
use crate::auth::refresh_tokens::{hash, random_token};
use crate::auth::AuthUser;
use crate::error::{AppError, AppResult};
use crate::store::conn::DbConn;
use crate::store::record::now;
use tutornet_domain::accounts::{set_password_link, Invitation};
use tutornet_domain::audit::{AuditAction, AuditEntity};
use tutornet_domain::users::User;
use tutornet_domain::ProblemCode;

/// What a new link needs from the configuration.
#[derive(Clone)]
pub struct LinkConfig {
    pub ttl_secs: i64,
    /// Whether SMTP is configured (only then is the raw token kept until mailed).
    pub mail: bool,
    pub public_url: String,
}

impl LinkConfig {
    pub fn invite(c: &crate::config::Config) -> Self {
        Self::new(c, c.invite_ttl_secs)
    }

    pub fn reset(c: &crate::config::Config) -> Self {
        Self::new(c, c.reset_ttl_secs)
    }

    fn new(c: &crate::config::Config, ttl_secs: i64) -> Self {
        LinkConfig {
            ttl_secs,
            mail: c.smtp_url.is_some(),
            public_url: c.public_url.trim_end_matches('/').to_string(),
        }
    }
}

/// Creates a link for `user_id` (superseding their open ones) and returns its invitation.
fn issue(
    conn: &mut DbConn,
    user_id: &str,
    purpose: Purpose,
    created_by: Option<&str>,
    cfg: &LinkConfig,
) -> AppResult<Invitation> {
    repo::revoke_open(conn, user_id)?;
    let token = random_token();
    let expires_at = now() + chrono::Duration::seconds(cfg.ttl_secs);
    repo::insert(
        conn,
        NewLink {
            user_id,
            purpose,
            token_hash: &hash(&token),
            mail_token: cfg.mail.then_some(token.as_str()),
            created_by,
            expires_at,
        },
    )?;
    Ok(Invitation {
        url: format!("{}{}", cfg.public_url, set_password_link(&token)),
        expires_at: expires_at.and_utc(),
    })
}

fn audit(
    conn: &mut DbConn,
    actor: Option<&AuthUser>,
    action: AuditAction,
    u: &User,
    expires_at: Option<chrono::DateTime<chrono::Utc>>,
) -> AppResult<()> {
    let after = expires_at.map(|t| serde_json::json!({ "expires_at": t }));
    crate::store::audit::record(
        conn,
        actor,
        action,
        AuditEntity::User,
        &u.id,
        crate::features::users::rules::scope(&u.region_id, u.municipality_id.as_deref()),
        None,
        after.as_ref(),
    )
}

/// Invites user `id` (the actor must be allowed to edit them): a 7-day link, e-mailed.
pub fn invite(
    conn: &mut DbConn,
    actor: &AuthUser,
    id: &str,
    cfg: &LinkConfig,
) -> AppResult<Invitation> {
    let u = crate::features::users::rules::editable(conn, actor, id)?;
    if !u.active || u.meta.archived_at.is_some() {
        return Err(AppError::Conflict {
            code: ProblemCode::UserInactive,
            detail: "Учётная запись отключена или в архиве: сначала включите её".into(),
        });
    }
    let inv = issue(conn, id, Purpose::Invite, Some(&actor.id), cfg)?;
    audit(
        conn,
        Some(actor),
        AuditAction::Invite,
        &u,
        Some(inv.expires_at),
    )?;
    Ok(inv)
}

/// A reset link for the account of `email`, if it exists and may log in; nothing
/// otherwise (the caller answers the same either way).
pub fn request_reset(conn: &mut DbConn, email: &str, cfg: &LinkConfig) -> AppResult<()> {
    let Some((id, _, usable)) = crate::features::users::repo::login_lookup(conn, email)? else {
        return Ok(());
    };
    if !usable {
        return Ok(());
    }
    let u = crate::features::users::repo::find(conn, &id)?;
    let inv = issue(conn, &id, Purpose::Reset, None, cfg)?;
    audit(
        conn,
        None,
        AuditAction::ResetRequest,
        &u,
        Some(inv.expires_at),
    )
}

fn link_invalid() -> AppError {
    AppError::BadRequest {
        code: ProblemCode::LinkInvalid,
        detail: "Ссылка устарела или уже использована. Запросите новую: «Забыли пароль?» на \
                 странице входа или новое приглашение у координатора."
            .into(),
    }
}

/// Sets the password (`password_hash`, computed by the caller) of the link's user:
/// the link is used up, every other open link and every session of the user ends.
pub fn set_from_link(conn: &mut DbConn, token: &str, password_hash: &str) -> AppResult<()> {
    let link = repo::by_hash(conn, &hash(token))?.ok_or_else(link_invalid)?;
    if !usable(link.expires_at, link.used_at, link.revoked_at, now()) {
        return Err(link_invalid());
    }
    // The link's user, as the actor of their own change; gone if deactivated meanwhile.
    let me = crate::auth::caller::load(conn, &link.user_id)?.ok_or_else(link_invalid)?;
    repo::mark_used(conn, &link.id)?;
    repo::revoke_open(conn, &me.id)?;
    crate::features::users::rules::set_password(
        conn,
        &me,
        &me.id,
        password_hash,
        AuditAction::PasswordSet,
    )
}
