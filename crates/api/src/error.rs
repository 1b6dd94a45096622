//! One error type for the whole API, rendered as `application/problem+json`.

use actix_web::http::{header, StatusCode};
use actix_web::{HttpResponse, ResponseError};
use tutornet_domain::ProblemCode;
use tutornet_domain::{FieldError, Problem};

#[derive(Debug)]
pub enum AppError {
    /// 422 with per-field errors.
    Validation(Vec<FieldError>),
    /// 400 for a request that is malformed as a whole.
    BadRequest { code: ProblemCode, detail: String },
    /// 401.
    Unauthorized {
        code: ProblemCode,
        detail: String,
        field: Option<&'static str>,
    },
    /// 403.
    Forbidden(String),
    /// 404; the argument names what was not found, in Russian.
    NotFound(String),
    /// 409 with a stable code.
    Conflict { code: ProblemCode, detail: String },
    /// 409 naming the other record that holds the slot (`conflict_id`).
    Clash {
        code: ProblemCode,
        detail: String,
        other_id: String,
    },
    /// A PostgreSQL serialization failure or deadlock: the write transaction is retried;
    /// once the retries are used up, 503 `busy`.
    Contended(String),
    /// 413.
    TooLarge(String),
    /// 429 with `Retry-After` seconds.
    TooManyRequests { retry_after: i64 },
    /// 500; the message is logged, never sent.
    Internal(String),
    /// 503 when the database cannot be reached.
    Unavailable(String),
}

pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    pub fn field(field: &str, code: &str, message: impl Into<String>) -> AppError {
        AppError::Validation(vec![FieldError::new(field, code, message)])
    }

    pub fn version_conflict(current: i32) -> AppError {
        AppError::Conflict {
            code: ProblemCode::VersionConflict,
            detail: format!(
                "Запись уже изменил другой пользователь (текущая версия {current}). Обновите страницу и повторите изменение."
            ),
        }
    }

    pub fn forbidden() -> AppError {
        AppError::Forbidden("Недостаточно прав для этого действия".into())
    }

    pub fn problem(&self) -> Problem {
        let status = self.status_code().as_u16();
        match self {
            AppError::Validation(errors) => {
                let mut p = Problem::new(status, ProblemCode::ValidationFailed.as_str(),
                    "Проверьте введённые данные",
                    errors
                        .iter()
                        .map(|e| e.message.as_str())
                        .collect::<Vec<_>>()
                        .join("; "),
                );
                p.errors = errors.clone();
                p
            }
            AppError::BadRequest { code, detail } => {
                Problem::new(status, code.as_str(), "Некорректный запрос", detail.clone())
            }
            AppError::Unauthorized {
                code,
                detail,
                field,
            } => {
                let title = if *code == ProblemCode::InvalidCredentials {
                    "Неверные учётные данные"
                } else {
                    "Требуется вход"
                };
                let mut p = Problem::new(status, code.as_str(), title, detail.clone());
                if let Some(f) = field {
                    p.errors.push(FieldError::new(f, code.as_str(), detail.clone()));
                }
                p
            }
            AppError::Forbidden(d) => {
                Problem::new(status, ProblemCode::Forbidden.as_str(), "Доступ запрещён", d.clone())
            }
            AppError::NotFound(what) => {
                Problem::new(status, ProblemCode::NotFound.as_str(), "Не найдено", what.clone())
            }
            AppError::Conflict { code, detail } => {
                Problem::new(status, code.as_str(), "Конфликт", detail.clone())
            }
            AppError::Clash {
                code,
                detail,
                other_id,
            } => {
                let mut p = Problem::new(status, code.as_str(), "Конфликт", detail.clone());
                p.conflict_id = Some(other_id.clone());
                p
            }
            AppError::Contended(_) => Problem::new(status, ProblemCode::Busy.as_str(),
                "Сервер занят",
                "Запись одновременно меняют другие пользователи. Изменения не сохранены; повторите через несколько секунд.",
            ),
            AppError::TooLarge(d) => Problem::new(status, ProblemCode::PayloadTooLarge.as_str(),
                "Слишком большой запрос",
                d.clone(),
            ),
            AppError::TooManyRequests { retry_after } => {
                let wait = if *retry_after >= 60 {
                    format!("{} мин.", (retry_after + 59) / 60)
                } else {
                    format!("{retry_after} с")
                };
                Problem::new(status, ProblemCode::TooManyAttempts.as_str(),
                    "Слишком много попыток",
                    format!("Слишком много неудачных попыток входа. Повторите через {wait}"),
                )
            }
            AppError::Internal(_) => Problem::new(status, ProblemCode::InternalError.as_str(),
                "Внутренняя ошибка",
                "Произошла внутренняя ошибка. Изменения не сохранены; попробуйте ещё раз.",
            ),
            AppError::Unavailable(_) => Problem::new(status, ProblemCode::ServiceUnavailable.as_str(),
                "Сервис недоступен",
                "База данных временно недоступна. Попробуйте позже.",
            ),
        }
    }
}

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.problem().detail)
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::BadRequest { .. } => StatusCode::BAD_REQUEST,
            AppError::Unauthorized { .. } => StatusCode::UNAUTHORIZED,
            AppError::Forbidden(_) => StatusCode::FORBIDDEN,
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::Conflict { .. } | AppError::Clash { .. } => StatusCode::CONFLICT,
            AppError::Contended(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
            AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    fn error_response(&self) -> HttpResponse {
        match self {
            AppError::Internal(msg) | AppError::Unavailable(msg) => {
                tracing::error!(error = %msg, "request failed")
            }
            AppError::Contended(msg) => tracing::warn!(error = %msg, "write retries exhausted"),
            _ => {}
        }
        let mut resp = HttpResponse::build(self.status_code());
        resp.content_type("application/problem+json");
        if let AppError::TooManyRequests { retry_after } = self {
            resp.insert_header((header::RETRY_AFTER, retry_after.to_string()));
        }
        if let AppError::Unauthorized { .. } = self {
            resp.insert_header((header::WWW_AUTHENTICATE, "Bearer"));
        }
        resp.json(self.problem())
    }
}

impl From<diesel::result::Error> for AppError {
    fn from(e: diesel::result::Error) -> Self {
        use diesel::result::{DatabaseErrorKind, Error};
        match e {
            Error::NotFound => AppError::NotFound("Запись не найдена".into()),
            Error::DatabaseError(DatabaseErrorKind::SerializationFailure, info) => {
                AppError::Contended(info.message().to_string())
            }
            // PostgreSQL reports a deadlock (40P01) without a kind of its own.
            Error::DatabaseError(DatabaseErrorKind::Unknown, info)
                if info.message().contains("deadlock detected") =>
            {
                AppError::Contended(info.message().to_string())
            }
            Error::DatabaseError(DatabaseErrorKind::UniqueViolation, info) => AppError::Conflict {
                code: ProblemCode::AlreadyExists,
                detail: format!("Такая запись уже есть ({})", info.message()),
            },
            Error::DatabaseError(DatabaseErrorKind::ForeignKeyViolation, info) => {
                tracing::warn!(db = info.message(), "foreign key violation");
                AppError::Conflict {
                    code: ProblemCode::ReferenceMissing,
                    detail: "Связанная запись не найдена или используется".into(),
                }
            }
            other => AppError::Internal(other.to_string()),
        }
    }
}

impl From<diesel::r2d2::PoolError> for AppError {
    fn from(e: diesel::r2d2::PoolError) -> Self {
        AppError::Unavailable(e.to_string())
    }
}

impl From<actix_web::error::BlockingError> for AppError {
    fn from(e: actix_web::error::BlockingError) -> Self {
        AppError::Internal(e.to_string())
    }
}
