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
    pub subject_id: String,
    pub subject_name: String,
    pub position: Option<String>,
    /// Работает учителем в настоящее время.
    pub is_current_teacher: bool,
    /// Педагогический стаж, лет.
    pub experience_years: i32,
    /// Достижения (результаты учеников, конкурсы, публикации).
    pub achievements: Option<String>,
    /// Пользуется авторитетом у коллег.
    pub has_authority: bool,
    /// Готов оказывать методическую помощь.
    pub ready_to_help: bool,
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
    pub subject_id: String,
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
    pub justification: String,
}

impl NominationInput {
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
        if self.subject_id.trim().is_empty() {
            e.add("subject_id", "required", "Выберите предмет");
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
