//! Migrations (+ reference data) and the demo data set; the storage helpers are in
//! `store`, the nouns in `features`.

pub mod demo;

pub use crate::store::conn::{
    pool, DbConn, Manager, MultiBackend, Pool, POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS,
};

use diesel_migrations::MigrationHarness;

/// Runs pending migrations of the connection's backend and loads reference data.
pub fn migrate(conn: &mut DbConn) -> Result<usize, String> {
    let applied = match conn {
        DbConn::Pg(c) => c
            .run_pending_migrations(POSTGRES_MIGRATIONS)
            .map(|v| v.len()),
        DbConn::Sqlite(c) => c.run_pending_migrations(SQLITE_MIGRATIONS).map(|v| v.len()),
    }
    .map_err(|e| format!("Миграции не применены: {e}"))?;
    crate::features::subjects::ops::seed_reference(conn)
        .map_err(|e| format!("Справочник предметов: {e}"))?;
    Ok(applied)
}
