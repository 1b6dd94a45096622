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
    /// The Russian label of `action` («изменение»).
    pub action_label: String,
    /// The Russian label of `entity` («заявка»).
    pub entity_label: String,
    /// What the record is called today: a request's topic, a session's title and date,
    /// a person's name, a school's short name, an order's number and date (none when
    /// the record is gone and its snapshots name nothing).
    pub entity_name: Option<String>,
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
        Agree = "agree" => "согласование",
        StepDone = "step_done" => "отметка о выполнении мероприятия",
        Reopen = "reopen" => "возврат в работу",
        Assign = "assign" => "назначение эксперта",
        StartReview = "start_review" => "начало экспертизы",
        ReturnForRework = "return_for_rework" => "возврат на доработку",
        Resubmit = "resubmit" => "повторная подача",
        Verdicts = "verdicts" => "оценки эксперта",
        Conclude = "conclude" => "заключение эксперта",
        Sign = "sign" => "подписание заключения",
        Submit = "submit" => "отправка на модерацию",
        Publish = "publish" => "публикация",
        Unpublish = "unpublish" => "снятие с публикации",
        Report = "report" => "жалоба на материал",
        Trust = "trust" => "право публикации без модерации",
        Hold = "hold" => "проведение совещания",
        SignProtocol = "sign_protocol" => "подписание протокола",
        DecisionMark = "decision_mark" => "отметка об исполнении поручения",
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
        AssessmentResult = "assessment_result" => "результат оценочной процедуры",
        AssessmentEvent = "assessment_event" => "оценочная процедура в календаре",
        AssessmentScale = "assessment_scale" => "шкала перевода баллов в отметки",
        NotificationSettings = "notification_settings" => "настройки уведомлений",
        DiagnosticCampaign = "diagnostic_campaign" => "диагностика дефицитов",
        Indicator = "indicator" => "показатель диагностики",
        Trajectory = "trajectory" => "индивидуальный маршрут (ИОМ)",
        Review = "review" => "экспертиза документа",
        ReviewTemplate = "review_template" => "чек-лист экспертизы",
        LibraryItem = "library_item" => "материал библиотеки",
        Meeting = "meeting" => "совещание",
        MeetingDecision = "meeting_decision" => "поручение совещания",
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

/// Russian labels of the fields audit entries record (the columns of audited records):
/// the one table the API and the SPA both use. A field missing here shows its code, and
/// the tests fail.
pub const FIELD_LABELS: &[(&str, &str)] = &[
    ("id", "идентификатор"),
    ("version", "версия"),
    ("created_at", "создано"),
    ("created_by", "кто создал"),
    ("updated_at", "изменено"),
    ("updated_by", "кто изменил"),
    ("archived_at", "архив"),
    ("full_name", "полное наименование / ФИО"),
    ("short_name", "краткое наименование"),
    ("name", "название"),
    ("name_prepositional", "название в предложном падеже"),
    ("code", "код"),
    ("time_zone", "часовой пояс"),
    ("effective_time_zone", "действующий часовой пояс"),
    ("address", "адрес"),
    ("is_low_results", "ШНОР"),
    ("is_difficult_conditions", "ШССУ"),
    ("is_500plus", "500+"),
    ("is_mentor", "школа-наставник"),
    ("mentor_school_id", "школа-наставник"),
    ("email", "e-mail"),
    ("role", "роль"),
    ("active", "активность"),
    ("position", "должность"),
    ("workplace", "место работы"),
    ("region_id", "регион"),
    ("municipality_id", "муниципалитет"),
    ("school_id", "школа"),
    ("school_name", "школа"),
    ("subject_id", "предмет"),
    ("subject_name", "предмет"),
    ("subject", "предмет"),
    ("academic_year_id", "учебный год"),
    ("starts_on", "начало"),
    ("ends_on", "окончание"),
    ("is_current", "текущий"),
    ("user_id", "пользователь"),
    ("last_login_at", "последний вход"),
    // composition
    ("level", "уровень тьютора"),
    ("status", "статус"),
    ("approved_order_id", "приказ об утверждении"),
    ("approved_on", "дата утверждения"),
    ("excluded_order_id", "приказ об исключении"),
    ("excluded_on", "дата исключения"),
    ("exclusion_reason", "причина исключения"),
    ("nomination_id", "выдвижение"),
    ("member_id", "член сообщества"),
    ("teacher_user_id", "учитель"),
    ("is_current_teacher", "работает учителем"),
    ("experience_years", "стаж, лет"),
    ("achievements", "достижения"),
    ("has_authority", "авторитет в сообществе"),
    ("ready_to_help", "готов помогать"),
    ("justification", "обоснование"),
    ("decision_reason", "причина решения"),
    ("decided_by", "кто решил"),
    ("decided_at", "когда решено"),
    ("kind", "вид"),
    ("number", "номер"),
    ("issued_on", "дата приказа"),
    ("issuer", "кто издал"),
    ("title", "название"),
    ("file_name", "файл"),
    ("content_type", "тип файла"),
    ("size_bytes", "размер"),
    ("sha256", "контрольная сумма"),
    ("entity", "объект"),
    ("entity_id", "запись"),
    // requests
    ("requester_id", "заявитель"),
    ("requester_name", "заявитель"),
    ("for_school", "от школы"),
    ("form", "форма работы"),
    ("topic", "тема"),
    ("problem", "затруднение"),
    ("audience", "участники"),
    ("audience_count", "число участников"),
    ("audience_grade", "класс"),
    ("format", "формат"),
    ("period_from", "желаемый срок с"),
    ("period_to", "желаемый срок по"),
    ("tutor_user_id", "тьютор"),
    ("tutor_name", "тьютор"),
    ("session_id", "занятие"),
    ("decline_reason", "причина отклонения"),
    ("status_changed_at", "статус изменён"),
    ("age_days", "дней без движения"),
    // sessions
    ("series_id", "серия"),
    ("starts_at", "начало"),
    ("ends_at", "окончание"),
    ("place", "место"),
    ("online_link", "ссылка на подключение"),
    ("seats", "мест"),
    ("held_at", "проведено"),
    ("cancel_reason", "причина отмены"),
    ("students_class", "класс учеников"),
    ("students_count", "число учеников"),
    ("outcome", "итог"),
    ("summary", "краткое содержание"),
    ("private_notes", "заметки тьютора"),
    ("materials", "материалы"),
    ("academic_hours", "академических часов"),
    ("difficulties", "трудности во взаимодействии с педагогами"),
    ("attended", "присутствие"),
    ("score", "оценка"),
    ("comment", "комментарий"),
    // accounts, calendar, notifications
    ("purpose", "назначение ссылки"),
    ("expires_at", "действует до"),
    ("used_at", "использована"),
    ("revoked_at", "отозвана"),
    ("digest", "ежедневная сводка"),
    ("digest_hour", "час сводки"),
    // requests registered on a school's behalf, answered by a series
    ("channel", "как поступила"),
    ("received_on", "дата поступления"),
    ("contact", "контакт"),
    // sessions: consultation points, targeting, activity
    ("consultation_point_id", "консультационный пункт"),
    ("consultation_point_name", "консультационный пункт"),
    ("open_to", "для кого"),
    ("target_schools", "школы-адресаты"),
    ("target_school_ids", "школы-адресаты"),
    ("open_to_me", "доступно мне"),
    ("activity", "вид деятельности"),
    // support flags per year
    ("academic_year_name", "учебный год"),
    ("basis", "основание"),
    // reviews
    ("author_id", "автор"),
    ("author_name", "автор"),
    ("document_type", "вид документа"),
    ("document_type_label", "вид документа"),
    ("grades", "классы"),
    ("expert_id", "эксперт"),
    ("expert_name", "эксперт"),
    (
        "same_school_confirmed",
        "эксперт из той же школы подтверждён",
    ),
    (
        "no_conflict_declared_at",
        "декларация об отсутствии конфликта интересов",
    ),
    ("round", "раунд"),
    ("template_version", "версия чек-листа"),
    ("due_on", "срок"),
    ("request_id", "заявка"),
    ("signed_at", "заключение подписано"),
    ("criteria", "критерии"),
    ("updated_by_name", "кто изменил"),
    ("verdicts", "оценки эксперта"),
    ("conclusion", "заключение"),
    // results of assessment procedures
    ("procedure", "процедура"),
    ("grade", "класс (параллель)"),
    ("class_label", "класс"),
    ("participants", "участников"),
    ("mark2", "«2»"),
    ("mark3", "«3»"),
    ("mark4", "«4»"),
    ("mark5", "«5»"),
    ("below_threshold", "ниже минимального порога"),
    ("mean_score", "средний балл"),
    ("metrics", "показатели"),
    ("held_on", "дата проведения"),
    ("max_score", "максимальный балл"),
    ("min3", "балл «3» от"),
    ("min4", "балл «4» от"),
    ("min5", "балл «5» от"),
    ("text", "шкала"),
    ("note", "примечание"),
    ("current_version", "рабочая версия материала"),
    ("published_version", "опубликованная версия"),
    ("trusted", "публикация без модерации"),
    ("reason", "причина"),
    ("uploaded_at", "когда загружен"),
    ("uploaded_by", "кто загрузил"),
    ("url", "ссылка"),
    // meetings
    ("kind_text", "вид совещания (как в протоколе)"),
    ("invitees", "приглашённые"),
    ("extra_present", "присутствовали без приглашения"),
    ("agenda", "повестка"),
    ("include_misc", "вопрос «Разное»"),
    ("misc_text", "«Разное»"),
    ("signatories", "подписи"),
    ("files", "файлы"),
    ("control", "контроль исполнения"),
    ("present_count", "присутствовали"),
    ("absent_count", "отсутствовали"),
];

/// Russian label of a changed field shown in the audit log (the code itself when this
/// build does not know it).
pub fn field_label_ru(field: &str) -> &str {
    FIELD_LABELS
        .iter()
        .find(|(k, _)| *k == field)
        .map_or(field, |(_, l)| l)
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
        assert_eq!(field_label_ru("topic"), "тема");
        assert_eq!(field_label_ru("no_such_field"), "no_such_field");
        let mut keys: Vec<&str> = FIELD_LABELS.iter().map(|(k, _)| *k).collect();
        keys.sort();
        let n = keys.len();
        keys.dedup();
        assert_eq!(keys.len(), n, "a field is labelled twice");
    }
}
