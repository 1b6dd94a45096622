//! The review's records as they cross the API.

use super::{DocumentType, ReviewAction, ReviewStatus, Verdict};
use crate::problem::{Errors, FieldError};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// One criterion of a checklist.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    /// Stable code within the template («k1», «results»…).
    pub code: String,
    /// The requirement as the teacher reads it.
    pub title: String,
    /// What the expert checks.
    pub hint: String,
    /// The clause it rests on (ФГОС, ФОП, local act).
    pub basis: String,
    /// Weight in the score (1–10).
    pub weight: i32,
    /// A critical criterion «не соответствует» blocks acceptance.
    pub critical: bool,
    /// Ready remarks the expert may pick (the comment bank).
    #[serde(default)]
    pub comment_bank: Vec<String>,
}

/// A checklist template of a document type, in its version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewTemplate {
    pub document_type: DocumentType,
    pub document_type_label: String,
    /// 1 is the seeded default; each coordinator's edit makes the next.
    pub version: i32,
    pub criteria: Vec<Criterion>,
    pub updated_at: Option<DateTime<Utc>>,
    pub updated_by_name: Option<String>,
}

/// A new version of a template (based on `version`, the one the editor saw).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TemplateInput {
    pub version: i32,
    pub criteria: Vec<Criterion>,
}

impl TemplateInput {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        if self.criteria.is_empty() || self.criteria.len() > 40 {
            e.add(
                "criteria",
                "invalid_value",
                "В чек-листе от 1 до 40 критериев",
            );
        }
        for (i, c) in self.criteria.iter().enumerate() {
            let f = |n: &str| format!("criteria[{i}].{n}");
            e.required(&f("code"), &c.code, 40);
            e.required(&f("title"), &c.title, 500);
            e.max_len(&f("hint"), &c.hint, 2000);
            e.max_len(&f("basis"), &c.basis, 500);
            if !(1..=10).contains(&c.weight) {
                e.add(&f("weight"), "out_of_range", "Вес — от 1 до 10");
            }
            if self.criteria[..i]
                .iter()
                .any(|d| d.code.trim() == c.code.trim())
            {
                e.add(&f("code"), "duplicate", "Код критерия повторяется");
            }
            if c.comment_bank.len() > 30 {
                e.add(
                    &f("comment_bank"),
                    "too_long",
                    "Не больше 30 готовых замечаний",
                );
            }
        }
        e.finish()
    }
}

/// The expert's verdict and remark on one criterion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct VerdictEntry {
    pub code: String,
    /// `None`: not judged yet.
    pub verdict: Option<Verdict>,
    pub remark: Option<String>,
}

/// A document sent for review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Review {
    pub id: String,
    pub municipality_id: String,
    pub school_id: String,
    pub school_name: String,
    pub author_id: String,
    pub author_name: String,
    /// Submitted by the school administration for the school.
    pub for_school: bool,
    pub document_type: DocumentType,
    pub title: String,
    pub subject_id: Option<String>,
    pub subject_name: Option<String>,
    /// Grades as written: «5», «5–9».
    pub grades: Option<String>,
    pub academic_year_id: String,
    pub status: ReviewStatus,
    pub expert_id: Option<String>,
    pub expert_name: Option<String>,
    /// The expert works in the author's school and the coordinator confirmed it.
    pub same_school_confirmed: bool,
    /// When the expert declared no conflict of interest.
    pub no_conflict_declared_at: Option<DateTime<Utc>>,
    /// The current round (1 at submission; each resubmission adds one).
    pub round: i32,
    /// The template version the review's checklist was taken from.
    pub template_version: i32,
    pub due_on: Option<NaiveDate>,
    /// The request («экспертиза») this review answers.
    pub request_id: Option<String>,
    pub signed_at: Option<DateTime<Utc>>,
    pub status_changed_at: DateTime<Utc>,
    pub age_days: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

/// A document submitted for review.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ReviewInput {
    pub document_type: Option<DocumentType>,
    pub title: String,
    pub subject_id: Option<String>,
    pub grades: Option<String>,
    /// Coordinators name the school; teachers and school administrators submit for theirs.
    pub school_id: Option<String>,
    /// School administration: for the school as a whole.
    #[serde(default)]
    pub for_school: bool,
    /// A request of the form «экспертиза» this review answers.
    pub request_id: Option<String>,
}

impl ReviewInput {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        if self.document_type.is_none() {
            e.add("document_type", "required", "Выберите вид документа");
        }
        e.required("title", &self.title, 300);
        if let Some(g) = &self.grades {
            e.max_len("grades", g, 40);
        }
        e.finish()
    }
}

/// `GET /reviews` filters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct ReviewFilter {
    pub status: Option<ReviewStatus>,
    pub school_id: Option<String>,
    pub expert_id: Option<String>,
    pub document_type: Option<DocumentType>,
    /// Only those the caller submitted or is the expert of.
    pub mine: Option<bool>,
    /// Only open reviews unchanged for this many days.
    pub stale_days: Option<i64>,
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

/// One round: the verdicts of the expert on one submission.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewRound {
    pub number: i32,
    pub verdicts: Vec<VerdictEntry>,
    /// What the author wrote on resubmitting.
    pub author_comment: Option<String>,
    /// The criteria whose verdict or remark changed since the previous round.
    pub changed: Vec<String>,
    /// The criteria the previous round did not judge «соответствует» (to check again).
    pub to_recheck: Vec<String>,
    pub started_at: DateTime<Utc>,
}

/// The reasoned conclusion (мотивированное заключение).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewConclusion {
    pub text: String,
    pub recommendations: String,
    /// Only in the coordinator's rendering (and the expert's own).
    pub private_notes: Option<String>,
    pub signed_at: Option<DateTime<Utc>>,
    pub signed_by_name: Option<String>,
}

/// An edit of the conclusion (on the review's `version`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ConclusionInput {
    pub version: i32,
    pub text: String,
    pub recommendations: String,
    pub private_notes: Option<String>,
    /// Sign the conclusion off (the review must be accepted or rejected).
    #[serde(default)]
    pub sign: bool,
}

impl ConclusionInput {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        e.required("text", &self.text, 20_000);
        e.max_len("recommendations", &self.recommendations, 20_000);
        if let Some(p) = &self.private_notes {
            e.max_len("private_notes", p, 10_000);
        }
        e.finish()
    }
}

/// The expert's verdicts saved on the review's `version` (the current round).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct VerdictsInput {
    pub version: i32,
    pub verdicts: Vec<VerdictEntry>,
}

/// A workflow step.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ReviewTransition {
    pub action: Option<ReviewAction>,
    pub version: i32,
    pub comment: Option<String>,
    /// `assign`: the expert.
    pub expert_id: Option<String>,
    /// `assign`: the expert works in the author's school, and that is intended.
    #[serde(default)]
    pub confirm_same_school: bool,
    /// `start`: the expert declares no conflict of interest (required).
    #[serde(default)]
    pub no_conflict: bool,
    /// `assign`: the due date of the review.
    pub due_on: Option<NaiveDate>,
}

/// A step of a review's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewEvent {
    pub at: DateTime<Utc>,
    pub actor_id: Option<String>,
    pub actor_name: Option<String>,
    pub from_status: Option<ReviewStatus>,
    pub to_status: ReviewStatus,
    pub comment: Option<String>,
}

/// A review with its checklist snapshot, rounds, conclusion and the caller's actions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewDetail {
    pub review: Review,
    /// The checklist as of the template version the review took.
    pub criteria: Vec<Criterion>,
    /// Oldest first; the last is the current round.
    pub rounds: Vec<ReviewRound>,
    pub score: Option<i32>,
    pub conclusion: Option<ReviewConclusion>,
    pub history: Vec<ReviewEvent>,
    pub allowed_actions: Vec<ReviewAction>,
    /// The caller is the expert and may save verdicts now.
    pub can_judge: bool,
    /// The caller may edit the conclusion now.
    pub can_conclude: bool,
    pub files: Vec<crate::files::StoredFile>,
    pub can_change_files: bool,
}

/// Reviews per school (the coordinator's overview).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewSchoolCount {
    pub school_id: String,
    pub school_name: String,
    pub open: i64,
    pub accepted: i64,
    pub rejected: i64,
    /// Open and unchanged for 14 days or more.
    pub stale: i64,
}

/// A tutor who may be assigned as the expert of a review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExpertChoice {
    pub user_id: String,
    pub full_name: String,
    /// Works in the author's school (assign only with `confirm_same_school`).
    pub same_school: bool,
    /// Open reviews the tutor already holds.
    pub open_reviews: i64,
}
