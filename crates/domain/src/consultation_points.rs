//! Consultation points (тьюторские консультационные пункты, 000 §6.1–6.5): several per
//! municipality, each on the base of a school or of the education authority or its
//! methodological service, with a responsible head and the subjects it serves; and the
//! printable schedule of consultations by subject (002, item 3).

use crate::org::Meta;
use crate::problem::{Errors, FieldError};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A subject a point serves.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PointSubject {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConsultationPoint {
    pub id: String,
    pub municipality_id: String,
    /// «Консультационный пункт на базе МБОУ СОШ № 5».
    pub name: String,
    /// The school it works on the base of (000 §6.2), if a school.
    pub base_school_id: Option<String>,
    /// The base school's short name.
    pub base_school_name: Option<String>,
    /// The base when it is not a school: «управление образования», «МКУ ИМЦ».
    pub base_organisation: Option<String>,
    /// The responsible head (000 §6.4) when they have an account.
    pub head_user_id: Option<String>,
    /// The head's full name: the account's, or as typed when they have none.
    pub head_name: Option<String>,
    /// The subjects it serves, in Russian alphabetical order.
    pub subjects: Vec<PointSubject>,
    /// Address or room where consultations are held.
    pub address: Option<String>,
    pub note: Option<String>,
    #[serde(flatten)]
    pub meta: Meta,
}

impl ConsultationPoint {
    /// «МБОУ СОШ № 5» or the organisation typed in: what the point works on the base of.
    pub fn base_label(&self) -> String {
        self.base_school_name
            .clone()
            .or_else(|| self.base_organisation.clone())
            .unwrap_or_default()
    }

    pub fn to_input(&self) -> ConsultationPointInput {
        ConsultationPointInput {
            municipality_id: self.municipality_id.clone(),
            name: self.name.clone(),
            base_school_id: self.base_school_id.clone(),
            base_organisation: self.base_organisation.clone(),
            head_user_id: self.head_user_id.clone(),
            head_name: if self.head_user_id.is_some() {
                None
            } else {
                self.head_name.clone()
            },
            subject_ids: self.subjects.iter().map(|s| s.id.clone()).collect(),
            address: self.address.clone(),
            note: self.note.clone(),
            version: Some(self.meta.version),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ConsultationPointInput {
    /// Ignored on update (a point does not move between municipalities).
    pub municipality_id: String,
    pub name: String,
    /// A school of the municipality, or none when the base is `base_organisation`.
    #[serde(default)]
    pub base_school_id: Option<String>,
    #[serde(default)]
    pub base_organisation: Option<String>,
    /// A user of the municipality, or none when `head_name` is given.
    #[serde(default)]
    pub head_user_id: Option<String>,
    /// The head's full name when they have no account.
    #[serde(default)]
    pub head_name: Option<String>,
    #[serde(default)]
    pub subject_ids: Vec<String>,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
    /// Required on update.
    #[serde(default)]
    pub version: Option<i32>,
}

fn filled(v: &Option<String>) -> bool {
    v.as_deref().is_some_and(|s| !s.trim().is_empty())
}

impl ConsultationPointInput {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        if self.municipality_id.trim().is_empty() {
            e.add("municipality_id", "required", "Выберите муниципалитет");
        }
        e.required("name", &self.name, 300);
        match (
            filled(&self.base_school_id),
            filled(&self.base_organisation),
        ) {
            (false, false) => e.add(
                "base_school_id",
                "required",
                "Укажите базовую школу или организацию, на базе которой работает пункт",
            ),
            (true, true) => e.add(
                "base_organisation",
                "one_of",
                "Укажите либо базовую школу, либо другую организацию",
            ),
            _ => {}
        }
        match (filled(&self.head_user_id), filled(&self.head_name)) {
            (false, false) => e.add(
                "head_user_id",
                "required",
                "Укажите руководителя пункта: пользователя или ФИО",
            ),
            (true, true) => e.add(
                "head_name",
                "one_of",
                "Выберите пользователя или впишите ФИО — не то и другое сразу",
            ),
            _ => {}
        }
        for (field, v, max) in [
            ("base_organisation", &self.base_organisation, 300),
            ("head_name", &self.head_name, 200),
            ("address", &self.address, 500),
            ("note", &self.note, 2000),
        ] {
            if let Some(v) = v {
                e.max_len(field, v, max);
            }
        }
        if self.subject_ids.len() > 50 {
            e.add("subject_ids", "too_many", "Не больше 50 предметов");
        }
        e.finish()
    }
}

/// Filters of the consultation points list.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct ConsultationPointFilter {
    pub municipality_id: Option<String>,
    /// Points serving this subject.
    pub subject_id: Option<String>,
    pub include_archived: Option<bool>,
    /// Page size, 1..=200 (default 50).
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

/// The printable schedule of consultations (002: «график проведения консультаций …
/// по математике, русскому языку и начальным классам»).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct ScheduleQuery {
    /// Default: the caller's municipality.
    pub municipality_id: Option<String>,
    /// First day (local), inclusive.
    pub from: NaiveDate,
    /// Last day (local), inclusive; at most a year after `from`.
    pub to: NaiveDate,
    /// Comma-separated subject ids: only these subjects, grouped in this order
    /// (default: every subject, alphabetically, then sessions without a subject).
    pub subject_ids: Option<String>,
    pub consultation_point_id: Option<String>,
}

impl ScheduleQuery {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        if self.to < self.from {
            e.add("to", "invalid_period", "Конец периода раньше начала");
        } else if (self.to - self.from).num_days() > 366 {
            e.add("to", "too_long", "Период графика — не больше года");
        }
        e.finish()
    }

    /// The subject ids in the order given.
    pub fn subjects(&self) -> Vec<String> {
        self.subject_ids
            .as_deref()
            .unwrap_or("")
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    }
}

/// The schedule's title lines: «График проведения консультаций муниципальными
/// учителями-тьюторами» / «в Лабинском районе» / «с 01.02.2021 по 28.02.2021».
pub fn schedule_heading(in_phrase: &str, from: NaiveDate, to: NaiveDate) -> Vec<String> {
    vec![
        "График проведения консультаций муниципальными учителями-тьюторами".to_string(),
        in_phrase.to_string(),
        format!(
            "с {} по {}",
            crate::text::format_date_ru(from),
            crate::text::format_date_ru(to)
        ),
    ]
}

/// The schedule's columns (after «№ п/п»).
pub const SCHEDULE_COLUMNS: [&str; 7] = [
    "№ п/п",
    "Дата",
    "Время",
    "Форма работы",
    "Тема",
    "Тьютор",
    "Место проведения",
];

/// The group heading of sessions without a subject.
pub const NO_SUBJECT: &str = "Без предмета";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_point_needs_a_base_and_a_head() {
        let errs = ConsultationPointInput::default().validate().unwrap_err();
        let fields: Vec<_> = errs.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            vec!["municipality_id", "name", "base_school_id", "head_user_id"]
        );
        let ok = ConsultationPointInput {
            municipality_id: "m".into(),
            name: "КП".into(),
            base_organisation: Some("МКУ ИМЦ".into()),
            head_name: Some("Губанова Ирина Степановна".into()),
            ..Default::default()
        };
        assert!(ok.validate().is_ok());
    }

    #[test]
    fn subjects_keep_their_order() {
        let q = ScheduleQuery {
            subject_ids: Some("b, a,,c".into()),
            ..Default::default()
        };
        assert_eq!(q.subjects(), vec!["b", "a", "c"]);
    }
}
