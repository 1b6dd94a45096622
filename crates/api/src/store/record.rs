//! Conventions of every row: UUIDv7 ids, microsecond timestamps, `Meta`, versions.

use crate::error::{AppError, AppResult};
use chrono::{NaiveDateTime, Timelike, Utc};

pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

pub fn now() -> NaiveDateTime {
    // Microsecond precision: what both backends store.
    let n = Utc::now().naive_utc();
    n.with_nanosecond((n.nanosecond() / 1000) * 1000)
        .unwrap_or(n)
}

/// The `Meta` of a row.
pub fn meta(
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
    created_by: Option<String>,
    updated_by: Option<String>,
    archived_at: Option<NaiveDateTime>,
    version: i32,
) -> tutornet_domain::org::Meta {
    tutornet_domain::org::Meta {
        created_at: created_at.and_utc(),
        updated_at: updated_at.and_utc(),
        created_by,
        updated_by,
        archived_at: archived_at.map(|a| a.and_utc()),
        version,
    }
}

/// Fails with 409 when the client's version is stale, 422 when it sent none.
pub fn check_version(sent: Option<i32>, current: i32) -> AppResult<()> {
    match sent {
        None => Err(AppError::field(
            "version",
            "required",
            "Укажите версию записи (поле version), на основе которой сделано изменение",
        )),
        Some(v) if v != current => Err(AppError::version_conflict(current)),
        Some(_) => Ok(()),
    }
}
