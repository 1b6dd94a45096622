//! The session log (журнал занятия): when it may be written, what it holds (attendance
//! of registered teachers, of the requesters and of walk-in participants, the pupils'
//! class for pupil audiences, academic hours, difficulties), and its amendments.

use super::*;
use crate::text::{past_tense, Gender};

/// Minutes in an academic hour, the unit of tutors' workload (000 §1.11).
pub const ACADEMIC_HOUR_MINUTES: i64 = 45;

/// The log opens when the session starts: before that a session has nothing to record.
pub fn log_open(starts_at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    now >= starts_at
}

/// Why a session that has not started cannot be logged; `when` is its local start.
pub fn not_started_message(when: &str) -> String {
    format!("Занятие начнётся {when}; журнал заполняется после начала")
}

/// The academic hours a session of this length counts for: its minutes over 45, to the
/// nearest half hour, at least half an hour (90 min → 2, 60 min → 1,5, 45 min → 1).
pub fn default_academic_hours(starts_at: DateTime<Utc>, ends_at: DateTime<Utc>) -> f64 {
    let minutes = (ends_at - starts_at).num_minutes().max(0);
    let halves = (minutes as f64 * 2.0 / ACADEMIC_HOUR_MINUTES as f64).round();
    (halves / 2.0).max(0.5)
}

/// Academic hours as Russian text: «2», «1,5».
pub fn hours_ru(h: f64) -> String {
    let s = format!("{h}");
    s.replace('.', ",")
}

/// «академический час» in the right form for `h`.
pub fn hours_word(h: f64) -> &'static str {
    if h.fract() != 0.0 {
        "академического часа"
    } else {
        crate::text::plural(
            h as i64,
            "академический час",
            "академических часа",
            "академических часов",
        )
    }
}

impl Audience {
    /// Whether pupils are in the audience: only then the log asks for their class.
    pub fn has_pupils(self) -> bool {
        matches!(self, Audience::Students | Audience::TeachersAndStudents)
    }
}

/// Someone who came without registering, added by the tutor in the log.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct WalkInInput {
    /// «Фамилия Имя Отчество».
    pub full_name: String,
    /// The school as written (optional).
    #[serde(default)]
    pub school: Option<String>,
    /// The position (optional): «учитель математики».
    #[serde(default)]
    pub position: Option<String>,
}

/// A walk-in participant of a held session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WalkIn {
    pub id: String,
    pub full_name: String,
    pub school: Option<String>,
    pub position: Option<String>,
}

/// A requester of a request the session answers: the participant of an individual form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Requester {
    pub user_id: String,
    pub full_name: String,
    pub school_name: Option<String>,
    /// Marked in the log (none before it).
    pub attended: Option<bool>,
}

/// A request the session answers, by its topic.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LinkedRequest {
    pub id: String,
    pub topic: String,
    pub school_name: Option<String>,
}

/// The log of a held session (журнал занятия).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SessionLogInput {
    /// Who came: registered teachers and the requesters of the linked requests.
    #[serde(default)]
    pub attended_user_ids: Vec<String>,
    /// Came without registering.
    #[serde(default)]
    pub walk_ins: Vec<WalkInInput>,
    /// Pupils (audiences with pupils only): class and count, never names.
    #[serde(default)]
    pub students_class: Option<String>,
    #[serde(default)]
    pub students_count: Option<i32>,
    /// Academic hours (45 min) counted for the tutors; default: from the start and end.
    #[serde(default)]
    pub academic_hours: Option<f64>,
    pub outcome: String,
    /// «Трудности, возникшие при взаимодействии с педагогами».
    #[serde(default)]
    pub difficulties: Option<String>,
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

/// 422 text unless `h` is a whole number of half academic hours from 0,5 to 24.
pub fn check_academic_hours(h: f64) -> Result<(), &'static str> {
    if !(0.5..=24.0).contains(&h) || (h * 2.0).fract() != 0.0 {
        Err("Академических часов — от 0,5 до 24, с шагом 0,5")
    } else {
        Ok(())
    }
}

impl SessionLogInput {
    /// The log of a session for this audience: the pupils' class is asked (and required)
    /// only when pupils are in it.
    pub fn validate(&self, audience: Audience) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        e.required("outcome", &self.outcome, 4000);
        let class = self.students_class.as_deref().unwrap_or("").trim();
        if audience.has_pupils() {
            if class.is_empty() {
                e.add(
                    "students_class",
                    "required",
                    "Укажите класс обучающихся: например, 9 «Б»",
                );
            }
            e.max_len("students_class", class, 50);
        } else {
            if !class.is_empty() {
                e.add(
                    "students_class",
                    "not_allowed",
                    "Обучающихся среди участников нет: класс не указывают",
                );
            }
            if self.students_count.is_some() {
                e.add(
                    "students_count",
                    "not_allowed",
                    "Обучающихся среди участников нет: их число не указывают",
                );
            }
        }
        if let Some(c) = self.students_count {
            if !(0..=1000).contains(&c) {
                e.add(
                    "students_count",
                    "out_of_range",
                    "Количество обучающихся — от 0 до 1000",
                );
            }
        }
        if let Some(h) = self.academic_hours {
            if let Err(m) = check_academic_hours(h) {
                e.add("academic_hours", "out_of_range", m);
            }
        }
        if let Some(d) = &self.difficulties {
            e.max_len("difficulties", d, 4000);
        }
        if self.walk_ins.len() > 200 {
            e.add(
                "walk_ins",
                "too_many",
                "Не больше 200 участников без записи",
            );
        }
        for (i, w) in self.walk_ins.iter().enumerate() {
            let f = format!("walk_ins[{i}].full_name");
            e.required(&f, &w.full_name, 300);
            if let Some(s) = &w.school {
                e.max_len(&format!("walk_ins[{i}].school"), s, 300);
            }
            if let Some(p) = &w.position {
                e.max_len(&format!("walk_ins[{i}].position"), p, 300);
            }
        }
        e.finish()
    }
}

/// «присутствовал», «присутствовала» or «присутствовал(а)» about a person.
pub fn attended_ru(full_name: &str, attended: bool) -> String {
    past_tense(
        full_name,
        if attended {
            "присутствовал"
        } else {
            "отсутствовал"
        },
    )
}

/// «Отметил(а)» about the one who wrote the log, by their gender.
pub fn marked_by_ru(g: Option<Gender>) -> &'static str {
    match g {
        Some(Gender::Male) => "отметил",
        Some(Gender::Female) => "отметила",
        None => "отметил(а)",
    }
}

/// A later correction of a held session's log.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AmendmentInput {
    /// One of [`AMENDABLE_FIELDS`].
    pub field: String,
    pub value: String,
    pub note: String,
}

pub const AMENDABLE_FIELDS: &[&str] = &[
    "outcome",
    "summary",
    "private_notes",
    "materials",
    "difficulties",
    "students_class",
    "students_count",
    "academic_hours",
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

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 2, h, m, 0).unwrap()
    }

    #[test]
    fn the_log_opens_at_the_start() {
        assert!(!log_open(t(10, 0), t(9, 59)));
        assert!(log_open(t(10, 0), t(10, 0)));
        assert!(log_open(t(10, 0), t(12, 0)));
    }

    #[test]
    fn academic_hours_from_the_length() {
        assert_eq!(default_academic_hours(t(10, 0), t(11, 30)), 2.0);
        assert_eq!(default_academic_hours(t(10, 0), t(10, 45)), 1.0);
        assert_eq!(default_academic_hours(t(10, 0), t(11, 0)), 1.5);
        assert_eq!(default_academic_hours(t(10, 0), t(10, 10)), 0.5);
        assert_eq!(hours_ru(1.5), "1,5");
        assert_eq!(hours_ru(2.0), "2");
        assert_eq!(hours_word(2.0), "академических часа");
        assert_eq!(hours_word(1.5), "академического часа");
        assert!(check_academic_hours(1.5).is_ok());
        assert!(check_academic_hours(1.3).is_err());
        assert!(check_academic_hours(0.0).is_err());
    }

    #[test]
    fn the_class_is_asked_only_for_pupils() {
        let log = SessionLogInput {
            outcome: "Разобрали".into(),
            ..Default::default()
        };
        assert!(log.validate(Audience::Teachers).is_ok());
        let fields = |r: Result<(), Vec<FieldError>>| {
            r.err()
                .unwrap_or_default()
                .into_iter()
                .map(|f| f.field)
                .collect::<Vec<_>>()
        };
        assert_eq!(fields(log.validate(Audience::Students)), ["students_class"]);
        let with_class = SessionLogInput {
            students_class: Some("9 Б".into()),
            students_count: Some(20),
            ..log.clone()
        };
        assert!(with_class.validate(Audience::TeachersAndStudents).is_ok());
        assert_eq!(
            fields(with_class.validate(Audience::Teachers)),
            ["students_class", "students_count"]
        );
        let walk_in = SessionLogInput {
            walk_ins: vec![WalkInInput::default()],
            academic_hours: Some(1.2),
            ..log
        };
        assert_eq!(
            fields(walk_in.validate(Audience::Teachers)),
            ["academic_hours", "walk_ins[0].full_name"]
        );
    }

    #[test]
    fn agreement_about_a_person() {
        assert_eq!(
            attended_ru("Петрова Анна Сергеевна", true),
            "присутствовала"
        );
        assert_eq!(attended_ru("Петров Олег Ильич", false), "отсутствовал");
        assert_eq!(attended_ru("Петрова А. С.", true), "присутствовал(а)");
        assert_eq!(marked_by_ru(Some(Gender::Female)), "отметила");
    }
}
