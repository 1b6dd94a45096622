//! Queries of one-time links.

use super::policy::Purpose;
use crate::error::AppResult;
use crate::store::conn::DbConn;
use crate::store::record::{new_id, now};
use crate::store::schema::{account_links, users};
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// A stored link, as `set_from_link` needs it.
#[derive(Queryable)]
pub struct Link {
    pub id: String,
    pub user_id: String,
    pub expires_at: NaiveDateTime,
    pub used_at: Option<NaiveDateTime>,
    pub revoked_at: Option<NaiveDateTime>,
}

/// A link still to be e-mailed: (id, user id, purpose, raw token, expiry, e-mail, name).
pub type Pending = (
    String,
    String,
    String,
    String,
    NaiveDateTime,
    String,
    String,
);

/// Supersedes the user's links that are not used yet (and forgets their raw tokens).
pub fn revoke_open(conn: &mut DbConn, user_id: &str) -> AppResult<()> {
    diesel::update(
        account_links::table
            .filter(account_links::user_id.eq(user_id))
            .filter(account_links::used_at.is_null())
            .filter(account_links::revoked_at.is_null()),
    )
    .set((
        account_links::revoked_at.eq(Some(now())),
        account_links::mail_token.eq(None::<String>),
    ))
    .execute(conn)?;
    Ok(())
}

pub struct NewLink<'a> {
    pub user_id: &'a str,
    pub purpose: Purpose,
    pub token_hash: &'a str,
    pub mail_token: Option<&'a str>,
    pub created_by: Option<&'a str>,
    pub expires_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConn, l: NewLink) -> AppResult<()> {
    diesel::insert_into(account_links::table)
        .values((
            account_links::id.eq(new_id()),
            account_links::user_id.eq(l.user_id),
            account_links::purpose.eq(l.purpose.as_str()),
            account_links::token_hash.eq(l.token_hash),
            account_links::mail_token.eq(l.mail_token),
            account_links::created_at.eq(now()),
            account_links::created_by.eq(l.created_by),
            account_links::expires_at.eq(l.expires_at),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn by_hash(conn: &mut DbConn, token_hash: &str) -> AppResult<Option<Link>> {
    Ok(account_links::table
        .filter(account_links::token_hash.eq(token_hash))
        .select((
            account_links::id,
            account_links::user_id,
            account_links::expires_at,
            account_links::used_at,
            account_links::revoked_at,
        ))
        .first(conn)
        .optional()?)
}

pub fn mark_used(conn: &mut DbConn, id: &str) -> AppResult<()> {
    diesel::update(account_links::table.find(id))
        .set((
            account_links::used_at.eq(Some(now())),
            account_links::mail_token.eq(None::<String>),
        ))
        .execute(conn)?;
    Ok(())
}

/// Links whose e-mail is still to be sent, to active users, oldest first.
pub fn pending_mail(conn: &mut DbConn) -> AppResult<Vec<Pending>> {
    Ok(account_links::table
        .inner_join(users::table)
        .filter(account_links::mail_token.is_not_null())
        .filter(account_links::used_at.is_null())
        .filter(account_links::revoked_at.is_null())
        .filter(account_links::expires_at.gt(now()))
        .filter(users::active.eq(true))
        .order(account_links::id.asc())
        .limit(20)
        .select((
            account_links::id,
            account_links::user_id,
            account_links::purpose,
            account_links::mail_token.assume_not_null(),
            account_links::expires_at,
            users::email,
            users::full_name,
        ))
        .load(conn)?)
}

/// Forgets the raw token of a sent link (and of any link that expired unsent).
pub fn mail_sent(conn: &mut DbConn, id: &str) -> AppResult<()> {
    diesel::update(
        account_links::table
            .filter(account_links::mail_token.is_not_null())
            .filter(
                account_links::id
                    .eq(id)
                    .or(account_links::expires_at.le(now())),
            ),
    )
    .set(account_links::mail_token.eq(None::<String>))
    .execute(conn)?;
    Ok(())
}
