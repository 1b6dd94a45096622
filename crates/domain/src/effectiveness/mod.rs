//! The October effectiveness review (plan item 15, 002 item 2: «анализ эффективности
//! деятельности тьюторского сообщества») and the effect analytics: what the community
//! did in an academic year — sessions by activity type and form, hours, teachers of
//! ШНОР/ШССУ reached, reviews completed, ИОМ steps done, materials published, ratings —
//! and how the failing share of the supported schools moved, next to similar schools
//! that received less. Every figure has a key the records behind it are listed by.

mod effect;

pub use effect::*;

use crate::community::{ActivityType, FormOfWork};
use crate::results::Procedure;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

crate::labelled_enum!(
    /// A figure of the review.
    Indicator {
        SessionsHeld = "sessions_held" => "Проведено мероприятий (занятий, консультаций)",
        Hours = "hours" => "Проведено часов (академических)",
        TeachersReached = "teachers_reached" => "Охвачено педагогов ШНОР/ШССУ",
        SchoolsSupported = "schools_supported" => "ШНОР/ШССУ получили сопровождение",
        ReviewsCompleted = "reviews_completed" => "Завершено экспертиз документов",
        TrajectoryStepsDone = "trajectory_steps_done" => "Выполнено шагов ИОМ",
        Ratings = "ratings" => "Получено оценок участников",
        MaterialsPublished = "materials_published" => "Опубликовано методических материалов",
    }
);

/// Which records a figure counts: an indicator, optionally narrowed to an activity type
/// or a form of work (sessions only). Written `sessions_held`, `sessions_held:activity:consulting`,
/// `sessions_held:form:group_consultation`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FigureKey {
    pub indicator: Indicator,
    pub activity: Option<ActivityType>,
    pub form: Option<FormOfWork>,
}

impl FigureKey {
    pub fn of(indicator: Indicator) -> Self {
        FigureKey {
            indicator,
            activity: None,
            form: None,
        }
    }

    pub fn parse(s: &str) -> Option<FigureKey> {
        let mut parts = s.split(':');
        let indicator = Indicator::parse(parts.next()?)?;
        let mut key = FigureKey::of(indicator);
        match (parts.next(), parts.next(), parts.next()) {
            (None, _, _) => {}
            (Some("activity"), Some(a), None) if indicator == Indicator::SessionsHeld => {
                key.activity = Some(ActivityType::parse(a)?)
            }
            (Some("form"), Some(f), None) if indicator == Indicator::SessionsHeld => {
                key.form = Some(FormOfWork::parse(f)?)
            }
            _ => return None,
        }
        Some(key)
    }

    pub fn text(&self) -> String {
        match (self.activity, self.form) {
            (Some(a), _) => format!("{}:activity:{}", self.indicator.as_str(), a.as_str()),
            (_, Some(f)) => format!("{}:form:{}", self.indicator.as_str(), f.as_str()),
            _ => self.indicator.as_str().to_string(),
        }
    }

    /// Whether a session of this form is counted by the key.
    pub fn counts_form(&self, form: Option<FormOfWork>) -> bool {
        match (self.activity, self.form) {
            (Some(a), _) => form.map(FormOfWork::activity) == Some(a),
            (_, Some(f)) => form == Some(f),
            _ => true,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct EffectivenessQuery {
    /// The municipality (a coordinator's own by default).
    pub municipality_id: Option<String>,
    /// The academic year reviewed (the current one by default).
    pub academic_year_id: Option<String>,
    /// The procedure whose failing share is compared (ВПР by default).
    pub procedure: Option<Procedure>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct RecordsQuery {
    pub municipality_id: Option<String>,
    pub academic_year_id: Option<String>,
    /// A figure's key, as the review gives it (`sessions_held:activity:consulting`).
    pub key: String,
}

/// One figure: a number, how it reads, and the key of the records behind it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Figure {
    pub key: String,
    pub label: String,
    pub value: f64,
    /// The value as printed («12», «37,5»).
    pub text: String,
}

impl Figure {
    pub fn count(key: FigureKey, label: &str, n: i64) -> Figure {
        Figure {
            key: key.text(),
            label: label.into(),
            value: n as f64,
            text: n.to_string(),
        }
    }

    pub fn decimal(key: FigureKey, label: &str, v: f64) -> Figure {
        Figure {
            key: key.text(),
            label: label.into(),
            value: v,
            text: decimal_ru(v),
        }
    }
}

/// A decimal with a comma and at most one digit after it («37,5», «12»).
pub fn decimal_ru(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}").replace('.', ",")
    }
}

/// The failing share of a group of schools in two consecutive years.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FailingChange {
    pub label: String,
    /// Schools of the group with results in both years.
    pub schools: i64,
    pub before: Option<f64>,
    pub after: Option<f64>,
    /// Percentage points, after − before.
    pub change: Option<f64>,
}

/// The review of one municipality and academic year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EffectivenessReview {
    pub municipality_id: String,
    pub municipality_name: String,
    pub academic_year_id: String,
    pub academic_year_name: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    /// The day the figures were read (in the municipality's zone).
    pub as_of: NaiveDate,
    /// The main figures, in the order of [`Indicator::ALL`].
    pub figures: Vec<Figure>,
    pub mean_rating: Option<f64>,
    /// Held sessions by activity type (every type listed).
    pub by_activity: Vec<Figure>,
    /// Held sessions by form of work (forms with sessions only).
    pub by_form: Vec<Figure>,
    pub procedure: Procedure,
    /// The year the failing share is compared with (the previous academic year).
    pub previous_year_name: Option<String>,
    /// Supported ШНОР/ШССУ, the other schools, the municipality.
    pub failing: Vec<FailingChange>,
}

crate::labelled_enum!(
    /// What a record behind a figure is.
    RecordKind {
        Session = "session" => "Занятие",
        Teacher = "teacher" => "Педагог",
        School = "school" => "Школа",
        Review = "review" => "Экспертиза",
        TrajectoryStep = "trajectory_step" => "Шаг ИОМ",
        Rating = "rating" => "Оценка",
        Material = "material" => "Методический материал",
    }
);

/// One record behind a figure, with the card it opens.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FigureRecord {
    pub kind: RecordKind,
    pub id: String,
    pub date: Option<NaiveDate>,
    pub title: String,
    pub detail: Option<String>,
    /// The SPA address of the record's card.
    pub href: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FigureRecords {
    pub key: String,
    pub label: String,
    pub records: Vec<FigureRecord>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_and_refuse_nonsense() {
        for s in [
            "sessions_held",
            "sessions_held:activity:consulting",
            "sessions_held:form:group_consultation",
            "hours",
        ] {
            assert_eq!(FigureKey::parse(s).map(|k| k.text()).as_deref(), Some(s));
        }
        for s in [
            "",
            "nope",
            "hours:activity:methodical",
            "sessions_held:activity:nope",
            "sessions_held:form",
            "sessions_held:form:group_consultation:x",
        ] {
            assert_eq!(FigureKey::parse(s), None, "{s}");
        }
    }

    #[test]
    fn a_key_counts_the_forms_of_its_activity() {
        let k = FigureKey::parse("sessions_held:activity:consulting").unwrap();
        let consulting = FormOfWork::ALL
            .iter()
            .find(|f| f.activity() == ActivityType::Consulting)
            .copied();
        assert!(k.counts_form(consulting));
        assert!(!k.counts_form(None));
        assert!(FigureKey::of(Indicator::SessionsHeld).counts_form(None));
    }

    #[test]
    fn decimals_read_in_russian() {
        assert_eq!(decimal_ru(12.0), "12");
        assert_eq!(decimal_ru(37.46), "37,5");
        assert_eq!(decimal_ru(-4.25), "-4,3");
    }
}
