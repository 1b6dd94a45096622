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

crate::labelled_enum!(
    /// What an audit entry records.
    AuditAction {
        Create = "create" => "создание",
        Update = "update" => "изменение",
        Archive = "archive" => "архивирование",
        Restore = "restore" => "восстановление",
        PasswordReset = "password_reset" => "сброс пароля",
        PasswordChange = "password_change" => "смена пароля",
        Invite = "invite" => "приглашение по почте",
        ResetRequest = "reset_request" => "запрос ссылки для сброса пароля",
        PasswordSet = "password_set" => "установка пароля по ссылке",
        Import = "import" => "импорт",
        Upload = "upload" => "загрузка файла",
        FileArchive = "file_archive" => "удаление файла",
        Approve = "approve" => "одобрение",
        Decline = "decline" => "отклонение",
        Cancel = "cancel" => "отмена",
        Log = "log" => "отметка о проведении",
        Amend = "amend" => "поправка",
        Rate = "rate" => "оценка",
        Register = "register" => "запись",
        Unregister = "unregister" => "отмена записи",
        AskInfo = "ask_info" => "запрос уточнения",
        Answer = "answer" => "ответ на уточнение",
        Accept = "accept" => "назначение тьютора",
        Schedule = "schedule" => "включение в расписание",
        Complete = "complete" => "выполнение",
        FeedCreate = "feed_create" => "создание iCal-подписки",
        FeedRevoke = "feed_revoke" => "отзыв iCal-подписки",
    }
);

crate::labelled_enum!(
    /// The kind of record an audit entry is about.
    AuditEntity {
        Region = "region" => "регион",
        Municipality = "municipality" => "муниципалитет",
        School = "school" => "школа",
        SchoolFlags = "school_flags" => "признаки школы за учебный год",
        Subject = "subject" => "предмет",
        AcademicYear = "academic_year" => "учебный год",
        User = "user" => "пользователь",
        Member = "member" => "член сообщества",
        CompositionOrder = "composition_order" => "приказ о составе",
        /// The files of an order are audited under this entity.
        Order = "order" => "приказ",
        Nomination = "nomination" => "выдвижение",
        Attachment = "attachment" => "закрепление",
        Request = "request" => "заявка",
        Session = "session" => "занятие",
        Registration = "registration" => "запись на занятие",
        Rating = "rating" => "оценка занятия",
        CalendarFeed = "calendar_feed" => "iCal-подписка",
        File = "file" => "файл",
        ConsultationPoint = "consultation_point" => "консультационный пункт",
    }
);

/// Russian label of an audit action (the code itself when this build does not know it).
pub fn action_label_ru(action: &str) -> &str {
    match AuditAction::parse(action) {
        Some(a) => a.label_ru(),
        None => action,
    }
}

/// Russian label of an audited entity (the code itself when this build does not know it).
pub fn entity_label_ru(entity: &str) -> &str {
    match AuditEntity::parse(entity) {
        Some(e) => e.label_ru(),
        None => entity,
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

impl From<crate::community::RequestAction> for AuditAction {
    fn from(a: crate::community::RequestAction) -> AuditAction {
        use crate::community::RequestAction as R;
        match a {
            R::AskInfo => AuditAction::AskInfo,
            R::Answer => AuditAction::Answer,
            R::Accept => AuditAction::Accept,
            R::Schedule => AuditAction::Schedule,
            R::Complete => AuditAction::Complete,
            R::Decline => AuditAction::Decline,
            R::Cancel => AuditAction::Cancel,
        }
    }
}

#[cfg(test)]
mod vocabulary_tests {
    use super::*;

    #[test]
    fn every_code_has_a_russian_label_and_round_trips() {
        for a in AuditAction::ALL {
            assert_eq!(AuditAction::parse(a.as_str()), Some(*a));
            assert_ne!(action_label_ru(a.as_str()), a.as_str());
        }
        for e in AuditEntity::ALL {
            assert_eq!(AuditEntity::parse(e.as_str()), Some(*e));
            assert_ne!(entity_label_ru(e.as_str()), e.as_str());
        }
        for r in crate::community::RequestAction::ALL {
            assert_eq!(AuditAction::from(*r).as_str(), r.as_str());
        }
        assert_eq!(action_label_ru("ask_info"), "запрос уточнения");
    }
}
