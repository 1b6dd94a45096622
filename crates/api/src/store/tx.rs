//! Write transactions that keep every read-then-write invariant (versions, seats,
//! conflicts, single-use tokens) on both backends.
//!
//! SQLite: `BEGIN IMMEDIATE` — one writer at a time, so what a transaction read stays true
//! until it commits. PostgreSQL: `SERIALIZABLE` — the database aborts one of two
//! transactions whose reads and writes overlap (40001, or a deadlock 40P01), and the whole
//! operation runs again from the start on fresh data, so it sees the other's write and
//! answers as if the two had come one after the other. Operations therefore must be
//! re-runnable (`Fn`) and must not touch the world outside the database: e-mail and other
//! side effects go through outbox rows.

use crate::error::{AppError, AppResult};
use crate::store::DbConn;
use diesel::connection::SimpleConnection;

/// How many times a PostgreSQL write transaction is tried before answering 503 `busy`.
pub const ATTEMPTS: u32 = 12;

/// Runs `f` in a write transaction; everything it wrote is rolled back when it fails.
pub fn write_tx<T>(conn: &mut DbConn, f: impl Fn(&mut DbConn) -> AppResult<T>) -> AppResult<T> {
    let begin = match conn {
        DbConn::Pg(_) => "BEGIN ISOLATION LEVEL SERIALIZABLE",
        DbConn::Sqlite(_) => "BEGIN IMMEDIATE",
    };
    let mut attempt = 0;
    loop {
        attempt += 1;
        match once(conn, begin, &f) {
            Err(AppError::Contended(msg)) if attempt < ATTEMPTS => {
                tracing::debug!(attempt, error = %msg, "write transaction retried");
                backoff(attempt);
            }
            other => return other,
        }
    }
}

fn once<T>(
    conn: &mut DbConn,
    begin: &str,
    f: &impl Fn(&mut DbConn) -> AppResult<T>,
) -> AppResult<T> {
    conn.batch_execute(begin)?;
    let mut guard = RollbackGuard { conn, done: false };
    let result = f(guard.conn);
    guard.done = true;
    match result {
        Ok(v) => match guard.conn.batch_execute("COMMIT") {
            Ok(()) => Ok(v),
            Err(e) => {
                // A failed COMMIT on PostgreSQL has already ended the transaction; on
                // SQLite it may not have.
                let _ = guard.conn.batch_execute("ROLLBACK");
                Err(e.into())
            }
        },
        Err(e) => {
            guard.conn.batch_execute("ROLLBACK")?;
            Err(e)
        }
    }
}

/// A short, growing, jittered pause so two retried transactions do not collide again.
fn backoff(attempt: u32) {
    use rand::Rng;
    let cap_ms = 2u64.saturating_pow(attempt.min(7)).min(100);
    let ms = rand::thread_rng().gen_range(1..=cap_ms.max(2));
    std::thread::sleep(std::time::Duration::from_millis(ms));
}

/// Rolls back if the closure panicked, so the pooled connection is not left mid-transaction.
struct RollbackGuard<'a> {
    conn: &'a mut DbConn,
    done: bool,
}

impl Drop for RollbackGuard<'_> {
    fn drop(&mut self) {
        if !self.done {
            let _ = self.conn.batch_execute("ROLLBACK");
        }
    }
}
