//! The only way to change a versioned row: `UPDATE … WHERE id = ? AND version = ?`
//! (0 rows → 409 `version_conflict`), and an update that changes nothing is reported as
//! unchanged — no new version, no audit entry, no notification.

use crate::error::{AppError, AppResult};
use crate::store::Audit;
use crate::store::DbConn;
use diesel::connection::SimpleConnection;
use serde::Serialize;
use tutornet_domain::audit::AuditAction;

/// What a versioned update did.
#[derive(Debug)]
pub enum Change<T> {
    /// The row was written; the new state.
    Stored(T),
    /// The input equalled what is stored; nothing was written (the old state).
    Unchanged(T),
}

/// Applies a versioned update. `sent` is the version the client based its change on,
/// `before` the current state (whose version is `current`); `write` runs the UPDATE for
/// `expected = current` — built with [`set_versioned!`] so it carries the version filter
/// and bump — and returns the number of rows; `load` reads the row back. The write runs
/// inside a savepoint, so when nothing but the bookkeeping (version, updated at/by)
/// would change, it is undone and `Unchanged` comes back.
pub fn update_versioned<T: Serialize>(
    conn: &mut DbConn,
    sent: Option<i32>,
    current: i32,
    before: T,
    write: impl FnOnce(&mut DbConn, i32) -> AppResult<usize>,
    load: impl FnOnce(&mut DbConn) -> AppResult<T>,
) -> AppResult<Change<T>> {
    crate::store::record::check_version(sent, current)?;
    conn.batch_execute("SAVEPOINT versioned_update")?;
    let n = match write(conn, current) {
        Ok(n) => n,
        Err(e) => {
            conn.batch_execute("ROLLBACK TO SAVEPOINT versioned_update")?;
            return Err(e);
        }
    };
    if n == 0 {
        conn.batch_execute("ROLLBACK TO SAVEPOINT versioned_update")?;
        return Err(AppError::version_conflict(current + 1));
    }
    let after = load(conn)?;
    if essence(&after) == essence(&before) {
        conn.batch_execute(
            "ROLLBACK TO SAVEPOINT versioned_update; RELEASE SAVEPOINT versioned_update",
        )?;
        return Ok(Change::Unchanged(before));
    }
    conn.batch_execute("RELEASE SAVEPOINT versioned_update")?;
    Ok(Change::Stored(after))
}

/// [`update_versioned`] that also writes the audit entry (`update`) when something
/// was stored; returns the state the client should see.
pub fn update_audited<T: Serialize + Clone>(
    conn: &mut DbConn,
    audit: Audit,
    sent: Option<i32>,
    current: i32,
    before: T,
    write: impl FnOnce(&mut DbConn, i32) -> AppResult<usize>,
    load: impl FnOnce(&mut DbConn) -> AppResult<T>,
) -> AppResult<T> {
    match update_versioned(conn, sent, current, before.clone(), write, load)? {
        Change::Unchanged(same) => Ok(same),
        Change::Stored(after) => {
            audit.record(conn, AuditAction::Update, Some(&before), Some(&after))?;
            Ok(after)
        }
    }
}

/// Archives (`archived`) or restores a versioned row at `current` version: `write` sets
/// `archived_at` through [`set_versioned!`]; 0 rows → 409; audited as archive/restore.
pub fn archive_audited<T: Serialize>(
    conn: &mut DbConn,
    audit: Audit,
    archived: bool,
    current: i32,
    before: T,
    write: impl FnOnce(&mut DbConn, i32) -> diesel::QueryResult<usize>,
    load: impl FnOnce(&mut DbConn) -> AppResult<T>,
) -> AppResult<T> {
    if write(conn, current)? == 0 {
        return Err(AppError::version_conflict(current + 1));
    }
    let after = load(conn)?;
    let action = if archived {
        AuditAction::Archive
    } else {
        AuditAction::Restore
    };
    audit.record(conn, action, Some(&before), Some(&after))?;
    Ok(after)
}

/// What a record says, without the bookkeeping of its last change.
fn essence<T: Serialize>(t: &T) -> serde_json::Value {
    const BOOKKEEPING: [&str; 4] = ["meta", "version", "updated_at", "updated_by"];
    let mut v = serde_json::to_value(t).unwrap_or(serde_json::Value::Null);
    if let Some(o) = v.as_object_mut() {
        for k in BOOKKEEPING {
            o.remove(k);
        }
    }
    v
}

/// `UPDATE table SET …, version = expected + 1, updated_at = now, updated_by = user
/// WHERE id = ? AND version = expected`, returning the number of rows (a `QueryResult`).
///
/// `set_versioned!(conn, schools, id, expected, user_id, (schools::name.eq(..), ..))`
#[macro_export]
macro_rules! set_versioned {
    ($conn:expr, $table:ident, $id:expr, $expected:expr, $user:expr, ($($set:expr),* $(,)?)) => {{
        use diesel::prelude::*;
        let expected: i32 = $expected;
        diesel::update(
            $crate::store::schema::$table::table
                .filter($crate::store::schema::$table::id.eq($id))
                .filter($crate::store::schema::$table::version.eq(expected)),
        )
        .set((
            $($set,)*
            $crate::store::schema::$table::version.eq(expected + 1),
            $crate::store::schema::$table::updated_at.eq($crate::store::record::now()),
            $crate::store::schema::$table::updated_by.eq($user),
        ))
        .execute($conn)
    }};
}

/// Archives (`archived = true`) or restores the row `before` of `table` through
/// [`archive_audited`]: `archived_at` set or cleared by [`set_versioned!`] as the audit's
/// actor, then `load` reads it back.
///
/// `archive_versioned!(conn, schools, audit, archived, before, |conn| find(conn, id))`
#[macro_export]
macro_rules! archive_versioned {
    ($conn:expr, $table:ident, $audit:expr, $archived:expr, $before:expr, $load:expr) => {{
        let audit: $crate::store::Audit = $audit;
        let (id, by, archived) = (audit.id, audit.actor.actor_id().to_string(), $archived);
        let before = &$before;
        $crate::store::archive_audited(
            $conn,
            audit,
            archived,
            before.meta.version,
            before.clone(),
            |conn, v| {
                $crate::set_versioned!(
                    conn,
                    $table,
                    id,
                    v,
                    &by,
                    ($crate::store::schema::$table::archived_at
                        .eq(archived.then($crate::store::record::now)),)
                )
            },
            $load,
        )
    }};
}
