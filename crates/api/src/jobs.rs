//! Jobs the server runs on an interval (`serve`, every `TUTORNET_JOBS_INTERVAL_SECS`) and
//! operators run by hand (`tutornet jobs run-once`): the daily digest e-mails and the
//! reminders the day before a session. Each item is claimed in its own write transaction
//! by a unique key, so any number of processes may run the jobs at the same time and each
//! digest and reminder is still written once. Tests call [`run`] with an explicit `now`.

use crate::error::AppResult;
use crate::features::notifications::digest::{self, Digest};
use crate::features::sessions::reminders;
use crate::store::conn::DbConn;
use crate::store::write_tx;
use crate::AppState;
use chrono::NaiveDateTime;
use std::sync::Arc;
use std::time::Duration;

/// What one run wrote.
#[derive(Debug, Default)]
pub struct Report {
    /// The digests written (empty ones included: the day is claimed without an e-mail).
    pub digests: Vec<Digest>,
    /// Ids of the sessions reminded of.
    pub reminders: Vec<String>,
    /// Ids of the reviews whose due date was reminded of.
    pub review_reminders: Vec<String>,
}

/// Runs every job once at `now` (UTC) on one connection.
pub fn run_once(conn: &mut DbConn, now: NaiveDateTime, base_url: &str) -> AppResult<Report> {
    let mut report = Report::default();
    for (id, starts_at) in reminders::due(conn, now)? {
        match write_tx(conn, |c| reminders::remind(c, &id, starts_at, now)) {
            Ok(true) => report.reminders.push(id),
            Ok(false) => {}
            Err(e) if reminders::claimed_elsewhere(&e) => {}
            Err(e) => return Err(e),
        }
    }
    for id in crate::features::reviews::reminders::due(conn, now)? {
        match write_tx(conn, |c| {
            crate::features::reviews::reminders::remind(c, &id, now)
        }) {
            Ok(true) => report.review_reminders.push(id),
            Ok(false) => {}
            Err(e) if reminders::claimed_elsewhere(&e) => {}
            Err(e) => return Err(e),
        }
    }
    for user_id in digest::subscribers(conn)? {
        match write_tx(conn, |c| digest::write(c, &user_id, now, base_url)) {
            Ok(Some(d)) => report.digests.push(d),
            Ok(None) => {}
            Err(e) if reminders::claimed_elsewhere(&e) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(report)
}

/// [`run_once`] on the blocking pool.
pub async fn run(state: &AppState, now: NaiveDateTime) -> AppResult<Report> {
    let base = state.config.public_url.clone();
    state.db(move |c| run_once(c, now, &base)).await
}

/// Starts the interval task inside a running actix system (`serve`).
pub fn spawn(state: Arc<AppState>) {
    let secs = state.config.jobs_interval_secs;
    if secs == 0 {
        return;
    }
    actix_web::rt::spawn(async move {
        let mut every = actix_web::rt::time::interval(Duration::from_secs(secs));
        loop {
            every.tick().await;
            match run(&state, crate::store::record::now()).await {
                Ok(r) if !r.digests.is_empty() || !r.reminders.is_empty() => tracing::info!(
                    digests = r.digests.len(),
                    reminders = r.reminders.len(),
                    "jobs ran"
                ),
                Ok(_) => {}
                Err(e) => tracing::warn!(error = ?e, "jobs failed; retrying at the next tick"),
            }
        }
    });
}
