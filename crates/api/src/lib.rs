//! tutornet's API: one app wiring (`configure`) used by `main` and by the tests.

pub mod access;
pub mod auth;
pub mod config;
pub mod db;
pub mod docs;
pub mod error;
pub mod features;
pub mod http;
pub mod input_guard;
pub mod jobs;
pub mod mail;
pub mod openapi;
pub mod store;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::ServiceResponse;
use actix_web::http::header;
use actix_web::middleware::{ErrorHandlerResponse, ErrorHandlers};
use actix_web::{web, HttpRequest, HttpResponse};
use error::{AppError, AppResult};
use std::sync::Arc;
use tutornet_domain::FieldError;
use tutornet_domain::ProblemCode;

/// Largest JSON body accepted (413 beyond).
pub const JSON_LIMIT: usize = 256 * 1024;

/// Shared state of the app.
pub struct AppState {
    pub config: config::Config,
    pub pool: crate::store::conn::Pool,
    pub throttle: auth::Throttle,
}

impl AppState {
    pub fn new(config: config::Config) -> Result<Arc<AppState>, String> {
        let pool = crate::store::conn::pool(&config)?;
        let state = Arc::new(AppState {
            config,
            pool,
            throttle: auth::Throttle::default(),
        });
        mail::start(&state)?;
        Ok(state)
    }

    /// Runs blocking database work on actix's blocking pool, never on an async worker.
    pub async fn db<T, F>(&self, f: F) -> AppResult<T>
    where
        F: FnOnce(&mut crate::store::conn::DbConn) -> AppResult<T> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.pool.clone();
        web::block(move || {
            let mut conn = pool.get()?;
            f(&mut conn)
        })
        .await?
    }

    /// Like `db`, inside a write transaction that rolls back on any error and keeps
    /// read-then-write checks true on PostgreSQL too (see `store::tx`): `f` may run more
    /// than once, so it must only touch the database.
    pub async fn tx<T, F>(&self, f: F) -> AppResult<T>
    where
        F: Fn(&mut crate::store::conn::DbConn) -> AppResult<T> + Send + 'static,
        T: Send + 'static,
    {
        self.db(move |c| store::write_tx(c, f)).await
    }

    /// `db` whose result is the JSON response body.
    pub async fn db_json<T, F>(&self, f: F) -> AppResult<web::Json<T>>
    where
        F: FnOnce(&mut crate::store::conn::DbConn) -> AppResult<T> + Send + 'static,
        T: Send + 'static,
    {
        self.db(f).await.map(web::Json)
    }

    /// `tx` whose result is the JSON response body.
    pub async fn tx_json<T, F>(&self, f: F) -> AppResult<web::Json<T>>
    where
        F: Fn(&mut crate::store::conn::DbConn) -> AppResult<T> + Send + 'static,
        T: Send + 'static,
    {
        self.tx(f).await.map(web::Json)
    }
}

/// The whole app: API under `/api/v1`, docs, the SPA with client-route fallback.
pub fn configure(state: Arc<AppState>) -> impl FnOnce(&mut web::ServiceConfig) {
    move |cfg: &mut web::ServiceConfig| {
        let static_dir = state.config.static_dir.clone();
        cfg.app_data(web::Data::from(state))
            .app_data(
                web::JsonConfig::default()
                    .limit(JSON_LIMIT)
                    .error_handler(|e, _| json_error(e).into()),
            )
            .app_data(web::PayloadConfig::new(
                tutornet_domain::files::MAX_FILE_BYTES + 1,
            ))
            .app_data(web::QueryConfig::default().error_handler(|e, _| query_error(e).into()))
            .app_data(web::PathConfig::default().error_handler(|e, _| {
                AppError::BadRequest {
                    code: ProblemCode::InvalidPath,
                    detail: format!("Некорректный адрес: {e}"),
                }
                .into()
            }))
            .service(
                utoipa_swagger_ui::SwaggerUi::new("/api/docs/{_:.*}")
                    .url("/api/v1/openapi.json", openapi::spec()),
            )
            .service(
                web::scope("/api/v1")
                    .wrap(actix_web::middleware::from_fn(input_guard::guard))
                    .configure(features::configure)
                    .default_service(web::to(api_not_found)),
            )
            .service(web::resource("/api/docs").to(|| async {
                HttpResponse::Found()
                    .insert_header((header::LOCATION, "/api/docs/"))
                    .finish()
            }));
        http::spa::configure(cfg, static_dir);
    }
}

/// Error handlers that turn actix's own bare 404/405 answers into problem+json
/// (keeping `Allow`). Wrap the App with it.
pub fn problem_errors<B: MessageBody + 'static>() -> ErrorHandlers<B> {
    ErrorHandlers::new().default_handler(|res: ServiceResponse<B>| {
        let is_problem = res
            .headers()
            .get(header::CONTENT_TYPE)
            .is_some_and(|v| v.as_bytes().starts_with(b"application/problem+json"));
        let status = res.status();
        if is_problem || !(status.is_client_error() || status.is_server_error()) {
            return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
        }
        let err = match status.as_u16() {
            404 => AppError::NotFound("Такого адреса нет".into()),
            413 => AppError::TooLarge("Слишком большой запрос".into()),
            405 => AppError::BadRequest {
                code: ProblemCode::MethodNotAllowed,
                detail: String::new(),
            },
            _ => AppError::BadRequest {
                code: ProblemCode::BadRequest,
                detail: "Некорректный запрос".into(),
            },
        };
        let mut problem = err.problem();
        problem.status = status.as_u16();
        if status.as_u16() == 405 {
            problem.title = "Метод не поддерживается".into();
            problem.detail = "Этот метод не поддерживается для данного адреса; допустимые указаны в заголовке Allow".into();
        }
        let (req, old) = res.into_parts();
        let mut new = HttpResponse::build(status);
        for (k, v) in old.headers() {
            if k != header::CONTENT_TYPE && k != header::CONTENT_LENGTH {
                new.insert_header((k.clone(), v.clone()));
            }
        }
        let body: HttpResponse<BoxBody> = new
            .content_type("application/problem+json")
            .json(problem);
        Ok(ErrorHandlerResponse::Response(
            ServiceResponse::new(req, body).map_into_right_body::<B>(),
        ))
    })
}

async fn api_not_found(req: HttpRequest) -> AppResult<HttpResponse> {
    Err(AppError::NotFound(format!(
        "Адрес {} не найден",
        req.path()
    )))
}

fn json_error(e: actix_web::error::JsonPayloadError) -> AppError {
    use actix_web::error::JsonPayloadError as J;
    match e {
        J::Overflow { limit } | J::OverflowKnownLength { limit, .. } => {
            AppError::TooLarge(format!("Тело запроса больше {} КБ", limit / 1024))
        }
        J::ContentType => AppError::BadRequest {
            code: ProblemCode::UnsupportedMediaType,
            detail: "Ожидается тело запроса в формате JSON (Content-Type: application/json)".into(),
        },
        J::Deserialize(err) => deserialize_error(&err.to_string(), err.is_data()),
        other => AppError::BadRequest {
            code: ProblemCode::InvalidJson,
            detail: format!("Не удалось прочитать JSON: {other}"),
        },
    }
}

/// A serde error as 422 with the field named when serde names it, else 400.
fn deserialize_error(msg: &str, is_data: bool) -> AppError {
    let field = backticked(msg, "unknown field `")
        .map(|f| (f, "unknown_field", format!("Неизвестное поле «{f}»")))
        .or_else(|| {
            backticked(msg, "missing field `")
                .map(|f| (f, "required", "Заполните это поле".to_string()))
        })
        .or_else(|| {
            backticked(msg, "unknown variant `")
                .map(|f| ("", "invalid_value", format!("Недопустимое значение «{f}»")))
        });
    match field {
        Some((f, code, message)) => AppError::Validation(vec![FieldError::new(f, code, message)]),
        None if is_data => AppError::Validation(vec![FieldError::new(
            "",
            "invalid_value",
            format!("Недопустимое значение: {msg}"),
        )]),
        None => AppError::BadRequest {
            code: ProblemCode::InvalidJson,
            detail: format!("Некорректный JSON: {msg}"),
        },
    }
}

fn backticked<'a>(msg: &'a str, prefix: &str) -> Option<&'a str> {
    let start = msg.find(prefix)? + prefix.len();
    let rest = &msg[start..];
    rest.find('`').map(|end| &rest[..end])
}

fn query_error(e: actix_web::error::QueryPayloadError) -> AppError {
    let msg = e.to_string();
    match deserialize_error(&msg, true) {
        AppError::Validation(mut errs) => {
            for err in &mut errs {
                if err.field.is_empty() {
                    err.message = format!("Некорректный параметр запроса: {msg}");
                }
            }
            AppError::Validation(errs)
        }
        other => other,
    }
}
