//! The schedule: sessions, registrations, the session log, amendments, ratings.

use super::*;

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
    /// The activity type of the form (000 §5.1).
    pub activity: ActivityType,
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
    /// Who may register (group forms).
    pub open_to: OpenTo,
    /// The schools named when `open_to` is `schools`, by short name.
    pub target_schools: Vec<SchoolRef>,
    /// Whether the targeting admits the caller's school.
    pub open_to_me: bool,
    pub status: SessionStatus,
    pub cancel_reason: Option<String>,
    /// The consultation point the session is held at, if any.
    pub consultation_point_id: Option<String>,
    pub consultation_point_name: Option<String>,
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
    /// The consultation point (of the session's municipality) it is held at.
    #[serde(default)]
    pub consultation_point_id: Option<String>,
    /// Who may register for a group session (default: everyone of the municipality).
    #[serde(default)]
    pub open_to: Option<OpenTo>,
    /// For `open_to = schools`: the schools whose teachers may register.
    #[serde(default)]
    pub target_school_ids: Vec<String>,
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

/// Whether `s` is an http(s) address with a host and no spaces.
pub fn is_web_url(s: &str) -> bool {
    let lower = s.to_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    let Some(rest) = rest else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit('@').next().unwrap_or("");
    let name = host.split(':').next().unwrap_or("");
    !name.is_empty()
        && !name.starts_with('.')
        && !name.ends_with('.')
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '.' || c == '-' || c == '[' || c == ']')
        && !s.chars().any(char::is_whitespace)
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
        if let Some(link) = self.online_link.as_deref().map(str::trim) {
            if !link.is_empty() && !is_web_url(link) {
                e.add(
                    "online_link",
                    "invalid_url",
                    "Ссылка должна быть адресом в интернете: http://… или https://…",
                );
            }
        }
        if let Some(s) = self.seats {
            if !(1..=500).contains(&s) {
                e.add("seats", "out_of_range", "Мест — от 1 до 500");
            }
        }
        self.validate_participation(&mut e);
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

impl SessionInput {
    /// An individual form has one participant — the requester: no seats, no targeting,
    /// at most one request. Targeting named schools names at least one.
    fn validate_participation(&self, e: &mut Errors) {
        let open_to = self.open_to.unwrap_or(OpenTo::All);
        if let Some(form) = self.form.filter(|f| f.is_individual()) {
            if self.seats.is_some_and(|s| s > 1) {
                e.add(
                    "seats",
                    "individual_form",
                    format!(
                        "«{}» — индивидуальная форма: участник один",
                        form.label_ru()
                    ),
                );
            }
            if self.request_ids.len() > 1 {
                e.add(
                    "request_ids",
                    "individual_form",
                    "Индивидуальное занятие отвечает на одну заявку: его участник — её автор",
                );
            }
            if open_to != OpenTo::All {
                e.add(
                    "open_to",
                    "individual_form",
                    "Ограничение записи — для групповых форм; на индивидуальное занятие не записываются",
                );
            }
        }
        if open_to == OpenTo::Schools && self.target_school_ids.is_empty() {
            e.add("target_school_ids", "required", "Выберите школы");
        }
        if open_to != OpenTo::Schools && !self.target_school_ids.is_empty() {
            e.add(
                "target_school_ids",
                "not_allowed",
                "Школы выбирают, когда запись открыта только для выбранных школ",
            );
        }
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
    /// Sessions of the forms of one activity type.
    pub activity: Option<ActivityType>,
    pub status: Option<SessionStatus>,
    /// Sessions held at this consultation point.
    pub consultation_point_id: Option<String>,
    /// The sessions of one series (a request answered by a series lists them).
    pub series_id: Option<String>,
    /// Sessions of this municipality (within the caller's reach).
    pub municipality_id: Option<String>,
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
    /// Academic hours counted for the tutors (set by the log).
    pub academic_hours: Option<f64>,
    /// What the academic hours default to: the length over 45 minutes.
    pub default_academic_hours: f64,
    pub outcome: Option<String>,
    /// «Трудности, возникшие при взаимодействии с педагогами».
    pub difficulties: Option<String>,
    pub summary: Option<String>,
    /// Present only for the session's tutors, coordinators and admins.
    pub private_notes: Option<String>,
    pub materials: Option<String>,
    /// Uploaded material files.
    pub files: Vec<crate::files::StoredFile>,
    pub held_at: Option<DateTime<Utc>>,
    /// Visible to tutors, coordinators and school administrators.
    pub registrations: Vec<Registration>,
    /// The requests the session answers, by topic (those the caller may see).
    pub linked_requests: Vec<LinkedRequest>,
    /// The requesters of those requests: they attend without registering. Seen by those
    /// who see registrations.
    pub requesters: Vec<Requester>,
    /// Participants who came without registering (seen by those who see registrations).
    pub walk_ins: Vec<WalkIn>,
    /// Everyone present by the log: registered, requesters and walk-ins.
    pub attended_count: i64,
    /// Whether the log may be written now (the session has started).
    pub log_open: bool,
    pub amendments: Vec<Amendment>,
    pub ratings: Vec<Rating>,
    pub average_rating: Option<f64>,
    /// May the caller edit, log, cancel the session?
    pub can_manage: bool,
}

/// Whose busy times to show and over which days (`GET /sessions/busy`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct BusyFilter {
    /// Tutor user ids, comma-separated.
    pub tutor_ids: String,
    /// First day (in each tutor's local calendar).
    pub from: NaiveDate,
    /// Last day, inclusive (at most 366 days after `from`).
    pub to: NaiveDate,
}

impl BusyFilter {
    /// The tutor ids, trimmed, without duplicates.
    pub fn ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = self
            .tutor_ids
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        ids.sort();
        ids.dedup();
        ids
    }

    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        let n = self.ids().len();
        if n == 0 {
            e.add("tutor_ids", "required", "Укажите тьюторов");
        } else if n > 20 {
            e.add("tutor_ids", "too_many", "Не больше 20 тьюторов за раз");
        }
        if self.to < self.from {
            e.add("to", "invalid_period", "Конец периода раньше начала");
        } else if (self.to - self.from).num_days() > 366 {
            e.add("to", "too_long", "Период — не больше года");
        }
        e.finish()
    }
}

/// A time a tutor is taken by a session that is not cancelled.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BusySlot {
    pub tutor_id: String,
    pub tutor_name: String,
    pub session_id: String,
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// «ДД.ММ.ГГГГ ЧЧ:ММ–ЧЧ:ММ» in the tutor's local time (the zone of their municipality).
    pub local_time: String,
    /// The IANA zone `local_time` is in.
    pub time_zone: String,
}

/// Where an in-person session takes a room: its municipality, its consultation point (if
/// any) and the room as typed.
#[derive(Debug, Clone, Copy)]
pub struct RoomAt<'a> {
    pub municipality_id: &'a str,
    pub point_id: Option<&'a str>,
    pub place: &'a str,
}

impl RoomAt<'_> {
    /// One room: the same municipality, not two different consultation points, and the
    /// same room however it is typed ([`crate::text::room_key`]); a blank place takes no
    /// room (a point has several rooms).
    pub fn same_room(&self, other: &RoomAt) -> bool {
        let key = crate::text::room_key(self.place);
        !key.is_empty()
            && self.municipality_id == other.municipality_id
            && match (self.point_id, other.point_id) {
                (Some(a), Some(b)) => a == b,
                _ => true,
            }
            && key == crate::text::room_key(other.place)
    }
}

#[cfg(test)]
mod room_tests {
    use super::RoomAt;

    fn at<'a>(m: &'a str, point: Option<&'a str>, place: &'a str) -> RoomAt<'a> {
        RoomAt {
            municipality_id: m,
            point_id: point,
            place,
        }
    }

    #[test]
    fn rooms_clash_only_in_one_building() {
        let a = at("m1", Some("p1"), "каб. 5");
        assert!(a.same_room(&at("m1", Some("p1"), "Каб.5")));
        assert!(
            !a.same_room(&at("m1", Some("p2"), "каб. 5")),
            "another point"
        );
        assert!(
            !a.same_room(&at("m2", Some("p1"), "каб. 5")),
            "another municipality"
        );
        assert!(
            a.same_room(&at("m1", None, "каб 5")),
            "a place typed without the point"
        );
        assert!(!a.same_room(&at("m1", Some("p1"), "каб. 6")));
        assert!(!at("m1", Some("p1"), "").same_room(&at("m1", Some("p1"), "")));
    }
}
