//! The app harness: a fresh database per test (cloned from a migrated, demo-loaded
//! template) and the real app wiring over real HTTP; every answer goes through
//! [`check_against_spec`](super::spec::check_against_spec).

use super::spec::check_against_spec;
use actix_web::App;
use serde_json::{json, Value};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};
use tutornet_api::config::{Backend, Config};
use tutornet_api::{configure, db, problem_errors, AppState};

use super::world::PASSWORD;

/// `TUTORNET_TEST_DATABASE_URL=postgres://user@host:port` runs the suite on PostgreSQL
/// (one database per test); unset, on SQLite files.
fn pg_base() -> Option<String> {
    std::env::var("TUTORNET_TEST_DATABASE_URL")
        .ok()
        .filter(|u| u.starts_with("postgres"))
        .map(|u| u.trim_end_matches('/').to_string())
}

fn unique() -> String {
    uuid::Uuid::now_v7().simple().to_string()
}

fn load_template(url: &str) {
    let config = Config::for_database(url).expect("config");
    let pool = db::pool(&config).expect("pool");
    let mut conn = pool.get().expect("connection");
    db::migrate(&mut conn).expect("migrations");
    db::demo::load(&mut conn).expect("demo data");
    if config.backend == Backend::Sqlite {
        use diesel::connection::SimpleConnection;
        conn.batch_execute("PRAGMA wal_checkpoint(TRUNCATE)")
            .expect("checkpoint");
    }
}

/// A fresh database URL with the schema and demo data.
pub fn fresh_database() -> String {
    static TEMPLATE: OnceLock<String> = OnceLock::new();
    match pg_base() {
        Some(base) => {
            use diesel::{Connection, PgConnection, RunQueryDsl};
            let template = TEMPLATE.get_or_init(|| {
                let name = format!("tpl_{}", unique());
                let mut admin = PgConnection::establish(&format!("{base}/postgres"))
                    .expect("PostgreSQL reachable");
                diesel::sql_query(format!("CREATE DATABASE {name}"))
                    .execute(&mut admin)
                    .expect("create template");
                load_template(&format!("{base}/{name}"));
                name
            });
            static LOCK: Mutex<()> = Mutex::new(());
            let _g = LOCK.lock().unwrap_or_else(|e| e.into_inner());
            let name = format!("t_{}", unique());
            let mut admin =
                PgConnection::establish(&format!("{base}/postgres")).expect("PostgreSQL reachable");
            diesel::sql_query(format!("CREATE DATABASE {name} TEMPLATE {template}"))
                .execute(&mut admin)
                .expect("clone template");
            format!("{base}/{name}")
        }
        None => {
            let dir = std::env::temp_dir().join("tutornet-tests");
            let template = TEMPLATE.get_or_init(|| {
                std::fs::create_dir_all(&dir).expect("temp dir");
                let path = dir.join(format!("tpl-{}.db", unique()));
                load_template(path.to_str().expect("utf-8 path"));
                path.to_string_lossy().into_owned()
            });
            let path = dir.join(format!("t-{}.db", unique()));
            std::fs::copy(template, &path).expect("copy template");
            format!("sqlite://{}", path.display())
        }
    }
}

pub struct Resp {
    pub status: u16,
    pub headers: actix_web::http::header::HeaderMap,
    pub body: Value,
}

impl Resp {
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    }

    pub fn code(&self) -> &str {
        self.body["code"].as_str().unwrap_or("")
    }

    pub fn field_errors(&self) -> Vec<String> {
        self.body["errors"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|e| e["field"].as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    }

    #[track_caller]
    pub fn ok(self, status: u16) -> Value {
        assert_eq!(
            self.status, status,
            "unexpected status; body: {}",
            self.body
        );
        self.body
    }
}

pub struct TestApp {
    pub srv: actix_test::TestServer,
    pub state: Arc<AppState>,
}

impl TestApp {
    pub async fn new() -> TestApp {
        Self::with(|_| {}).await
    }

    /// A fresh app; `tweak` may change the configuration (throttling limits, TTLs…).
    pub async fn with(tweak: impl FnOnce(&mut Config)) -> TestApp {
        let db_url = fresh_database();
        let mut config = Config::for_database(&db_url).expect("config");
        config.static_dir = PathBuf::from("/nonexistent");
        tweak(&mut config);
        let state = AppState::new(config).expect("state");
        let s2 = state.clone();
        let srv = actix_test::start(move || {
            App::new()
                .wrap(problem_errors())
                .configure(configure(s2.clone()))
        });
        TestApp { srv, state }
    }

    /// Sends a request, checks the answer against the spec, returns it.
    pub async fn call(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Resp {
        let m = actix_web::http::Method::from_bytes(method.as_bytes()).expect("method");
        let mut req = self.srv.request(m, self.srv.url(path));
        if let Some(t) = token {
            req = req.insert_header(("Authorization", format!("Bearer {t}")));
        }
        let mut res = match body {
            Some(b) => req.send_json(&b).await,
            None => req.send().await,
        }
        .expect("request sent");
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        let bytes = res.body().limit(20 * 1024 * 1024).await.expect("body");
        let body: Value = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes)
                .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into()))
        };
        let resp = Resp {
            status,
            headers,
            body,
        };
        check_against_spec(method, path, &resp);
        resp
    }

    pub async fn get(&self, path: &str, token: &str) -> Resp {
        self.call("GET", path, Some(token), None).await
    }

    pub async fn post(&self, path: &str, token: &str, body: Value) -> Resp {
        self.call("POST", path, Some(token), Some(body)).await
    }

    pub async fn put(&self, path: &str, token: &str, body: Value) -> Resp {
        self.call("PUT", path, Some(token), Some(body)).await
    }

    pub async fn delete(&self, path: &str, token: &str) -> Resp {
        self.call("DELETE", path, Some(token), None).await
    }

    pub async fn login_full(&self, email: &str) -> Value {
        self.call(
            "POST",
            "/api/v1/auth/login",
            None,
            Some(json!({"email": email, "password": PASSWORD})),
        )
        .await
        .ok(200)
    }

    /// An access token for a demo user.
    pub async fn login(&self, email: &str) -> String {
        self.login_full(email).await["access_token"]
            .as_str()
            .expect("token")
            .to_string()
    }

    /// `(id, name)` of the demo municipalities: [own (Лесогорский), foreign].
    pub async fn municipalities(&self, token: &str) -> Vec<(String, String)> {
        let page = self.get("/api/v1/municipalities", token).await.ok(200);
        let mut v: Vec<(String, String)> = page["items"]
            .as_array()
            .expect("items")
            .iter()
            .map(|m| {
                (
                    m["id"].as_str().unwrap().to_string(),
                    m["name"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        v.sort_by_key(|(_, n)| !n.starts_with("Лесогорский"));
        v
    }

    /// A school id in a municipality by short name.
    pub async fn school_id(&self, token: &str, municipality_id: &str, short_name: &str) -> String {
        let page = self
            .get(
                &format!("/api/v1/schools?municipality_id={municipality_id}&limit=200"),
                token,
            )
            .await
            .ok(200);
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["short_name"] == short_name)
            .and_then(|s| s["id"].as_str())
            .unwrap_or_else(|| panic!("school {short_name} not found"))
            .to_string()
    }
}
