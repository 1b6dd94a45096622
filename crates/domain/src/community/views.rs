//! What people look at: notifications, the dashboard, calendar feeds.

use super::*;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Notification {
    pub id: String,
    pub at: DateTime<Utc>,
    pub kind: String,
    pub title: String,
    pub body: String,
    /// SPA path to open, e.g. `/requests/…`.
    pub link: Option<String>,
    pub read: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NotificationPage {
    pub items: Vec<Notification>,
    pub unread: i64,
}

/// A count with its label.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LabelledCount {
    pub key: String,
    pub label: String,
    pub count: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TutorLoad {
    pub user_id: String,
    pub full_name: String,
    pub open_requests: i64,
    pub planned_sessions: i64,
    pub held_this_month: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SchoolRef {
    pub id: String,
    pub short_name: String,
}

/// The coordinator's view of the consultation point.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Dashboard {
    pub requests_by_status: Vec<LabelledCount>,
    /// Open requests with no action for `stale_after_days` days or more.
    pub stale_requests: Vec<Request>,
    pub stale_after_days: i64,
    pub sessions_this_month_by_form: Vec<LabelledCount>,
    /// Sessions this month (not cancelled) by activity type (000 §5.1), all five types.
    pub sessions_this_month_by_activity: Vec<LabelledCount>,
    /// Sessions of the current academic year (not cancelled) by activity type.
    pub sessions_this_year_by_activity: Vec<LabelledCount>,
    pub held_this_month: i64,
    /// The school quarter «this quarter» means (the last one during the holidays).
    pub quarter: String,
    /// ШНОР with no held or planned session this school quarter.
    pub low_results_without_session: Vec<SchoolRef>,
    pub tutor_load: Vec<TutorLoad>,
}

/// A personal or municipal iCal feed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CalendarFeed {
    pub id: String,
    /// Secret URL path to subscribe to (`/api/v1/calendar/<token>.ics`); shown once.
    pub url: String,
    pub created_at: DateTime<Utc>,
}
