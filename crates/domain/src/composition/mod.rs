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
    /// The basis of a tutor's level (000 §3.4): each level has its own document.
    LevelBasis {
        MinistryOrder = "ministry_order" => "Приказ Минпросвещения России",
        IroTraining = "iro_training" => "Подготовка в ИРО, состав согласован ректором и закреплён приказом МОУО",
        MouoOrder = "mouo_order" => "Приказ МОУО",
        DirectorOrder = "director_order" => "Приказ директора общеобразовательной организации",
    }
);

impl TutorLevel {
    /// The basis 000 §3.4 names for the level: federal — an order of the ministry,
    /// regional — training at the ИРО, municipal — an order of the МОУО, school — the
    /// director's order.
    pub fn basis(self) -> LevelBasis {
        match self {
            TutorLevel::Federal => LevelBasis::MinistryOrder,
            TutorLevel::Regional => LevelBasis::IroTraining,
            TutorLevel::Municipal => LevelBasis::MouoOrder,
            TutorLevel::School => LevelBasis::DirectorOrder,
        }
    }

    /// The level written in a table cell: «федеральный», «Региональный», «муниципальный
    /// тьютор», «школьный» (case and the word «тьютор» do not matter).
    pub fn from_text(text: &str) -> Option<TutorLevel> {
        let t = crate::text::search_key(text);
        TutorLevel::ALL.iter().copied().find(|l| {
            let stem: String = crate::text::search_key(l.label_ru())
                .chars()
                .take(5)
                .collect();
            t.starts_with(&stem) || t == l.as_str()
        })
    }
}

labelled_enum!(
    /// What the tutor prepares for (seed 002: «учителя-тьюторы по ВПР», «по ЕГЭ»).
    TutorSpecialisation {
        Vpr = "vpr" => "Тьютор по ВПР",
        Oge = "oge" => "Тьютор по ОГЭ",
        Ege = "ege" => "Тьютор по ЕГЭ",
        Subject = "subject" => "Предметный тьютор",
    }
);

labelled_enum!(
    /// Who performs the functions of a tutor (000 §3.2).
    TutorCategory {
        Methodologist = "methodologist" => "Методист территориальной методической службы",
        DeputyHead = "deputy_head" => "Заместитель директора ОО",
        Teacher = "teacher" => "Учитель-предметник",
        AssociationHead = "association_head" => "Руководитель РМО / ГМО",
        ExamExpert = "exam_expert" => "Эксперт ЕГЭ, ОГЭ",
        Other = "other" => "Другое",
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
    /// The basis of the level (000 §3.4).
    pub level_basis: Option<LevelBasis>,
    /// The document of the basis: «приказ УО № 125 от 01.09.2026».
    pub level_document: Option<String>,
    pub specialisation: Option<TutorSpecialisation>,
    pub category: Option<TutorCategory>,
    /// «№ п/п» of the table the member was imported from (the order's sequence follows it).
    pub list_number: Option<i32>,
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
    /// Must be the level's own basis (federal — ministry order, regional — ИРО training,
    /// municipal — МОУО order, school — director's order).
    #[serde(default)]
    pub level_basis: Option<LevelBasis>,
    #[serde(default)]
    pub level_document: Option<String>,
    #[serde(default)]
    pub specialisation: Option<TutorSpecialisation>,
    #[serde(default)]
    pub category: Option<TutorCategory>,
    /// «№ п/п» in the source table, 1..=9999.
    #[serde(default)]
    pub list_number: Option<i32>,
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

impl Member {
    /// The member as an input of its own fields (to change some of them), based on its
    /// current version.
    pub fn to_input(&self) -> MemberInput {
        MemberInput {
            municipality_id: None,
            academic_year_id: None,
            user_id: self.user_id.clone(),
            full_name: self.full_name.clone(),
            subject_ids: self.subjects.iter().map(|s| s.id.clone()).collect(),
            level: self.level,
            level_basis: self.level_basis,
            level_document: self.level_document.clone(),
            specialisation: self.specialisation,
            category: self.category,
            list_number: self.list_number,
            position: self.position.clone(),
            school_id: self.school_id.clone(),
            workplace: self.workplace.clone(),
            version: Some(self.meta.version),
        }
    }
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
        if let Some(b) = self.level_basis {
            if b != self.level.basis() {
                e.add(
                    "level_basis",
                    "mismatch",
                    format!(
                        "Для уровня «{}» основание — «{}»",
                        self.level.label_ru().to_lowercase(),
                        self.level.basis().label_ru()
                    ),
                );
            }
        }
        if let Some(d) = &self.level_document {
            e.max_len("level_document", d, 300);
        }
        if self.list_number.is_some_and(|n| !(1..=9999).contains(&n)) {
            e.add(
                "list_number",
                "out_of_range",
                "Номер по списку — целое число от 1 до 9999",
            );
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

mod import;
mod nominations;
mod orders;

pub use import::*;
pub use nominations::*;
pub use orders::*;

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
            signatory_position: None,
            signatory_name: None,
            place: None,
            appendix_number: 1,
            issuer_full_name: None,
            preamble: None,
            items: vec![],
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
