//! Requests from schools and teachers, their workflow and tutor suggestions.

use super::*;

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

impl RequestStatus {
    /// The statuses of a request still in work.
    pub const OPEN: [RequestStatus; 4] = [
        RequestStatus::New,
        RequestStatus::NeedsInfo,
        RequestStatus::Accepted,
        RequestStatus::Scheduled,
    ];

    /// Whether the request is still in work (not done, declined or withdrawn).
    pub fn is_open(self) -> bool {
        RequestStatus::OPEN.contains(&self)
    }

    /// The stored codes of [`RequestStatus::OPEN`], for queries.
    pub fn open_codes() -> [&'static str; 4] {
        RequestStatus::OPEN.map(RequestStatus::as_str)
    }
}

labelled_enum!(
    /// How a request reached the consultation point.
    RequestChannel {
        Platform = "platform" => "Через платформу",
        Letter = "letter" => "Письмо",
        Phone = "phone" => "Телефон",
        Email = "email" => "Электронная почта",
        InPerson = "in_person" => "Лично",
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
    /// How it arrived: through the platform, or by letter, phone, … (then a coordinator
    /// registered it on the school's behalf and is its author, `requester_*`).
    pub channel: RequestChannel,
    /// The day a letter or call was received (requests registered on a school's behalf).
    pub received_on: Option<NaiveDate>,
    /// Who wrote or called, as told (requests registered on a school's behalf).
    pub contact: Option<String>,
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
    /// The series answering the request: it is done when the series is.
    pub series_id: Option<String>,
    pub decline_reason: Option<String>,
    pub status_changed_at: DateTime<Utc>,
    /// Days since the last status change.
    pub age_days: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl Request {
    /// The day a session answering the request is first proposed on: the first working
    /// day (Monday–Friday) of the desired period that is not before `today`; `today`
    /// when the request names no period or the period has passed.
    pub fn suggested_date(&self, today: NaiveDate) -> NaiveDate {
        first_working_day(self.period_from, self.period_to, today).unwrap_or(today)
    }
}

/// The first Monday–Friday on or after both `from` and `today` and not after `to`.
pub fn first_working_day(
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    today: NaiveDate,
) -> Option<NaiveDate> {
    use chrono::{Datelike, Weekday};
    let mut d = from.map_or(today, |f| f.max(today));
    while matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
        d = d.succ_opt()?;
    }
    match to {
        Some(t) if d > t => None,
        _ => Some(d),
    }
}

#[cfg(test)]
mod suggested_date_tests {
    use super::first_working_day;
    use chrono::NaiveDate;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn first_working_day_of_the_period_not_in_the_past() {
        // A period starting on Saturday 10.10.2026, asked on 01.10: Monday 12.10.
        assert_eq!(
            first_working_day(Some(d(2026, 10, 10)), Some(d(2026, 10, 30)), d(2026, 10, 1)),
            Some(d(2026, 10, 12))
        );
        // The period has begun: today (a Wednesday) is the first day not in the past.
        assert_eq!(
            first_working_day(Some(d(2026, 9, 1)), Some(d(2026, 10, 30)), d(2026, 10, 7)),
            Some(d(2026, 10, 7))
        );
        // Today is Sunday: the next Monday.
        assert_eq!(
            first_working_day(None, None, d(2026, 10, 4)),
            Some(d(2026, 10, 5))
        );
        // The period is over, or only a weekend of it is left.
        assert_eq!(
            first_working_day(Some(d(2026, 9, 1)), Some(d(2026, 9, 30)), d(2026, 10, 7)),
            None
        );
        assert_eq!(
            first_working_day(None, Some(d(2026, 10, 4)), d(2026, 10, 3)),
            None
        );
    }
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
    /// Coordinators: the school a request is registered for (it then belongs to the
    /// school as a whole).
    #[serde(default)]
    pub school_id: Option<String>,
    /// Coordinators: how the request arrived (letter, phone, e-mail, in person).
    #[serde(default)]
    pub channel: Option<RequestChannel>,
    /// Coordinators: the day the letter or call was received.
    #[serde(default)]
    pub received_on: Option<NaiveDate>,
    /// Coordinators: who wrote or called («зам. директора по УВР Иванова И.И.»).
    #[serde(default)]
    pub contact: Option<String>,
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

    /// A request registered on a school's behalf: the school, a channel other than the
    /// platform, and a day received that is not in the future.
    pub fn validate_on_behalf(&self, today: NaiveDate) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        if self.school_id.as_deref().unwrap_or("").trim().is_empty() {
            e.add(
                "school_id",
                "required",
                "Выберите школу, от которой поступила заявка",
            );
        }
        match self.channel {
            None => e.add(
                "channel",
                "required",
                "Укажите, как поступила заявка: письмо, телефон, почта или лично",
            ),
            Some(RequestChannel::Platform) => e.add(
                "channel",
                "invalid",
                "Заявку «через платформу» подаёт сама школа; укажите письмо, телефон, почту или «лично»",
            ),
            Some(_) => {}
        }
        match self.received_on {
            None => e.add("received_on", "required", "Укажите дату поступления"),
            Some(d) if d > today => e.add(
                "received_on",
                "in_future",
                format!(
                    "Дата поступления позже сегодняшней ({})",
                    crate::text::format_date_ru(today)
                ),
            ),
            Some(_) => {}
        }
        if let Some(c) = &self.contact {
            e.max_len("contact", c, 300);
        }
        e.finish()
    }

    /// Fields only coordinators fill, when someone else sent them.
    pub fn validate_own(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        for (field, set) in [
            (
                "channel",
                self.channel.is_some_and(|c| c != RequestChannel::Platform),
            ),
            ("received_on", self.received_on.is_some()),
            ("contact", self.contact.is_some()),
        ] {
            if set {
                e.add(
                    field,
                    "not_allowed",
                    "Это поле заполняет координатор, регистрируя заявку от имени школы",
                );
            }
        }
        e.finish()
    }

    /// The desired period against the calendar: it may not end before `today` nor begin
    /// before the current academic year (which starts on `year_starts_on`).
    pub fn validate_period(
        &self,
        today: NaiveDate,
        year_starts_on: NaiveDate,
    ) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        if let Some(a) = self.period_from {
            if a < year_starts_on {
                e.add(
                    "period_from",
                    "past_period",
                    format!(
                        "Начало периода — в прошлом учебном году: текущий начался {}",
                        crate::text::format_date_ru(year_starts_on)
                    ),
                );
            }
        }
        if let Some(b) = self.period_to {
            if b < today {
                e.add(
                    "period_to",
                    "past_period",
                    format!(
                        "Период уже прошёл: конец раньше сегодняшнего дня ({})",
                        crate::text::format_date_ru(today)
                    ),
                );
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
    /// Documents attached to the request: the work sent for an expert review, a letter
    /// received, a programme to discuss.
    #[serde(default)]
    pub files: Vec<crate::files::StoredFile>,
    /// Whether the caller may add and remove those documents now.
    #[serde(default)]
    pub can_change_files: bool,
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

/// The day a session answering a request is first offered on: the earliest day from
/// tomorrow that lies in the desired period (its first day when it is ahead), never a
/// Sunday; tomorrow when the period is unknown or over.
pub fn suggested_session_date(
    today: NaiveDate,
    period_from: Option<NaiveDate>,
    period_to: Option<NaiveDate>,
) -> NaiveDate {
    use chrono::{Datelike, Duration, Weekday};
    let skip_sunday = |d: NaiveDate| {
        if d.weekday() == Weekday::Sun {
            d + Duration::days(1)
        } else {
            d
        }
    };
    let tomorrow = today + Duration::days(1);
    let d = skip_sunday(period_from.map_or(tomorrow, |f| f.max(tomorrow)));
    match period_to {
        Some(to) if to < tomorrow => skip_sunday(tomorrow),
        Some(to) if d > to => to,
        _ => d,
    }
}
