//! The composition of the municipal tutor community (состав сообщества, 000 Прил. 1):
//! members, the orders that approve and amend the composition, schools' nominations
//! (000 §4.2-4.3), attachment of tutors to schools and teachers (закрепление), and the
//! import of the appendix table.

use crate::labelled_enum;
use crate::org::Meta;
use crate::problem::{Errors, FieldError};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

labelled_enum!(
    /// Tutor level (000 §3.4).
    TutorLevel {
        Federal = "federal" => "Федеральный",
        Regional = "regional" => "Региональный",
        Municipal = "municipal" => "Муниципальный",
        School = "school" => "Школьный",
    }
);

labelled_enum!(
    /// Where a member stands: nominated members are edited freely; approved and excluded
    /// ones change only by an order.
    MemberStatus {
        Nominated = "nominated" => "Выдвинут",
        Approved = "approved" => "Утверждён",
        Excluded = "excluded" => "Исключён",
    }
);

labelled_enum!(
    /// Kind of order (приказ) on the composition.
    OrderKind {
        Approve = "approve" => "Об утверждении состава",
        Amend = "amend" => "О внесении изменений",
    }
);

labelled_enum!(
    /// State of a school's nomination.
    NominationStatus {
        Pending = "pending" => "На рассмотрении",
        Approved = "approved" => "Одобрено",
        Declined = "declined" => "Отклонено",
    }
);

labelled_enum!(
    /// Format of an imported table.
    ImportFormat {
        /// Base64 of an .xlsx file.
        Xlsx = "xlsx" => "Excel (XLSX)",
        /// CSV text (`;`, `,` or tab separated).
        Csv = "csv" => "CSV",
        /// A table pasted from Word or Excel: columns separated by tabs or 2+ spaces.
        Text = "text" => "Вставленный текст",
    }
);

/// An id with its display name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IdName {
    pub id: String,
    pub name: String,
}

/// Attachment (закрепление) of a tutor to a school or to a teacher.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Attachment {
    pub id: String,
    pub member_id: String,
    pub school_id: Option<String>,
    /// Short name of the school.
    pub school_name: Option<String>,
    pub teacher_user_id: Option<String>,
    pub teacher_name: Option<String>,
    #[serde(flatten)]
    pub meta: Meta,
}

/// Exactly one of `school_id` and `teacher_user_id`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AttachmentInput {
    #[serde(default)]
    pub school_id: Option<String>,
    #[serde(default)]
    pub teacher_user_id: Option<String>,
}

impl AttachmentInput {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        let s = self
            .school_id
            .as_deref()
            .is_some_and(|s| !s.trim().is_empty());
        let t = self
            .teacher_user_id
            .as_deref()
            .is_some_and(|s| !s.trim().is_empty());
        if s == t {
            e.add(
                "school_id",
                "exactly_one",
                "Укажите либо школу, либо учителя (одно из двух)",
            );
        }
        e.finish()
    }
}

/// A member of the community (one row of the composition).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Member {
    pub id: String,
    pub municipality_id: String,
    pub academic_year_id: String,
    /// The member's account, if they have one.
    pub user_id: Option<String>,
    /// ФИО полностью.
    pub full_name: String,
    /// In the order they were given («Русский язык», «Литература»).
    pub subjects: Vec<IdName>,
    pub level: TutorLevel,
    /// «учитель математики».
    pub position: Option<String>,
    pub school_id: Option<String>,
    /// Short name of the school.
    pub school_name: Option<String>,
    /// The place of work as written (when there is no school or it differs).
    pub workplace: Option<String>,
    pub status: MemberStatus,
    pub approved_order_id: Option<String>,
    pub approved_on: Option<NaiveDate>,
    pub excluded_order_id: Option<String>,
    pub excluded_on: Option<NaiveDate>,
    pub exclusion_reason: Option<String>,
    /// The nomination the member came from.
    pub nomination_id: Option<String>,
    /// Active attachments to schools and teachers.
    pub attachments: Vec<Attachment>,
    #[serde(flatten)]
    pub meta: Meta,
}

/// A new or changed member (only while `nominated`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MemberInput {
    /// Default: the caller's municipality. Ignored on update.
    #[serde(default)]
    pub municipality_id: Option<String>,
    /// Default: the current academic year. Ignored on update.
    #[serde(default)]
    pub academic_year_id: Option<String>,
    #[serde(default)]
    pub user_id: Option<String>,
    pub full_name: String,
    /// At least one subject.
    pub subject_ids: Vec<String>,
    #[serde(default = "default_level")]
    pub level: TutorLevel,
    #[serde(default)]
    pub position: Option<String>,
    #[serde(default)]
    pub school_id: Option<String>,
    #[serde(default)]
    pub workplace: Option<String>,
    /// Required on update: the version the change is based on.
    #[serde(default)]
    pub version: Option<i32>,
}

fn default_level() -> TutorLevel {
    TutorLevel::Municipal
}

impl MemberInput {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        e.required("full_name", &self.full_name, 300);
        if self.subject_ids.iter().all(|s| s.trim().is_empty()) {
            e.add("subject_ids", "required", "Выберите хотя бы один предмет");
        }
        if let Some(p) = &self.position {
            e.max_len("position", p, 300);
        }
        if let Some(w) = &self.workplace {
            e.max_len("workplace", w, 500);
        }
        e.finish()
    }
}

/// Filters of the members list.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct MemberFilter {
    /// Default: the current academic year.
    pub academic_year_id: Option<String>,
    pub municipality_id: Option<String>,
    #[cfg_attr(feature = "openapi", param(inline))]
    pub status: Option<MemberStatus>,
    pub subject_id: Option<String>,
    /// Case-insensitive part of the full name.
    pub q: Option<String>,
    /// `YYYY-MM-DD`: only who was an approved tutor on that date.
    pub on_date: Option<NaiveDate>,
    /// Page size, 1..=200 (default 50).
    pub limit: Option<i64>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// A member named in an order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderMember {
    pub member_id: String,
    pub full_name: String,
    /// The exclusion reason (excluded members only).
    pub reason: Option<String>,
}

/// An order (приказ) on the composition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CompositionOrder {
    pub id: String,
    pub municipality_id: String,
    pub academic_year_id: String,
    pub kind: OrderKind,
    /// «01-03/24».
    pub number: String,
    pub issued_on: NaiveDate,
    /// «МКУ ИМЦ города Лабинска».
    pub issuer: String,
    pub title: String,
    pub file_name: Option<String>,
    /// The uploaded scan of the order, if any.
    pub file: Option<crate::files::StoredFile>,
    pub approved: Vec<OrderMember>,
    pub excluded: Vec<OrderMember>,
    #[serde(flatten)]
    pub meta: Meta,
}

/// One member excluded by an amending order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OrderExclusion {
    pub member_id: String,
    pub reason: String,
}

/// A new order. `approve`: approves nominated members; `amend`: may approve further
/// nominated members and exclude approved ones (with a reason).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OrderInput {
    /// Default: the caller's municipality.
    #[serde(default)]
    pub municipality_id: Option<String>,
    /// Default: the current academic year.
    #[serde(default)]
    pub academic_year_id: Option<String>,
    pub kind: OrderKind,
    pub number: String,
    pub issued_on: NaiveDate,
    pub issuer: String,
    pub title: String,
    #[serde(default)]
    pub file_name: Option<String>,
    #[serde(default)]
    pub approve_member_ids: Vec<String>,
    #[serde(default)]
    pub exclude: Vec<OrderExclusion>,
}

impl OrderInput {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        e.required("number", &self.number, 50);
        e.required("issuer", &self.issuer, 300);
        e.required("title", &self.title, 500);
        if let Some(f) = &self.file_name {
            e.max_len("file_name", f, 255);
        }
        match self.kind {
            OrderKind::Approve => {
                if self.approve_member_ids.is_empty() {
                    e.add(
                        "approve_member_ids",
                        "required",
                        "Выберите выдвинутых участников, которых утверждает приказ",
                    );
                }
                if !self.exclude.is_empty() {
                    e.add(
                        "exclude",
                        "not_allowed",
                        "Исключить участников можно только приказом о внесении изменений",
                    );
                }
            }
            OrderKind::Amend => {
                if self.approve_member_ids.is_empty() && self.exclude.is_empty() {
                    e.add(
                        "approve_member_ids",
                        "required",
                        "Приказ о внесении изменений должен утверждать или исключать участников",
                    );
                }
            }
        }
        for (i, x) in self.exclude.iter().enumerate() {
            if x.reason.trim().is_empty() {
                e.add(
                    &format!("exclude[{i}].reason"),
                    "required",
                    "Укажите причину исключения",
                );
            } else {
                e.max_len(&format!("exclude[{i}].reason"), &x.reason, 1000);
            }
        }
        let mut seen = std::collections::HashSet::new();
        for (i, id) in self
            .approve_member_ids
            .iter()
            .chain(self.exclude.iter().map(|x| &x.member_id))
            .enumerate()
        {
            if !seen.insert(id) {
                let field = if i < self.approve_member_ids.len() {
                    format!("approve_member_ids[{i}]")
                } else {
                    format!("exclude[{}].member_id", i - self.approve_member_ids.len())
                };
                e.add(&field, "duplicate", "Участник указан в приказе дважды");
            }
        }
        e.finish()
    }
}

/// Filters of the orders list.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct OrderFilter {
    /// Default: every year.
    pub academic_year_id: Option<String>,
    pub municipality_id: Option<String>,
    /// Page size, 1..=200 (default 50).
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

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

/// Import of the composition table in the layout of the order's appendix
/// (№ п/п · Предмет · ФИО (полностью) · Должность, место работы).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ImportRequest {
    pub municipality_id: String,
    /// Default: the current academic year.
    #[serde(default)]
    pub academic_year_id: Option<String>,
    pub format: ImportFormat,
    /// xlsx: base64 of the file; csv and text: the text itself.
    pub content: String,
    /// On confirm: create the schools that were not found (else the member keeps the
    /// place of work as text).
    #[serde(default)]
    pub create_schools: bool,
}

/// One parsed row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportRow {
    /// Line (text, CSV) or sheet row (XLSX), from 1.
    pub line: i32,
    /// «№ п/п» as written.
    pub number: Option<String>,
    pub subject_text: String,
    pub subjects: Vec<IdName>,
    pub full_name: String,
    pub position: Option<String>,
    /// The place of work as written.
    pub workplace: Option<String>,
    /// The matched school.
    pub school_id: Option<String>,
    pub school_name: Option<String>,
    /// Short name of the school to be created (when none matched).
    pub new_school: Option<String>,
    /// Field `rows[N].subject` etc., N being the index in `rows`.
    pub errors: Vec<FieldError>,
}

/// A school the table names that is not in the registry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewSchool {
    /// «МОБУ СОШ № 10».
    pub short_name: String,
    /// The text as written in the table.
    pub full_name: String,
}

/// What an import would do; nothing is written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportPreview {
    pub municipality_id: String,
    pub academic_year_id: String,
    pub rows: Vec<ImportRow>,
    pub new_schools: Vec<NewSchool>,
    /// Rows with errors; confirm fails while there are any.
    pub error_rows: i32,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportResult {
    pub created: i32,
    pub member_ids: Vec<String>,
    pub created_schools: Vec<IdName>,
}

/// Query of the export of the approved composition.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct ExportQuery {
    /// Default: the current academic year.
    pub academic_year_id: Option<String>,
    /// Default: the caller's municipality.
    pub municipality_id: Option<String>,
    /// `YYYY-MM-DD`, default today: who is an approved tutor on that date.
    pub on_date: Option<NaiveDate>,
}

/// Subject names as the appendix writes them: «Русский язык и литература».
pub fn subjects_phrase(names: &[String]) -> String {
    let mut out = String::new();
    for (i, n) in names.iter().enumerate() {
        if i > 0 {
            out.push_str(if i + 1 == names.len() { " и " } else { ", " });
        }
        // Lower-case the first letter of later names unless they are abbreviations (ОБЖ).
        let is_abbr = n
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
        if i > 0 && !is_abbr {
            let mut cs = n.chars();
            if let Some(f) = cs.next() {
                out.extend(f.to_lowercase());
                out.push_str(cs.as_str());
            }
        } else {
            out.push_str(n);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrase_like_the_appendix() {
        let v = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            subjects_phrase(&v(&["Русский язык", "Литература"])),
            "Русский язык и литература"
        );
        assert_eq!(subjects_phrase(&v(&["История", "ОБЖ"])), "История и ОБЖ");
        assert_eq!(subjects_phrase(&v(&["Физика"])), "Физика");
    }

    #[test]
    fn order_validation() {
        let o = OrderInput {
            municipality_id: None,
            academic_year_id: None,
            kind: OrderKind::Amend,
            number: "".into(),
            issued_on: NaiveDate::from_ymd_opt(2026, 9, 1).unwrap(),
            issuer: "ИМЦ".into(),
            title: "О внесении изменений".into(),
            file_name: None,
            approve_member_ids: vec![],
            exclude: vec![OrderExclusion {
                member_id: "m".into(),
                reason: " ".into(),
            }],
        };
        let f: Vec<_> = o
            .validate()
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(f, vec!["number", "exclude[0].reason"]);
    }
}
