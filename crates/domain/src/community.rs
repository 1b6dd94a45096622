//! The consultation point: requests (заявки), sessions (занятия/консультации), the
//! session log, ratings, notifications and the coordinator's dashboard.

use crate::labelled_enum;
use crate::problem::{Errors, FieldError};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

labelled_enum!(
    /// Form of work (000 §6, 003 §1).
    FormOfWork {
        Supervision = "supervision" => "Супервизия",
        Tutorial = "tutorial" => "Тьюториал",
        IndividualConsultation = "individual_consultation" => "Индивидуальная консультация",
        GroupConsultation = "group_consultation" => "Групповая консультация",
        ThematicConsultation = "thematic_consultation" => "Тематическая консультация",
        MasterClass = "master_class" => "Мастер-класс",
        OpenLesson = "open_lesson" => "Открытый урок",
        DemoLesson = "demo_lesson" => "Показательный урок",
        StudentGroupSession = "student_group_session" => "Групповое занятие с обучающимися",
        ExamPrepSession = "exam_prep_session" => "Групповое занятие по подготовке к ГИА",
        ExpertReview = "expert_review" => "Экспертиза",
    }
);

impl FormOfWork {
    /// Group forms: teachers register for them while seats last.
    pub fn is_group(self) -> bool {
        !matches!(
            self,
            FormOfWork::IndividualConsultation | FormOfWork::ExpertReview | FormOfWork::Supervision
        )
    }
}

labelled_enum!(
    /// Who the work is for (000 §6.7).
    Audience {
        Teachers = "teachers" => "Педагоги",
        Students = "students" => "Обучающиеся",
        TeachersAndStudents = "teachers_and_students" => "Педагоги и обучающиеся",
    }
);

labelled_enum!(
    /// In person or remote (000 §6.3).
    WorkFormat {
        InPerson = "in_person" => "Очно",
        Remote = "remote" => "Дистанционно",
    }
);

labelled_enum!(
    /// Where a request is in its workflow.
    RequestStatus {
        New = "new" => "Новая",
        NeedsInfo = "needs_info" => "Нужны уточнения",
        Accepted = "accepted" => "Принята, тьютор назначен",
        Scheduled = "scheduled" => "Запланирована",
        Done = "done" => "Выполнена",
        Declined = "declined" => "Отклонена",
        Cancelled = "cancelled" => "Отозвана",
    }
);

labelled_enum!(
    /// What someone does to a request.
    RequestAction {
        AskInfo = "ask_info" => "Запросить уточнения",
        Answer = "answer" => "Ответить на уточнение",
        Accept = "accept" => "Принять и назначить тьютора",
        Schedule = "schedule" => "Запланировать занятие",
        Complete = "complete" => "Отметить выполненной",
        Decline = "decline" => "Отклонить",
        Cancel = "cancel" => "Отозвать",
    }
);

/// Who may perform a request action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    /// Coordinator or admin of the request's municipality.
    Coordinator,
    /// The tutor assigned to the request.
    AssignedTutor,
    /// The teacher or school administrator who filed it.
    Requester,
}

impl RequestAction {
    /// The status after the action, or `None` if it is not allowed from `from`.
    pub fn next(self, from: RequestStatus) -> Option<RequestStatus> {
        use RequestAction as A;
        use RequestStatus as S;
        match (self, from) {
            (A::AskInfo, S::New) => Some(S::NeedsInfo),
            (A::Answer, S::NeedsInfo) => Some(S::New),
            (A::Accept, S::New) => Some(S::Accepted),
            (A::Schedule, S::Accepted) => Some(S::Scheduled),
            (A::Complete, S::Scheduled) => Some(S::Done),
            (A::Decline, S::New | S::NeedsInfo | S::Accepted) => Some(S::Declined),
            (A::Cancel, S::New | S::NeedsInfo | S::Accepted | S::Scheduled) => Some(S::Cancelled),
            _ => None,
        }
    }

    /// Which actors may perform it.
    pub fn actors(self) -> &'static [Actor] {
        use RequestAction as A;
        match self {
            A::AskInfo | A::Accept | A::Decline => &[Actor::Coordinator],
            A::Answer | A::Cancel => &[Actor::Requester],
            A::Schedule | A::Complete => &[Actor::Coordinator, Actor::AssignedTutor],
        }
    }

    /// Actions allowed from a status (for 409 messages and the UI).
    pub fn allowed_from(from: RequestStatus) -> Vec<RequestAction> {
        RequestAction::ALL
            .iter()
            .copied()
            .filter(|a| a.next(from).is_some())
            .collect()
    }
}

/// A request (заявка) of a teacher or a school.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Request {
    pub id: String,
    pub municipality_id: String,
    pub academic_year_id: String,
    pub school_id: String,
    pub school_name: String,
    pub requester_id: String,
    pub requester_name: String,
    /// Filed by the school administration for the school (not for one teacher).
    pub for_school: bool,
    pub form: FormOfWork,
    pub subject_id: Option<String>,
    pub subject_name: Option<String>,
    pub topic: String,
    pub problem: String,
    pub audience: Audience,
    pub audience_count: Option<i32>,
    pub audience_grade: Option<String>,
    pub format: WorkFormat,
    pub period_from: Option<NaiveDate>,
    pub period_to: Option<NaiveDate>,
    pub status: RequestStatus,
    pub tutor_user_id: Option<String>,
    pub tutor_name: Option<String>,
    pub session_id: Option<String>,
    pub decline_reason: Option<String>,
    pub status_changed_at: DateTime<Utc>,
    /// Days since the last status change.
    pub age_days: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RequestInput {
    pub form: Option<FormOfWork>,
    #[serde(default)]
    pub subject_id: Option<String>,
    pub topic: String,
    pub problem: String,
    pub audience: Option<Audience>,
    #[serde(default)]
    pub audience_count: Option<i32>,
    #[serde(default)]
    pub audience_grade: Option<String>,
    pub format: Option<WorkFormat>,
    #[serde(default)]
    pub period_from: Option<NaiveDate>,
    #[serde(default)]
    pub period_to: Option<NaiveDate>,
    /// School administrators: file for the school as a whole.
    #[serde(default)]
    pub for_school: bool,
}

impl RequestInput {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        if self.form.is_none() {
            e.add("form", "required", "Выберите форму работы");
        }
        e.required("topic", &self.topic, 300);
        e.required("problem", &self.problem, 4000);
        if self.audience.is_none() {
            e.add("audience", "required", "Выберите, для кого занятие");
        }
        if self.format.is_none() {
            e.add(
                "format",
                "required",
                "Выберите формат: очно или дистанционно",
            );
        }
        if let Some(c) = self.audience_count {
            if !(1..=1000).contains(&c) {
                e.add(
                    "audience_count",
                    "out_of_range",
                    "Количество участников — от 1 до 1000",
                );
            }
        }
        if let Some(g) = &self.audience_grade {
            e.max_len("audience_grade", g, 50);
        }
        if let (Some(a), Some(b)) = (self.period_from, self.period_to) {
            if b < a {
                e.add("period_to", "invalid_period", "Конец периода раньше начала");
            }
        }
        e.finish()
    }
}

/// A status change with who and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RequestEvent {
    pub at: DateTime<Utc>,
    pub actor_id: Option<String>,
    pub actor_name: Option<String>,
    pub from_status: Option<RequestStatus>,
    pub to_status: RequestStatus,
    pub comment: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RequestDetail {
    #[serde(flatten)]
    pub request: Request,
    pub history: Vec<RequestEvent>,
    /// What the caller may do now.
    pub allowed_actions: Vec<RequestAction>,
}

/// A workflow step.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RequestTransition {
    pub action: Option<RequestAction>,
    /// Question, answer or note; required for `ask_info`, `answer` and `decline`.
    #[serde(default)]
    pub comment: Option<String>,
    /// For `accept`: the tutor to assign.
    #[serde(default)]
    pub tutor_user_id: Option<String>,
    /// For `accept`: confirm choosing a tutor from the requester's own school.
    #[serde(default)]
    pub allow_same_school: bool,
    /// For `schedule`: the session the request is linked to.
    #[serde(default)]
    pub session_id: Option<String>,
    /// The request version the step is based on.
    pub version: i32,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct RequestFilter {
    pub status: Option<RequestStatus>,
    pub school_id: Option<String>,
    pub tutor_user_id: Option<String>,
    pub form: Option<FormOfWork>,
    /// Only requests with no status change for at least this many days.
    pub stale_days: Option<i64>,
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

/// A ranked tutor for a request, with the reasons.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TutorSuggestion {
    pub user_id: String,
    pub full_name: String,
    pub school_name: Option<String>,
    pub score: i32,
    /// Same school as the requester: shown, but only chosen explicitly.
    pub same_school: bool,
    pub reasons: Vec<String>,
    /// Open requests and planned sessions.
    pub load: i64,
    pub average_rating: Option<f64>,
}

labelled_enum!(
    SessionStatus {
        Planned = "planned" => "Запланировано",
        Held = "held" => "Проведено",
        Cancelled = "cancelled" => "Отменено",
    }
);

labelled_enum!(
    Recurrence {
        Weekly = "weekly" => "Еженедельно",
        Monthly = "monthly" => "Ежемесячно",
        Quarterly = "quarterly" => "Раз в четверть",
    }
);

labelled_enum!(
    RegistrationStatus {
        Registered = "registered" => "Записан",
        Waitlisted = "waitlisted" => "В листе ожидания",
        Cancelled = "cancelled" => "Запись отменена",
    }
);

/// A session of the consultation point.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Session {
    pub id: String,
    pub municipality_id: String,
    pub academic_year_id: String,
    pub series_id: Option<String>,
    pub form: FormOfWork,
    pub subject_id: Option<String>,
    pub subject_name: Option<String>,
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub place: Option<String>,
    pub online_link: Option<String>,
    pub format: WorkFormat,
    pub audience: Audience,
    pub seats: Option<i32>,
    pub status: SessionStatus,
    pub cancel_reason: Option<String>,
    pub tutors: Vec<Person>,
    pub request_ids: Vec<String>,
    pub registered: i64,
    pub waitlisted: i64,
    /// The caller's registration, if any.
    pub my_registration: Option<RegistrationStatus>,
    pub version: i32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Person {
    pub id: String,
    pub full_name: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SessionInput {
    pub form: Option<FormOfWork>,
    #[serde(default)]
    pub subject_id: Option<String>,
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    #[serde(default)]
    pub place: Option<String>,
    #[serde(default)]
    pub online_link: Option<String>,
    pub format: Option<WorkFormat>,
    pub audience: Option<Audience>,
    #[serde(default)]
    pub seats: Option<i32>,
    /// Tutors holding the session (default: the caller, if a tutor).
    #[serde(default)]
    pub tutor_ids: Vec<String>,
    /// Requests this session answers (they move to `scheduled`).
    #[serde(default)]
    pub request_ids: Vec<String>,
    /// Create a series: repeat until `repeat_until` (inclusive).
    #[serde(default)]
    pub recurrence: Option<Recurrence>,
    #[serde(default)]
    pub repeat_until: Option<NaiveDate>,
    /// Required on update.
    #[serde(default)]
    pub version: Option<i32>,
}

impl SessionInput {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        if self.form.is_none() {
            e.add("form", "required", "Выберите форму работы");
        }
        e.required("title", &self.title, 300);
        if self.ends_at <= self.starts_at {
            e.add(
                "ends_at",
                "invalid_period",
                "Окончание должно быть позже начала",
            );
        } else if self.ends_at - self.starts_at > chrono::Duration::hours(12) {
            e.add("ends_at", "too_long", "Занятие длится не больше 12 часов");
        }
        if self.format.is_none() {
            e.add("format", "required", "Выберите формат");
        }
        if self.audience.is_none() {
            e.add("audience", "required", "Выберите аудиторию");
        }
        if self.format == Some(WorkFormat::InPerson)
            && self.place.as_deref().unwrap_or("").trim().is_empty()
        {
            e.add("place", "required", "Укажите место проведения");
        }
        if self.format == Some(WorkFormat::Remote)
            && self.online_link.as_deref().unwrap_or("").trim().is_empty()
        {
            e.add("online_link", "required", "Укажите ссылку на подключение");
        }
        if let Some(s) = self.seats {
            if !(1..=500).contains(&s) {
                e.add("seats", "out_of_range", "Мест — от 1 до 500");
            }
        }
        if self.recurrence.is_some() && self.repeat_until.is_none() {
            e.add(
                "repeat_until",
                "required",
                "Укажите, до какой даты повторять",
            );
        }
        e.finish()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct SessionFilter {
    /// From this moment (default: start of the current academic year).
    pub from: Option<DateTime<Utc>>,
    /// Until this moment.
    pub to: Option<DateTime<Utc>>,
    pub tutor_id: Option<String>,
    /// Sessions linked to requests of this school.
    pub school_id: Option<String>,
    pub subject_id: Option<String>,
    pub form: Option<FormOfWork>,
    pub status: Option<SessionStatus>,
    /// Only sessions answering requests of ШНОР schools.
    pub low_results_only: Option<bool>,
    /// Sessions the caller holds or is registered for.
    pub mine: Option<bool>,
    /// Held sessions that still have no log.
    pub awaiting_log: Option<bool>,
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

/// Cancelling a session (reason required).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SessionCancel {
    pub reason: String,
    pub version: i32,
}

/// A registration for a group session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Registration {
    pub id: String,
    pub session_id: String,
    pub user_id: String,
    pub full_name: String,
    pub school_name: Option<String>,
    pub status: RegistrationStatus,
    /// Place in the waitlist (1-based) when waitlisted.
    pub waitlist_position: Option<i64>,
    pub attended: Option<bool>,
    pub created_at: DateTime<Utc>,
}

/// The log of a held session (журнал занятия).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SessionLogInput {
    /// Registered teachers who came.
    #[serde(default)]
    pub attended_user_ids: Vec<String>,
    /// Students: class and count only, never names.
    #[serde(default)]
    pub students_class: Option<String>,
    #[serde(default)]
    pub students_count: Option<i32>,
    pub outcome: String,
    /// Visible to participants.
    #[serde(default)]
    pub summary: Option<String>,
    /// Visible to the tutors and coordinators only.
    #[serde(default)]
    pub private_notes: Option<String>,
    /// Materials: titles or links, one per line.
    #[serde(default)]
    pub materials: Option<String>,
    pub version: i32,
}

impl SessionLogInput {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        e.required("outcome", &self.outcome, 4000);
        if let Some(c) = self.students_count {
            if !(0..=1000).contains(&c) {
                e.add(
                    "students_count",
                    "out_of_range",
                    "Количество обучающихся — от 0 до 1000",
                );
            }
        }
        if let Some(c) = &self.students_class {
            e.max_len("students_class", c, 50);
        }
        e.finish()
    }
}

/// A later correction of a held session's log.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AmendmentInput {
    /// `outcome`, `summary`, `private_notes`, `materials`, `students_class` or `students_count`.
    pub field: String,
    pub value: String,
    pub note: String,
}

pub const AMENDABLE_FIELDS: &[&str] = &[
    "outcome",
    "summary",
    "private_notes",
    "materials",
    "students_class",
    "students_count",
];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Amendment {
    pub at: DateTime<Utc>,
    pub author_id: Option<String>,
    pub author_name: Option<String>,
    pub field: String,
    pub before_value: Option<String>,
    pub after_value: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RatingInput {
    pub score: i32,
    #[serde(default)]
    pub comment: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Rating {
    pub user_id: String,
    pub full_name: String,
    pub score: i32,
    pub comment: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// Everything about one session for its page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionDetail {
    #[serde(flatten)]
    pub session: Session,
    pub students_class: Option<String>,
    pub students_count: Option<i32>,
    pub outcome: Option<String>,
    pub summary: Option<String>,
    /// Present only for the session's tutors, coordinators and admins.
    pub private_notes: Option<String>,
    pub materials: Option<String>,
    /// Uploaded material files.
    pub files: Vec<crate::files::StoredFile>,
    pub held_at: Option<DateTime<Utc>>,
    /// Visible to tutors, coordinators and school administrators.
    pub registrations: Vec<Registration>,
    pub amendments: Vec<Amendment>,
    pub ratings: Vec<Rating>,
    pub average_rating: Option<f64>,
    /// May the caller edit, log, cancel the session?
    pub can_manage: bool,
}

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
    pub held_this_month: i64,
    /// ШНОР with no held or planned session this quarter.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workflow() {
        use RequestAction as A;
        use RequestStatus as S;
        assert_eq!(A::AskInfo.next(S::New), Some(S::NeedsInfo));
        assert_eq!(A::Answer.next(S::NeedsInfo), Some(S::New));
        assert_eq!(A::Accept.next(S::New), Some(S::Accepted));
        assert_eq!(A::Schedule.next(S::Accepted), Some(S::Scheduled));
        assert_eq!(A::Complete.next(S::Scheduled), Some(S::Done));
        assert_eq!(A::Accept.next(S::Done), None);
        assert_eq!(A::Cancel.next(S::Declined), None);
        assert_eq!(RequestAction::allowed_from(S::Done), vec![]);
        assert_eq!(
            RequestAction::allowed_from(S::NeedsInfo),
            vec![A::Answer, A::Decline, A::Cancel]
        );
    }

    #[test]
    fn labels() {
        assert_eq!(
            FormOfWork::parse("master_class"),
            Some(FormOfWork::MasterClass)
        );
        assert_eq!(FormOfWork::MasterClass.label_ru(), "Мастер-класс");
        assert!(FormOfWork::ALL.len() >= 11);
    }
}
