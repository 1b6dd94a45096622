//! Notifications: their kinds, and each user's choice of e-mail (immediate or a daily
//! digest). In-app notifications always arrive at once.

use serde::{Deserialize, Serialize};

crate::labelled_enum!(
    /// What a notification is about (`Notification::kind`).
    NotificationKind {
        RequestNew = "request_new" => "Новая заявка",
        RequestStatus = "request_status" => "Ход заявки",
        SessionPlanned = "session_planned" => "Новое занятие",
        SessionChanged = "session_changed" => "Занятие изменено",
        SessionCancelled = "session_cancelled" => "Занятие отменено",
        WaitlistPromoted = "waitlist_promoted" => "Место из листа ожидания",
        SessionHeld = "session_held" => "Занятие проведено",
        SessionReminder = "session_reminder" => "Напоминание о занятии",
        ReviewStatus = "review_status" => "Ход экспертизы",
        ReviewDue = "review_due" => "Срок экспертизы",
        LibraryStatus = "library_status" => "Модерация материалов библиотеки",
    }
);

/// The local hour (in the user's zone) at which the daily digest is sent.
pub const DIGEST_HOUR: u32 = 7;

/// The caller's notification settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NotificationSettings {
    /// `true`: one digest e-mail a day instead of an e-mail per notification.
    pub digest: bool,
    /// The local hour of the digest (in the user's time zone).
    pub digest_hour: u32,
    /// The user's time zone (IANA name) the hour is in.
    pub time_zone: String,
}

/// A change of the notification settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NotificationSettingsInput {
    pub digest: bool,
}

/// The subject of a digest e-mail.
pub fn digest_subject(items: usize, day: chrono::NaiveDate) -> String {
    format!(
        "Сводка уведомлений за {}: {items} {}",
        crate::text::format_date_ru(day),
        crate::text::plural(items as i64, "уведомление", "уведомления", "уведомлений")
    )
}
