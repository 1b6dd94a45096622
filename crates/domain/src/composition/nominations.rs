//! Nominations of teachers to the tutor community by their schools.

use super::*;

/// A school's nomination of a teacher to the composition (000 §4.2) with the
/// eligibility criteria (§4.3).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Nomination {
    pub id: String,
    pub municipality_id: String,
    pub academic_year_id: String,
    pub school_id: String,
    pub school_name: String,
    pub teacher_user_id: Option<String>,
    pub full_name: String,
    /// The first subject (`subjects[0]`).
    pub subject_id: String,
    pub subject_name: String,
    /// Every subject of the nomination, in the order given.
    pub subjects: Vec<IdName>,
    pub position: Option<String>,
    /// The six criteria of 000 §4.3. «Является действующим учителем-предметником».
    pub is_current_teacher: bool,
    /// «Обладает большим опытом работы в должности учителя»: стаж, лет.
    pub experience_years: i32,
    /// «Имеет высокие достижения в профессиональной деятельности».
    pub achievements: Option<String>,
    /// «Обладает авторитетом в профессиональном сообществе».
    pub has_authority: bool,
    /// «Способен оказывать методическую помощь коллегам».
    pub ready_to_help: bool,
    /// «Готов осуществлять функции тьютора».
    pub ready_to_tutor: bool,
    /// Обоснование выдвижения.
    pub justification: String,
    pub status: NominationStatus,
    pub decision_reason: Option<String>,
    pub decided_by: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
    /// The member created on approval.
    pub member_id: Option<String>,
    #[serde(flatten)]
    pub meta: Meta,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NominationInput {
    /// Default: the caller's school (school administrators may nominate only for it).
    #[serde(default)]
    pub school_id: Option<String>,
    /// Default: the current academic year.
    #[serde(default)]
    pub academic_year_id: Option<String>,
    /// A teacher of that school with an account…
    #[serde(default)]
    pub teacher_user_id: Option<String>,
    /// …or the full name of a teacher without one.
    #[serde(default)]
    pub full_name: Option<String>,
    /// One subject (kept for older clients; `subject_ids` wins when given).
    #[serde(default)]
    pub subject_id: String,
    /// Every subject of the nomination («Русский язык», «Литература»).
    #[serde(default)]
    pub subject_ids: Vec<String>,
    #[serde(default)]
    pub position: Option<String>,
    #[serde(default)]
    pub is_current_teacher: bool,
    #[serde(default)]
    pub experience_years: i32,
    #[serde(default)]
    pub achievements: Option<String>,
    #[serde(default)]
    pub has_authority: bool,
    #[serde(default)]
    pub ready_to_help: bool,
    #[serde(default)]
    pub ready_to_tutor: bool,
    pub justification: String,
}

impl NominationInput {
    /// The subject ids: `subject_ids` when given, else `subject_id`; trimmed, without
    /// blanks and repeats.
    pub fn subjects(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let given: Vec<&String> = if self.subject_ids.is_empty() {
            vec![&self.subject_id]
        } else {
            self.subject_ids.iter().collect()
        };
        for s in given
            .into_iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
        {
            if !out.iter().any(|o| o == s) {
                out.push(s.to_string());
            }
        }
        out
    }

    /// The field the subjects came in: `subject_ids`, or `subject_id` from older clients.
    pub fn subjects_field(&self) -> &'static str {
        if self.subject_ids.is_empty() {
            "subject_id"
        } else {
            "subject_ids"
        }
    }

    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        let has_teacher = self
            .teacher_user_id
            .as_deref()
            .is_some_and(|s| !s.trim().is_empty());
        match &self.full_name {
            Some(n) if !n.trim().is_empty() => e.max_len("full_name", n, 300),
            _ if !has_teacher => e.add(
                "full_name",
                "required",
                "Выберите учителя или впишите его ФИО полностью",
            ),
            _ => {}
        }
        if self.subjects().is_empty() {
            e.add(
                self.subjects_field(),
                "required",
                "Выберите хотя бы один предмет",
            );
        }
        if let Some(p) = &self.position {
            e.max_len("position", p, 300);
        }
        if !(0..=70).contains(&self.experience_years) {
            e.add(
                "experience_years",
                "out_of_range",
                "Стаж — целое число лет от 0 до 70",
            );
        }
        if let Some(a) = &self.achievements {
            e.max_len("achievements", a, 4000);
        }
        e.required("justification", &self.justification, 4000);
        e.finish()
    }
}

/// Filters of the nominations list.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct NominationFilter {
    #[cfg_attr(feature = "openapi", param(inline))]
    pub status: Option<NominationStatus>,
    pub school_id: Option<String>,
    pub academic_year_id: Option<String>,
    /// Page size, 1..=200 (default 50).
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

/// The coordinator's decision on a nomination.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NominationDecision {
    pub approve: bool,
    /// Required when declining.
    #[serde(default)]
    pub reason: Option<String>,
    /// Level of the member created on approval (default: municipal).
    #[serde(default)]
    pub level: Option<TutorLevel>,
}

impl NominationDecision {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        let reason = self.reason.as_deref().unwrap_or("");
        if !self.approve && reason.trim().is_empty() {
            e.add("reason", "required", "Укажите причину отклонения");
        }
        e.max_len("reason", reason, 2000);
        e.finish()
    }
}
