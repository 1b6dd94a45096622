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
