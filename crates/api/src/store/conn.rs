//! One diesel connection type over SQLite and PostgreSQL, chosen by URL scheme, and
//! the pool.

use crate::config::{Backend, Config};
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::r2d2::{self, ManageConnection};
use diesel::{PgConnection, SqliteConnection};
use diesel_migrations::{embed_migrations, EmbeddedMigrations};

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
