//! Import of the order appendix table, export, and how subjects are written.

use super::*;

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
    /// The level of every row without its own (a «Уровень» column or `rows[].level`);
    /// default municipal.
    #[serde(default)]
    pub level: Option<TutorLevel>,
    /// What to do with rows that match an existing member of the year and municipality
    /// (same person, same subjects): skip them (default) or update them.
    #[serde(default)]
    pub duplicates: Option<DuplicateAction>,
    /// Choices for single rows, by `line`: their level, and for a duplicate whether to
    /// skip or update it.
    #[serde(default)]
    pub rows: Vec<ImportRowChoice>,
}

labelled_enum!(
    /// What confirm does with a row that matches an existing member.
    DuplicateAction {
        Skip = "skip" => "Пропустить",
        Update = "update" => "Обновить",
    }
);

labelled_enum!(
    /// What confirm will do with a row.
    ImportAction {
        Create = "create" => "Будет добавлен",
        Update = "update" => "Будет обновлён",
        Skip = "skip" => "Будет пропущен",
    }
);

/// The coordinator's choice for one row of the table.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ImportRowChoice {
    /// The row's `line`.
    pub line: i32,
    #[serde(default)]
    pub level: Option<TutorLevel>,
    #[serde(default)]
    pub duplicate: Option<DuplicateAction>,
}

/// An existing member a row matches: the same person (full name, and school and
/// e-mail where both are known) with the same subjects.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportMatch {
    pub member_id: String,
    pub full_name: String,
    pub status: MemberStatus,
    /// What the row would change («Должность», «Уровень», …); empty when identical.
    pub changes: Vec<String>,
    /// Why the member cannot be updated (approved or excluded by an order).
    pub locked: Option<String>,
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
    /// The level the member gets: the row's choice, its «Уровень» cell, or the batch's.
    pub level: TutorLevel,
    /// From the «Специализация» column («по ВПР», «ЕГЭ»).
    pub specialisation: Option<TutorSpecialisation>,
    /// From the «Категория» column.
    pub category: Option<TutorCategory>,
    /// From the «E-mail» column: compared with the member's account.
    pub email: Option<String>,
    /// The existing member this row matches, if any.
    pub duplicate_of: Option<ImportMatch>,
    /// What confirm will do with the row.
    pub action: ImportAction,
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
    /// Rows that match existing members.
    pub duplicate_rows: i32,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportResult {
    pub created: i32,
    /// The members created.
    pub member_ids: Vec<String>,
    /// Existing members updated from their rows.
    pub updated: i32,
    pub updated_ids: Vec<String>,
    /// Rows left out because they match existing members.
    pub skipped: i32,
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
    /// `YYYY-MM-DD`, default today: who is an approved tutor on that date; the stamp
    /// names the last order of the year issued by then.
    pub on_date: Option<NaiveDate>,
    /// The appendix of this order (its date replaces `on_date`).
    pub order_id: Option<String>,
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
