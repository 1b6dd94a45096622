//! Database facade: migrations (+ reference data) and the demo data set; the storage
//! helpers live in `store`, the nouns in `features` (re-exported here while they move).

pub use crate::features::academic_years::ops as academic_years;
pub use crate::features::audit::ops as audit;
pub use crate::features::calendar::ops as calendar;
pub use crate::features::composition::io as composition_io;
pub use crate::features::composition::ops as composition;
pub use crate::features::dashboard::ops as dashboard;
pub mod demo;
pub use crate::auth::refresh_tokens;
pub use crate::features::files::ops as files;
pub use crate::features::municipalities::ops as municipalities;
pub use crate::features::notifications::ops as notifications;
pub use crate::features::regions::ops as regions;
pub use crate::features::requests::ops as requests;
pub use crate::store::schema;
pub use crate::features::schools::ops as schools;
pub use crate::features::sessions::ops as sessions;
pub use crate::features::stats::ops as stats;
pub use crate::features::subjects::ops as subjects;
pub use crate::features::users::ops as users;

pub use crate::access::places::{check_place, region_municipalities, region_of};
pub use crate::store::conn::{
    pool, DbConn, Manager, MultiBackend, Pool, POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS,
};
pub use crate::store::page::{finish_page, like_pattern, page_limit, sort_desc, Cursor};
pub use crate::store::record::{check_version, meta, new_id, now};
pub use crate::store::write_tx;

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
    subjects::seed_reference(conn).map_err(|e| format!("Справочник предметов: {e}"))?;
    Ok(applied)
}
