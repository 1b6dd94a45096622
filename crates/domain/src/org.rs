//! The organisation registry: regions, municipalities, schools, subjects, academic years.

use crate::problem::{Errors, FieldError};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Fields every stored record carries (stable id, who/when created and changed, archive
/// mark, optimistic-lock version).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Meta {
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub created_by: Option<String>,
    pub updated_by: Option<String>,
    /// Set when the record was archived (deleted); archived records stay readable.
    pub archived_at: Option<DateTime<Utc>>,
    /// Increases on every change; send it back with an update to avoid overwriting
    /// someone else's change (409 `version_conflict` otherwise).
    pub version: i32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Region {
    pub id: String,
    pub name: String,
    /// Region code (код субъекта РФ), e.g. `23`.
    pub code: String,
    /// The region's time zone (IANA name, e.g. `Europe/Moscow`, `Asia/Yekaterinburg`):
    /// every date and time the server writes for its places is in it.
    pub time_zone: String,
    #[serde(flatten)]
    pub meta: Meta,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RegionInput {
    pub name: String,
    pub code: String,
    /// IANA time zone; unchanged when omitted.
    #[serde(default)]
    pub time_zone: Option<String>,
    /// Required on update: the version the change is based on.
    #[serde(default)]
    pub version: Option<i32>,
}

impl RegionInput {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        e.required("name", &self.name, 200);
        if !(1..=3).contains(&self.code.trim().len())
            || !self.code.trim().chars().all(|c| c.is_ascii_digit())
        {
            e.add("code", "invalid", "Код региона — от 1 до 3 цифр");
        }
        e.finish()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Municipality {
    pub id: String,
    pub region_id: String,
    pub name: String,
    /// The municipality's own time zone (IANA) where it differs from the region's.
    pub time_zone: Option<String>,
    /// The zone its dates and times are written in: its own, else the region's.
    pub effective_time_zone: String,
    /// The name in the prepositional case, as written after «в»: «Лабинском районе».
    pub name_prepositional: Option<String>,
    #[serde(flatten)]
    pub meta: Meta,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MunicipalityInput {
    pub name: String,
    /// Its own IANA time zone, when it differs from the region's (none: the region's).
    #[serde(default)]
    pub time_zone: Option<String>,
    /// The name in the prepositional case, as written after «в»: «Лабинском районе».
    #[serde(default)]
    pub name_prepositional: Option<String>,
    #[serde(default)]
    pub version: Option<i32>,
}

impl Municipality {
    /// «в Лабинском районе»: the prepositional name after «в» («во» before «в»/«ф» + consonant),
    /// or «— {name}» when the prepositional form is not recorded.
    pub fn in_phrase(&self) -> String {
        match self.name_prepositional.as_deref().map(str::trim) {
            Some(p) if !p.is_empty() => format!("{} {p}", crate::text::preposition_v(p)),
            _ => format!("— {}", self.name),
        }
    }
}

impl MunicipalityInput {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        e.required("name", &self.name, 200);
        if let Some(p) = &self.name_prepositional {
            e.max_len("name_prepositional", p, 200);
        }
        e.finish()
    }
}

/// A general-education school (ОО) with its support flags.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct School {
    pub id: String,
    pub municipality_id: String,
    /// Полное наименование, e.g. «Муниципальное общеобразовательное бюджетное учреждение …».
    pub full_name: String,
    /// Краткое наименование, e.g. «МОБУ СОШ № 3».
    pub short_name: String,
    pub address: Option<String>,
    /// ШНОР — школа с низкими образовательными результатами.
    pub is_low_results: bool,
    /// ШССУ — школа, функционирующая в сложных социальных условиях.
    pub is_difficult_conditions: bool,
    /// Участник проекта «500+».
    pub is_500plus: bool,
    /// Школа-наставник: supports other schools.
    pub is_mentor: bool,
    /// The mentor school that supports this one, if any.
    pub mentor_school_id: Option<String>,
    #[serde(flatten)]
    pub meta: Meta,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SchoolInput {
    /// Ignored on update (a school does not move between municipalities).
    pub municipality_id: String,
    pub full_name: String,
    pub short_name: String,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub is_low_results: bool,
    #[serde(default)]
    pub is_difficult_conditions: bool,
    #[serde(default)]
    pub is_500plus: bool,
    #[serde(default)]
    pub is_mentor: bool,
    #[serde(default)]
    pub mentor_school_id: Option<String>,
    /// Required on update: the version the change is based on.
    #[serde(default)]
    pub version: Option<i32>,
}

impl SchoolInput {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        if self.municipality_id.trim().is_empty() {
            e.add("municipality_id", "required", "Выберите муниципалитет");
        }
        e.required("full_name", &self.full_name, 500);
        e.required("short_name", &self.short_name, 150);
        if let Some(a) = &self.address {
            e.max_len("address", a, 500);
        }
        if self.is_mentor && self.mentor_school_id.is_some() {
            e.add(
                "mentor_school_id",
                "mentor_conflict",
                "Школа-наставник не может сама иметь наставника",
            );
        }
        e.finish()
    }

    /// Whether the support flags differ from the school's (only coordinators change them).
    pub fn changes_flags(&self, s: &School) -> bool {
        self.is_low_results != s.is_low_results
            || self.is_difficult_conditions != s.is_difficult_conditions
            || self.is_500plus != s.is_500plus
            || self.is_mentor != s.is_mentor
            || self.mentor_school_id != s.mentor_school_id
    }
}

impl School {
    /// The flags as the short labels the UI shows: ШНОР, ШССУ, 500+, наставник.
    pub fn flag_labels(&self) -> Vec<&'static str> {
        let mut v = flag_labels(
            self.is_low_results,
            self.is_difficult_conditions,
            self.is_500plus,
        );
        if self.is_mentor {
            v.push("Школа-наставник");
        }
        v
    }

    pub fn to_input(&self) -> SchoolInput {
        SchoolInput {
            municipality_id: self.municipality_id.clone(),
            full_name: self.full_name.clone(),
            short_name: self.short_name.clone(),
            address: self.address.clone(),
            is_low_results: self.is_low_results,
            is_difficult_conditions: self.is_difficult_conditions,
            is_500plus: self.is_500plus,
            is_mentor: self.is_mentor,
            mentor_school_id: self.mentor_school_id.clone(),
            version: Some(self.meta.version),
        }
    }
}

/// A school's support flags in one academic year and the document they rest on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SchoolYearFlags {
    pub id: String,
    pub school_id: String,
    pub academic_year_id: String,
    /// «2026/2027».
    pub academic_year_name: String,
    pub is_low_results: bool,
    pub is_difficult_conditions: bool,
    pub is_500plus: bool,
    /// Основание: the list or order, e.g. «Перечень ШНОР ФИОКО, письмо № 02-1234 от 15.02.2026».
    pub basis: Option<String>,
    #[serde(flatten)]
    pub meta: Meta,
}

impl SchoolYearFlags {
    /// The flags as the short labels the UI shows.
    pub fn labels(&self) -> Vec<&'static str> {
        flag_labels(
            self.is_low_results,
            self.is_difficult_conditions,
            self.is_500plus,
        )
    }
}

/// The short labels of the three support flags.
pub fn flag_labels(low: bool, difficult: bool, plus500: bool) -> Vec<&'static str> {
    [(low, "ШНОР"), (difficult, "ШССУ"), (plus500, "500+")]
        .into_iter()
        .filter_map(|(on, label)| on.then_some(label))
        .collect()
}

/// Sets a school's flags for one academic year.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SchoolYearFlagsInput {
    #[serde(default)]
    pub is_low_results: bool,
    #[serde(default)]
    pub is_difficult_conditions: bool,
    #[serde(default)]
    pub is_500plus: bool,
    #[serde(default)]
    pub basis: Option<String>,
    /// Required when the year already has flags: the version the change is based on.
    #[serde(default)]
    pub version: Option<i32>,
}

impl SchoolYearFlagsInput {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        if let Some(b) = &self.basis {
            e.max_len("basis", b, 500);
        }
        e.finish()
    }
}

/// Filters of the schools list (query string).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct SchoolFilter {
    /// Case-insensitive substring of the full or short name or the address.
    pub q: Option<String>,
    pub municipality_id: Option<String>,
    pub is_low_results: Option<bool>,
    pub is_difficult_conditions: Option<bool>,
    pub is_500plus: Option<bool>,
    pub is_mentor: Option<bool>,
    /// Include archived schools.
    pub include_archived: Option<bool>,
    /// `name` (Russian alphabetical, default) or `-name`.
    pub sort: Option<String>,
    /// Page size, 1..=200 (default 50).
    pub limit: Option<i64>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Subject {
    pub id: String,
    pub name: String,
    #[serde(flatten)]
    pub meta: Meta,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SubjectInput {
    pub name: String,
    #[serde(default)]
    pub version: Option<i32>,
}

impl SubjectInput {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        e.required("name", &self.name, 200);
        e.finish()
    }
}

/// The subjects the seed documents name, loaded by the first migration run.
pub const SEED_SUBJECTS: &[&str] = &[
    "Русский язык",
    "Литература",
    "Математика",
    "Алгебра",
    "Геометрия",
    "Информатика",
    "Физика",
    "Химия",
    "Биология",
    "География",
    "История",
    "Обществознание",
    "Английский язык",
    "Немецкий язык",
    "Иностранный язык",
    "Начальные классы",
    "Физическая культура",
    "ОБЖ",
    "Музыка",
    "Изобразительное искусство",
    "Технология",
    "Кубановедение",
    "Психология",
    "Финансовая грамотность",
];

/// An academic year, 1 September – 31 August.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AcademicYear {
    pub id: String,
    /// «2026/2027».
    pub name: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    /// Exactly one year is current.
    pub is_current: bool,
    #[serde(flatten)]
    pub meta: Meta,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AcademicYearInput {
    /// The calendar year the academic year starts in (2026 → 01.09.2026 – 31.08.2027).
    pub start_year: i32,
    #[serde(default)]
    pub is_current: bool,
    #[serde(default)]
    pub version: Option<i32>,
}

impl AcademicYearInput {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        if !(2000..=2100).contains(&self.start_year) {
            e.add("start_year", "out_of_range", "Год начала — от 2000 до 2100");
        }
        e.finish()
    }

    pub fn bounds(&self) -> (String, NaiveDate, NaiveDate) {
        academic_year_bounds(self.start_year)
    }
}

/// Name, first and last day of the academic year starting in `start_year`.
pub fn academic_year_bounds(start_year: i32) -> (String, NaiveDate, NaiveDate) {
    let start = NaiveDate::from_ymd_opt(start_year, 9, 1).unwrap_or_default();
    let end = NaiveDate::from_ymd_opt(start_year + 1, 8, 31).unwrap_or_default();
    (format!("{}/{}", start_year, start_year + 1), start, end)
}

/// The start year of the academic year containing `d`.
pub fn academic_start_year(d: NaiveDate) -> i32 {
    if d.month() >= 9 {
        d.year()
    } else {
        d.year() - 1
    }
}

/// A tutor attached (закреплён) to a school, or to one of its teachers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttachedTutor {
    /// The composition member.
    pub member_id: String,
    pub full_name: String,
    /// The teacher of the school the tutor is attached to (none: the whole school).
    pub teacher_name: Option<String>,
}

/// Who supports a school and whom it supports: the tutors attached to it or its teachers
/// (current composition), and, for a mentor school, the schools it accompanies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SchoolSupport {
    pub tutors: Vec<AttachedTutor>,
    pub mentored_schools: Vec<crate::community::SchoolRef>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn academic_year_runs_september_to_august() {
        let (name, s, e) = academic_year_bounds(2026);
        assert_eq!(name, "2026/2027");
        assert_eq!(s, NaiveDate::from_ymd_opt(2026, 9, 1).unwrap());
        assert_eq!(e, NaiveDate::from_ymd_opt(2027, 8, 31).unwrap());
        assert_eq!(
            academic_start_year(NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()),
            2026
        );
        assert_eq!(
            academic_start_year(NaiveDate::from_ymd_opt(2027, 5, 1).unwrap()),
            2026
        );
    }

    #[test]
    fn school_validation_names_fields() {
        let errs = SchoolInput::default().validate().unwrap_err();
        let fields: Vec<_> = errs.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, vec!["municipality_id", "full_name", "short_name"]);
    }
}
