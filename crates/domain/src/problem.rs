//! RFC 9457 problem details, the one shape of every error the API returns.

use serde::{Deserialize, Serialize};

/// An error response (`application/problem+json`). `code` is stable and machine-readable;
/// `title` and `detail` are Russian and meant for people.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Problem {
    /// A URI naming the problem type, `urn:tutornet:problem:<code>`.
    #[serde(rename = "type")]
    pub type_: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    /// Stable code, e.g. `validation_failed`, `not_found`, `version_conflict`.
    pub code: String,
    /// Per-field errors (for `validation_failed`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    /// The id of the other record in the conflict: the session that already holds the
    /// tutor or the room (`tutor_conflict`, `room_conflict`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conflict_id: Option<String>,
}

/// One invalid field. `field` is the JSON field name (dotted for nested ones).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    pub field: String,
    pub code: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: &str, code: &str, message: impl Into<String>) -> Self {
        Self {
            field: field.to_string(),
            code: code.to_string(),
            message: message.into(),
        }
    }
}

impl Problem {
    pub fn new(status: u16, code: &str, title: &str, detail: impl Into<String>) -> Self {
        Self {
            type_: format!("urn:tutornet:problem:{code}"),
            title: title.to_string(),
            status,
            detail: detail.into(),
            code: code.to_string(),
            errors: Vec::new(),
            conflict_id: None,
        }
    }

    /// The stable code as the domain enum (`None` for a code this build does not know).
    pub fn kind(&self) -> Option<ProblemCode> {
        ProblemCode::parse(&self.code)
    }

    /// Whether the problem is `code`.
    pub fn is(&self, code: ProblemCode) -> bool {
        self.code == code.as_str()
    }

    /// The message for one field, if the problem names it.
    pub fn field_message(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }
}

/// Collects field errors during validation.
#[derive(Debug, Default)]
pub struct Errors(pub Vec<FieldError>);

impl Errors {
    pub fn add(&mut self, field: &str, code: &str, message: impl Into<String>) {
        self.0.push(FieldError::new(field, code, message));
    }

    /// Requires a non-blank string of at most `max` characters.
    pub fn required(&mut self, field: &str, value: &str, max: usize) {
        if value.trim().is_empty() {
            self.add(field, "required", "Заполните это поле");
        } else {
            self.max_len(field, value, max);
        }
    }

    pub fn max_len(&mut self, field: &str, value: &str, max: usize) {
        if value.chars().count() > max {
            self.add(field, "too_long", format!("Не длиннее {max} символов"));
        }
    }

    pub fn finish(self) -> Result<(), Vec<FieldError>> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(self.0)
        }
    }
}

macro_rules! problem_codes {
    ($($variant:ident => $code:literal, $label:literal;)*) => {
        /// Every stable problem code the API answers with, and what it means in Russian.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum ProblemCode {
            $($variant),*
        }

        impl ProblemCode {
            pub const ALL: &'static [ProblemCode] = &[$(ProblemCode::$variant),*];

            /// The code as it travels in `Problem::code`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(ProblemCode::$variant => $code),*
                }
            }

            /// A short Russian explanation.
            pub fn label(self) -> &'static str {
                match self {
                    $(ProblemCode::$variant => $label),*
                }
            }

            pub fn parse(code: &str) -> Option<ProblemCode> {
                match code {
                    $($code => Some(ProblemCode::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

problem_codes! {
    ValidationFailed => "validation_failed", "Ошибки в полях";
    BadRequest => "bad_request", "Некорректный запрос";
    InvalidJson => "invalid_json", "Тело запроса — не корректный JSON";
    InvalidPath => "invalid_path", "Некорректный адрес";
    UnsupportedMediaType => "unsupported_media_type", "Неподдерживаемый тип содержимого";
    MethodNotAllowed => "method_not_allowed", "Метод не поддерживается";
    Unauthenticated => "unauthenticated", "Требуется вход";
    InvalidCredentials => "invalid_credentials", "Неверные учётные данные";
    InvalidToken => "invalid_token", "Недействительный токен";
    InvalidRefreshToken => "invalid_refresh_token", "Недействительный токен обновления";
    RefreshTokenReused => "refresh_token_reused", "Токен обновления использован повторно";
    Forbidden => "forbidden", "Доступ запрещён";
    NotFound => "not_found", "Не найдено";
    VersionConflict => "version_conflict", "Запись уже изменена другим пользователем";
    AlreadyExists => "already_exists", "Такая запись уже есть";
    ReferenceMissing => "reference_missing", "Связанная запись не найдена";
    InvalidTransition => "invalid_transition", "Действие недопустимо в этом состоянии";
    TutorConflict => "tutor_conflict", "Тьютор занят в это время";
    RoomConflict => "room_conflict", "Помещение занято в это время";
    NotPlanned => "not_planned", "Занятие уже не запланировано";
    NotHeld => "not_held", "Занятие ещё не проведено";
    AlreadyHeld => "already_held", "Занятие уже проведено";
    NotOpenForRegistration => "not_open_for_registration", "Запись на занятие закрыта";
    SessionStarted => "session_started", "Занятие уже началось";
    AlreadyRegistered => "already_registered", "Вы уже записаны";
    AlreadyRated => "already_rated", "Оценка уже поставлена";
    AlreadyDecided => "already_decided", "Решение уже принято";
    CompositionApproved => "composition_approved", "Состав утверждён приказом";
    MemberNotApproved => "member_not_approved", "Член сообщества не утверждён";
    NotApproved => "not_approved", "Не утверждено";
    NoCurrentYear => "no_current_year", "Нет текущего учебного года";
    CurrentYear => "current_year", "Текущий учебный год";
    CurrentRequired => "current_required", "Нужен текущий учебный год";
    LinkInvalid => "link_invalid", "Ссылка устарела или уже использована";
    UserInactive => "user_inactive", "Учётная запись отключена или в архиве";
    SelfLockout => "self_lockout", "Нельзя лишить доступа самого себя";
    PayloadTooLarge => "payload_too_large", "Слишком большой запрос";
    TooManyAttempts => "too_many_attempts", "Слишком много попыток";
    Busy => "busy", "Сервер занят параллельными изменениями";
    InternalError => "internal_error", "Внутренняя ошибка";
    ServiceUnavailable => "service_unavailable", "Сервис недоступен";
}

#[cfg(test)]
mod code_tests {
    use super::ProblemCode;

    #[test]
    fn codes_round_trip_and_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for c in ProblemCode::ALL {
            assert_eq!(ProblemCode::parse(c.as_str()), Some(*c));
            assert!(seen.insert(c.as_str()), "duplicate {}", c.as_str());
            assert!(!c.label().is_empty());
        }
        assert_eq!(ProblemCode::parse("nonsense"), None);
    }
}
