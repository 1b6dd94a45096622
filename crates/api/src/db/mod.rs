//! Database access: one diesel connection type over SQLite and PostgreSQL, the pool,
//! migrations, write transactions, and one module of queries per resource.

pub use crate::features::academic_years::ops as academic_years;
pub use crate::features::audit::ops as audit;
pub use crate::features::calendar::ops as calendar;
pub use crate::features::composition::io as composition_io;
pub use crate::features::composition::ops as composition;
pub use crate::features::dashboard::ops as dashboard;
pub mod demo;
pub use crate::features::auth::refresh_tokens;
pub use crate::features::files::ops as files;
pub use crate::features::municipalities::ops as municipalities;
pub use crate::features::notifications::ops as notifications;
pub use crate::features::regions::ops as regions;
pub use crate::features::requests::ops as requests;
pub mod schema;
pub use crate::features::schools::ops as schools;
pub use crate::features::sessions::ops as sessions;
pub use crate::features::stats::ops as stats;
pub use crate::features::subjects::ops as subjects;
pub use crate::features::users::ops as users;

use crate::config::{Backend, Config};
use crate::error::{AppError, AppResult};
use chrono::{NaiveDateTime, Utc};
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::r2d2::{self, ManageConnection};
use diesel::{PgConnection, SqliteConnection};
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

pub const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../../migrations/sqlite");
pub const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../../migrations/postgres");

/// A connection to either backend; queries are written once against it.
#[derive(diesel::MultiConnection)]
pub enum DbConn {
    Pg(PgConnection),
    Sqlite(SqliteConnection),
}

/// Establishes connections by the configured backend, never by trial: a bad
/// `postgres://` URL is an error, not a new SQLite file.
#[derive(Debug, Clone)]
pub struct Manager {
    backend: Backend,
    url: String,
}

impl Manager {
    pub fn new(backend: Backend, url: &str) -> Manager {
        Manager {
            backend,
            url: url.to_string(),
        }
    }

    pub fn establish(&self) -> Result<DbConn, r2d2::Error> {
        match self.backend {
            Backend::Postgres => PgConnection::establish(&self.url)
                .map(DbConn::Pg)
                .map_err(r2d2::Error::ConnectionError),
            Backend::Sqlite => {
                if let Some(dir) = std::path::Path::new(&self.url).parent() {
                    if !dir.as_os_str().is_empty() {
                        let _ = std::fs::create_dir_all(dir);
                    }
                }
                let mut c =
                    SqliteConnection::establish(&self.url).map_err(r2d2::Error::ConnectionError)?;
                // busy_timeout first, so the other pragmas already wait for a lock.
                c.batch_execute(
                    "PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL; \
                     PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;",
                )
                .map_err(r2d2::Error::QueryError)?;
                Ok(DbConn::Sqlite(c))
            }
        }
    }
}

impl ManageConnection for Manager {
    type Connection = DbConn;
    type Error = r2d2::Error;

    fn connect(&self) -> Result<DbConn, r2d2::Error> {
        self.establish()
    }

    fn is_valid(&self, conn: &mut DbConn) -> Result<(), r2d2::Error> {
        conn.batch_execute("SELECT 1")
            .map_err(r2d2::Error::QueryError)
    }

    fn has_broken(&self, _conn: &mut DbConn) -> bool {
        false
    }
}

pub type Pool = r2d2::Pool<Manager>;

pub fn pool(config: &Config) -> Result<Pool, String> {
    Ok(r2d2::Pool::builder()
        .max_size(config.pool_size)
        // Longer than SQLite's busy_timeout, so a lock wait ends before the checkout does.
        .connection_timeout(std::time::Duration::from_secs(
            config.pool_timeout_secs.max(1),
        ))
        .min_idle(Some(1))
        // Connections are made on demand: a database that is down answers 503, and
        // `serve` checks it at start-up by running migrations.
        .build_unchecked(Manager::new(config.backend, &config.database_url)))
}

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

pub use crate::store::write_tx;

/// The region a municipality belongs to (for scope checks and audit entries).
pub fn region_of(conn: &mut DbConn, municipality_id: &str) -> AppResult<Option<String>> {
    use schema::municipalities;
    Ok(municipalities::table
        .find(municipality_id)
        .select(municipalities::region_id)
        .first(conn)
        .optional()?)
}

/// Ids of a region's municipalities, as a subquery for `municipality_id.eq_any(…)`.
pub fn region_municipalities(region_id: &str) -> RegionMunicipalities {
    use schema::municipalities;
    municipalities::table
        .filter(municipalities::region_id.eq(region_id.to_string()))
        .select(municipalities::id)
}

type RegionMunicipalities = diesel::dsl::Select<
    diesel::dsl::Filter<
        schema::municipalities::table,
        diesel::dsl::Eq<schema::municipalities::region_id, String>,
    >,
    schema::municipalities::id,
>;

/// Checks `action` on `resource` for a record of a municipality (and, if given, a
/// school); returns the municipality's region for audit entries.
pub fn check_place(
    conn: &mut DbConn,
    user: &crate::auth::AuthUser,
    resource: tutornet_domain::permissions::Resource,
    action: tutornet_domain::permissions::Action,
    municipality_id: &str,
    school_id: Option<&str>,
) -> AppResult<String> {
    let region = region_of(conn, municipality_id)?.unwrap_or_default();
    user.check(
        resource,
        action,
        &crate::auth::Place {
            region_id: &region,
            municipality_id: Some(municipality_id),
            school_id,
            user_id: None,
        },
    )?;
    Ok(region)
}

pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

pub fn now() -> NaiveDateTime {
    // Microsecond precision: what both backends store.
    let n = Utc::now().naive_utc();
    n.with_nanosecond((n.nanosecond() / 1000) * 1000)
        .unwrap_or(n)
}

use chrono::Timelike;

/// Escapes `%`, `_` and `\` for a LIKE pattern with `ESCAPE '\'`.
pub fn like_pattern(q: &str) -> String {
    let key = tutornet_domain::text::search_key(q);
    let mut out = String::with_capacity(key.len() + 2);
    out.push('%');
    for c in key.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

/// Keyset cursor over (sort key, id), opaque to clients (base64url JSON).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Cursor {
    pub k: String,
    pub id: String,
}

impl Cursor {
    pub fn encode(&self) -> String {
        use base64::Engine;
        base64::engine::general_purpose::URL_SAFE_NO_PAD
            .encode(serde_json::to_vec(self).unwrap_or_default())
    }

    pub fn decode(s: &str) -> AppResult<Cursor> {
        use base64::Engine;
        base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(s)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .ok_or_else(|| {
                AppError::field(
                    "cursor",
                    "invalid_cursor",
                    "Недействительный курсор страницы",
                )
            })
    }
}

/// Validated page size.
pub fn page_limit(limit: Option<i64>) -> AppResult<i64> {
    use tutornet_domain::page::{DEFAULT_LIMIT, MAX_LIMIT};
    match limit {
        None => Ok(DEFAULT_LIMIT),
        Some(l) if (1..=MAX_LIMIT).contains(&l) => Ok(l),
        Some(_) => Err(AppError::field(
            "limit",
            "out_of_range",
            format!("Размер страницы — от 1 до {MAX_LIMIT}"),
        )),
    }
}

/// Descending or ascending by name.
pub fn sort_desc(sort: Option<&str>) -> AppResult<bool> {
    match sort.unwrap_or("name") {
        "name" => Ok(false),
        "-name" => Ok(true),
        _ => Err(AppError::field(
            "sort",
            "invalid_sort",
            "Сортировка: name или -name",
        )),
    }
}

/// Builds the page from `limit + 1` fetched rows.
pub fn finish_page<R, T>(
    mut rows: Vec<R>,
    limit: i64,
    total: i64,
    key: impl Fn(&R) -> Cursor,
    map: impl Fn(R) -> T,
) -> tutornet_domain::Page<T> {
    let more = rows.len() as i64 > limit;
    if more {
        rows.truncate(limit as usize);
    }
    let next_cursor = if more {
        rows.last().map(|r| key(r).encode())
    } else {
        None
    };
    tutornet_domain::Page {
        items: rows.into_iter().map(map).collect(),
        total,
        next_cursor,
    }
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
