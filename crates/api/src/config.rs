//! Typed configuration from environment variables; invalid values fail at start-up.

use std::net::SocketAddr;
use std::path::PathBuf;
use tutornet_domain::accounts::{INVITE_TTL_SECS, RESET_TTL_SECS};

/// Which database a URL selects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Debug, Clone)]
pub struct Config {
    pub database_url: String,
    pub backend: Backend,
    pub bind: SocketAddr,
    pub jwt_secret: String,
    pub static_dir: PathBuf,
    /// Development mode: a random JWT secret is allowed, cookies are not `Secure`.
    pub dev: bool,
    pub pool_size: u32,
    /// Seconds to wait for a pooled connection before answering 503.
    pub pool_timeout_secs: u64,
    /// Access-token lifetime in seconds.
    pub access_ttl_secs: i64,
    /// Refresh-token lifetime in seconds.
    pub refresh_ttl_secs: i64,
    /// Failed logins per account within the window before 429.
    pub login_max_failures_account: u32,
    /// Failed logins per client IP within the window before 429.
    pub login_max_failures_ip: u32,
    pub login_window_secs: i64,
    /// Lifetime of an invitation link in seconds (7 days).
    pub invite_ttl_secs: i64,
    /// Lifetime of a password-reset link in seconds (1 hour).
    pub reset_ttl_secs: i64,
    /// Reset requests per e-mail address within the login window before 429.
    pub reset_max_per_account: u32,
    /// Reset requests per client IP within the login window before 429.
    pub reset_max_per_ip: u32,
    /// `smtp://host:port` to e-mail notifications; none = in-app inbox only.
    pub smtp_url: Option<String>,
    /// Sender of notification e-mails.
    pub mail_from: String,
    /// Base URL of the SPA, for links in e-mails.
    pub public_url: String,
    /// How often `serve` runs the jobs (daily digests, session reminders); 0 = never.
    pub jobs_interval_secs: u64,
}

pub const MIN_SECRET_LEN: usize = 32;
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/tutornet.db";

impl Backend {
    /// Picks the backend by URL scheme. `postgres://`/`postgresql://` is PostgreSQL;
    /// `sqlite://PATH`, `file:PATH` or a bare path is SQLite. Anything else with a
    /// scheme is refused, so a mistyped URL never silently creates an SQLite file.
    pub fn from_url(url: &str) -> Result<(Backend, String), String> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok((Backend::Postgres, url.to_string()));
        }
        if let Some(path) = url.strip_prefix("sqlite://") {
            return Ok((Backend::Sqlite, path.to_string()));
        }
        if let Some(path) = url.strip_prefix("sqlite:") {
            return Ok((Backend::Sqlite, path.to_string()));
        }
        if url.contains("://") {
            return Err(format!(
                "TUTORNET_DATABASE_URL: неизвестная схема в «{url}»; ожидается postgres://… или sqlite://путь"
            ));
        }
        if url.is_empty() {
            return Err("TUTORNET_DATABASE_URL пуст".into());
        }
        Ok((Backend::Sqlite, url.to_string()))
    }
}

fn env_or(name: &str, default: &str) -> String {
    std::env::var(name)
        .ok()
        .filter(|v| !v.trim().is_empty())
        .unwrap_or_else(|| default.to_string())
}

fn parse_num<T: std::str::FromStr>(name: &str, default: T) -> Result<T, String> {
    match std::env::var(name) {
        Ok(v) if !v.trim().is_empty() => v
            .trim()
            .parse()
            .map_err(|_| format!("{name}: «{v}» — не число")),
        _ => Ok(default),
    }
}

impl Config {
    /// Reads the environment. `allow_dev_secret` is true for commands that never serve
    /// real users (`demo`, `migrate`, `openapi`).
    pub fn from_env(allow_dev_secret: bool) -> Result<Config, String> {
        let dev = matches!(env_or("TUTORNET_DEV", "0").as_str(), "1" | "true" | "yes");
        let url = env_or("TUTORNET_DATABASE_URL", DEFAULT_DATABASE_URL);
        let (backend, database_url) = Backend::from_url(&url)?;
        let bind_s = env_or("TUTORNET_BIND", "127.0.0.1:8080");
        let bind: SocketAddr = bind_s
            .parse()
            .map_err(|_| format!("TUTORNET_BIND: «{bind_s}» — не адрес вида 127.0.0.1:8080"))?;
        let jwt_secret = match std::env::var("TUTORNET_JWT_SECRET") {
            Ok(s) if s.len() >= MIN_SECRET_LEN => s,
            Ok(s) if !s.is_empty() => {
                return Err(format!(
                    "TUTORNET_JWT_SECRET слишком короткий ({} символов): нужно не меньше {MIN_SECRET_LEN}",
                    s.len()
                ))
            }
            _ if dev || allow_dev_secret => random_secret(),
            _ => {
                return Err(
                    "TUTORNET_JWT_SECRET не задан: задайте случайную строку длиной от 32 символов \
                     (или TUTORNET_DEV=1 для разработки)"
                        .into(),
                )
            }
        };
        let pool_size = parse_num("TUTORNET_POOL_SIZE", 8u32)?;
        if pool_size == 0 || pool_size > 200 {
            return Err("TUTORNET_POOL_SIZE: от 1 до 200".into());
        }
        Ok(Config {
            database_url,
            backend,
            bind,
            jwt_secret,
            static_dir: PathBuf::from(env_or("TUTORNET_STATIC_DIR", "frontend/dist")),
            dev,
            pool_size,
            pool_timeout_secs: parse_num("TUTORNET_POOL_TIMEOUT_SECS", 10u64)?,
            access_ttl_secs: parse_num("TUTORNET_ACCESS_TTL_SECS", 900i64)?,
            refresh_ttl_secs: parse_num("TUTORNET_REFRESH_TTL_SECS", 30 * 24 * 3600i64)?,
            login_max_failures_account: parse_num("TUTORNET_LOGIN_MAX_FAILURES", 5u32)?,
            login_max_failures_ip: parse_num("TUTORNET_LOGIN_MAX_FAILURES_IP", 30u32)?,
            login_window_secs: parse_num("TUTORNET_LOGIN_WINDOW_SECS", 900i64)?,
            invite_ttl_secs: parse_num("TUTORNET_INVITE_TTL_SECS", INVITE_TTL_SECS)?,
            reset_ttl_secs: parse_num("TUTORNET_RESET_TTL_SECS", RESET_TTL_SECS)?,
            reset_max_per_account: parse_num("TUTORNET_RESET_MAX_PER_ACCOUNT", 3u32)?,
            reset_max_per_ip: parse_num("TUTORNET_RESET_MAX_PER_IP", 20u32)?,
            smtp_url: match std::env::var("TUTORNET_SMTP_URL") {
                Ok(u) if u.starts_with("smtp://") => Some(u),
                Ok(u) if !u.trim().is_empty() => {
                    return Err(format!(
                        "TUTORNET_SMTP_URL: «{u}» — ожидается smtp://host:port"
                    ))
                }
                _ => None,
            },
            mail_from: env_or("TUTORNET_MAIL_FROM", "tutornet <noreply@tutornet.local>"),
            public_url: env_or("TUTORNET_PUBLIC_URL", &format!("http://{bind}")),
            jobs_interval_secs: parse_num("TUTORNET_JOBS_INTERVAL_SECS", 300u64)?,
        })
    }

    /// A configuration for tests and tools: given database, random secret.
    pub fn for_database(url: &str) -> Result<Config, String> {
        let (backend, database_url) = Backend::from_url(url)?;
        Ok(Config {
            database_url,
            backend,
            bind: "127.0.0.1:0".parse().expect("static address"),
            jwt_secret: random_secret(),
            static_dir: PathBuf::from("frontend/dist"),
            dev: true,
            pool_size: 4,
            pool_timeout_secs: 10,
            access_ttl_secs: 900,
            refresh_ttl_secs: 30 * 24 * 3600,
            login_max_failures_account: 5,
            login_max_failures_ip: 30,
            login_window_secs: 900,
            invite_ttl_secs: INVITE_TTL_SECS,
            reset_ttl_secs: RESET_TTL_SECS,
            reset_max_per_account: 3,
            reset_max_per_ip: 20,
            smtp_url: None,
            mail_from: "tutornet <noreply@tutornet.local>".into(),
            public_url: "http://127.0.0.1:8080".into(),
            jobs_interval_secs: 0,
        })
    }
}

fn random_secret() -> String {
    use rand::RngCore;
    let mut b = [0u8; 48];
    rand::thread_rng().fill_bytes(&mut b);
    base64::Engine::encode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backend_by_scheme() {
        assert_eq!(
            Backend::from_url("postgres://u@h/db").unwrap().0,
            Backend::Postgres
        );
        assert_eq!(
            Backend::from_url("sqlite://data/x.db").unwrap(),
            (Backend::Sqlite, "data/x.db".to_string())
        );
        assert_eq!(Backend::from_url("x.db").unwrap().0, Backend::Sqlite);
        assert!(Backend::from_url("postgress://typo").is_err());
        assert!(Backend::from_url("mysql://h/db").is_err());
    }
}
