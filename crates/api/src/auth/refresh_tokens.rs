//! Refresh tokens: stored hashed, single use, rotated within a family; reuse of a
//! rotated token revokes the family (it was stolen or replayed).

use crate::error::{AppError, AppResult};
use crate::store::conn::DbConn;
use crate::store::record::new_id;
use crate::store::record::now;
use crate::store::schema::refresh_tokens;
use diesel::prelude::*;
use sha2::{Digest, Sha256};
use tutornet_domain::ProblemCode;

/// The SHA-256 (hex) under which a random token is stored.
pub fn hash(token: &str) -> String {
    let d = Sha256::digest(token.as_bytes());
    d.iter().map(|b| format!("{b:02x}")).collect()
}

/// 32 random bytes, URL-safe base64.
pub fn random_token() -> String {
    use rand::RngCore;
    let mut b = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut b);
    base64::Engine::encode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, b)
}

/// Issues a refresh token in `family` (a new family on login).
pub fn issue(
    conn: &mut DbConn,
    user_id: &str,
    family: Option<&str>,
    ttl_secs: i64,
) -> AppResult<String> {
    let token = random_token();
    let t = now();
    diesel::insert_into(refresh_tokens::table)
        .values((
            refresh_tokens::id.eq(new_id()),
            refresh_tokens::user_id.eq(user_id),
            refresh_tokens::family_id.eq(family.map(str::to_string).unwrap_or_else(new_id)),
            refresh_tokens::token_hash.eq(hash(&token)),
            refresh_tokens::created_at.eq(t),
            refresh_tokens::expires_at.eq(t + chrono::Duration::seconds(ttl_secs)),
        ))
        .execute(conn)?;
    Ok(token)
}

fn invalid() -> AppError {
    AppError::Unauthorized {
        code: ProblemCode::InvalidRefreshToken,
        detail: "Сеанс завершён; войдите снова".into(),
        field: None,
    }
}

/// Consumes a refresh token: returns (user id, new token) or 401. A token already used
/// revokes its whole family.
pub fn rotate(
    conn: &mut DbConn,
    token: &str,
    ttl_secs: i64,
) -> AppResult<Result<(String, String), AppError>> {
    type Row = (
        String,
        String,
        String,
        chrono::NaiveDateTime,
        Option<chrono::NaiveDateTime>,
        Option<chrono::NaiveDateTime>,
    );
    let row: Option<Row> = refresh_tokens::table
        .filter(refresh_tokens::token_hash.eq(hash(token)))
        .select((
            refresh_tokens::id,
            refresh_tokens::user_id,
            refresh_tokens::family_id,
            refresh_tokens::expires_at,
            refresh_tokens::used_at,
            refresh_tokens::revoked_at,
        ))
        .first(conn)
        .optional()?;
    let Some((id, user_id, family, expires, used, revoked)) = row else {
        return Ok(Err(invalid()));
    };
    if used.is_some() {
        // Reuse of a rotated token: revoke the family, and commit that (Ok outer).
        revoke_family(conn, &family)?;
        return Ok(Err(AppError::Unauthorized {
            code: ProblemCode::RefreshTokenReused,
            detail:
                "Токен обновления уже использовался; из соображений безопасности сеанс завершён"
                    .into(),
            field: None,
        }));
    }
    if revoked.is_some() || expires < now() {
        return Ok(Err(invalid()));
    }
    diesel::update(refresh_tokens::table.find(&id))
        .set(refresh_tokens::used_at.eq(Some(now())))
        .execute(conn)?;
    let new_token = issue(conn, &user_id, Some(&family), ttl_secs)?;
    Ok(Ok((user_id, new_token)))
}

pub fn revoke_family(conn: &mut DbConn, family: &str) -> AppResult<()> {
    diesel::update(
        refresh_tokens::table
            .filter(refresh_tokens::family_id.eq(family))
            .filter(refresh_tokens::revoked_at.is_null()),
    )
    .set(refresh_tokens::revoked_at.eq(Some(now())))
    .execute(conn)?;
    Ok(())
}

/// Logout: revokes the family of the given token (unknown tokens are ignored).
pub fn revoke_token(conn: &mut DbConn, token: &str) -> AppResult<()> {
    let fam: Option<String> = refresh_tokens::table
        .filter(refresh_tokens::token_hash.eq(hash(token)))
        .select(refresh_tokens::family_id)
        .first(conn)
        .optional()?;
    if let Some(f) = fam {
        revoke_family(conn, &f)?;
    }
    Ok(())
}

pub fn revoke_user(conn: &mut DbConn, user_id: &str) -> AppResult<()> {
    diesel::update(
        refresh_tokens::table
            .filter(refresh_tokens::user_id.eq(user_id))
            .filter(refresh_tokens::revoked_at.is_null()),
    )
    .set(refresh_tokens::revoked_at.eq(Some(now())))
    .execute(conn)?;
    Ok(())
}
