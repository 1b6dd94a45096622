//! The audit log of every write.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    pub id: String,
    pub at: DateTime<Utc>,
    pub actor_id: Option<String>,
    pub actor_name: Option<String>,
    /// `create`, `update`, `archive`, `restore`, `password_reset`, `password_change`, `login`…
    pub action: String,
    /// Table-like noun: `school`, `user`, `municipality`…
    pub entity: String,
    pub entity_id: String,
    pub municipality_id: Option<String>,
    /// The record before the change (absent for creation).
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub before: Option<serde_json::Value>,
    /// The record after the change.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub after: Option<serde_json::Value>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct AuditFilter {
    pub entity: Option<String>,
    pub entity_id: Option<String>,
    pub actor_id: Option<String>,
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

/// Russian label of an audit action.
pub fn action_label_ru(action: &str) -> &str {
    match action {
        "create" => "создание",
        "update" => "изменение",
        "archive" => "архивирование",
        "restore" => "восстановление",
        "password_reset" => "сброс пароля",
        "password_change" => "смена пароля",
        other => other,
    }
}

/// Russian label of an audited entity.
pub fn entity_label_ru(entity: &str) -> &str {
    match entity {
        "region" => "регион",
        "municipality" => "муниципалитет",
        "school" => "школа",
        "subject" => "предмет",
        "academic_year" => "учебный год",
        "user" => "пользователь",
        other => other,
    }
}

/// Russian label of a changed field shown in the audit log.
pub fn field_label_ru(field: &str) -> &str {
    match field {
        "full_name" => "полное наименование / ФИО",
        "short_name" => "краткое наименование",
        "address" => "адрес",
        "is_low_results" => "ШНОР",
        "is_difficult_conditions" => "ШССУ",
        "is_500plus" => "500+",
        "is_mentor" => "школа-наставник",
        "mentor_school_id" => "наставник",
        "archived_at" => "архив",
        "email" => "e-mail",
        "role" => "роль",
        "active" => "активность",
        "position" => "должность",
        "municipality_id" => "муниципалитет",
        "school_id" => "школа",
        "name" => "название",
        other => other,
    }
}
