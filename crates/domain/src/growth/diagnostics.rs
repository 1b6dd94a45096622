//! Deficit diagnostics (диагностика профессиональных дефицитов): a configurable framework
//! of competency areas and indicators, diagnostic campaigns of a municipality, results per
//! person and indicator (0–100 %), and the deficits they show.

use crate::org::Meta;
use crate::problem::{Errors, FieldError};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

crate::labelled_enum!(
    /// Competency areas: 004's three tasks and the Ministry's deficit-diagnostics areas.
    CompetencyArea {
        Materials = "materials" => "Разработка учебных материалов",
        FormativeAssessment = "formative_assessment" => "Формирующее оценивание",
        Kim = "kim" => "Разработка КИМ",
        Subject = "subject" => "Предметные компетенции",
        Methodical = "methodical" => "Методические компетенции",
        Psychological = "psychological" => "Психолого-педагогические компетенции",
        Communicative = "communicative" => "Коммуникативные компетенции",
        Digital = "digital" => "Цифровые компетенции",
    }
);

crate::labelled_enum!(
    /// How a campaign measures: the person's questionnaire or an expert's rating.
    CampaignMethod {
        Questionnaire = "questionnaire" => "Анкетирование (самооценка)",
        ExpertRating = "expert_rating" => "Экспертная оценка",
    }
);

crate::labelled_enum!(
    /// Whom a campaign diagnoses.
    Respondents {
        Teachers = "teachers" => "Педагоги",
        Leaders = "leaders" => "Руководители школ",
    }
);

/// An indicator of the framework.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Indicator {
    pub id: String,
    pub area: CompetencyArea,
    /// «Умеет формулировать планируемые результаты урока».
    pub name: String,
    pub position: i32,
    pub archived: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct IndicatorInput {
    pub area: Option<CompetencyArea>,
    pub name: String,
}

impl IndicatorInput {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        if self.area.is_none() {
            e.add("area", "required", "Выберите область компетенций");
        }
        e.required("name", &self.name, 300);
        e.finish()
    }
}

/// The share below which an indicator is a deficit, by default (percent of the maximum).
pub const DEFAULT_THRESHOLD: i32 = 60;

/// Whether a score shows a deficit.
pub fn is_deficit(score: i32, threshold: i32) -> bool {
    score < threshold
}

/// A diagnostic campaign of a municipality.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Campaign {
    pub id: String,
    pub municipality_id: String,
    pub academic_year_id: String,
    pub title: String,
    pub held_on: NaiveDate,
    pub method: CampaignMethod,
    pub respondents: Respondents,
    /// A score below it (percent) is a deficit.
    pub threshold: i32,
    /// People with results.
    pub people: i64,
    #[serde(flatten)]
    pub meta: Meta,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CampaignInput {
    pub municipality_id: String,
    /// Default: the current academic year.
    #[serde(default)]
    pub academic_year_id: Option<String>,
    pub title: String,
    pub held_on: Option<NaiveDate>,
    pub method: Option<CampaignMethod>,
    pub respondents: Option<Respondents>,
    /// Default 60.
    #[serde(default)]
    pub threshold: Option<i32>,
}

impl CampaignInput {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        if self.municipality_id.trim().is_empty() {
            e.add("municipality_id", "required", "Выберите муниципалитет");
        }
        e.required("title", &self.title, 300);
        if self.held_on.is_none() {
            e.add("held_on", "required", "Укажите дату диагностики");
        }
        if self.method.is_none() {
            e.add(
                "method",
                "required",
                "Выберите способ: анкетирование или экспертная оценка",
            );
        }
        if self.respondents.is_none() {
            e.add("respondents", "required", "Выберите, кого диагностируют");
        }
        if let Some(t) = self.threshold {
            if !(1..=100).contains(&t) {
                e.add("threshold", "range", "Порог — от 1 до 100 %");
            }
        }
        e.finish()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct CampaignFilter {
    pub municipality_id: Option<String>,
    pub academic_year_id: Option<String>,
    /// Page size, 1..=200 (default 50).
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

/// One person's score on one indicator in one campaign.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Score {
    pub indicator_id: String,
    pub indicator_name: String,
    pub area: CompetencyArea,
    /// 0–100 (percent of the maximum).
    pub score: i32,
    pub deficit: bool,
}

/// A person's results in a campaign.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PersonResult {
    pub user_id: String,
    pub full_name: String,
    pub school_id: Option<String>,
    pub school_name: Option<String>,
    /// «Молодой педагог» (up to three years of work).
    pub young: bool,
    pub scores: Vec<Score>,
    pub deficits: i64,
}

/// A campaign's results: people in Russian order, and the school × area summary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CampaignResults {
    pub campaign: Campaign,
    pub people: Vec<PersonResult>,
    pub schools: Vec<SchoolHeat>,
}

/// One school's row of the heat map: per area, the share of its people with a deficit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SchoolHeat {
    pub school_id: Option<String>,
    pub school_name: String,
    /// ШНОР or ШССУ in the campaign's academic year.
    pub low_results: bool,
    pub people: i64,
    pub cells: Vec<HeatCell>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HeatCell {
    pub area: CompetencyArea,
    /// People of the school with at least one deficit in the area.
    pub with_deficit: i64,
    /// Of those with scores in the area, percent (0–100).
    pub percent: i32,
}

/// A person's deficit: the latest result below the threshold per indicator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Deficit {
    pub indicator_id: String,
    pub indicator_name: String,
    pub area: CompetencyArea,
    pub score: i32,
    pub threshold: i32,
    pub campaign_id: String,
    pub campaign_title: String,
    pub held_on: NaiveDate,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct DeficitQuery {
    pub user_id: String,
}

/// Aggregates one school's people into heat cells, one per area that has scores.
pub fn heat_cells(people: &[&PersonResult]) -> Vec<HeatCell> {
    CompetencyArea::ALL
        .iter()
        .filter_map(|&area| {
            let scored: Vec<bool> = people
                .iter()
                .filter(|p| p.scores.iter().any(|s| s.area == area))
                .map(|p| p.scores.iter().any(|s| s.area == area && s.deficit))
                .collect();
            if scored.is_empty() {
                return None;
            }
            let with = scored.iter().filter(|d| **d).count() as i64;
            Some(HeatCell {
                area,
                with_deficit: with,
                percent: ((with * 100) as f64 / scored.len() as f64).round() as i32,
            })
        })
        .collect()
}

/// Reads a score cell: «75», «75 %», «0,75» (a share) → 0–100.
pub fn parse_score(cell: &str) -> Option<i32> {
    let s = cell.trim().trim_end_matches('%').trim().replace(',', ".");
    let v: f64 = s.parse().ok()?;
    let v = if v > 0.0 && v < 1.0 && s.contains('.') {
        v * 100.0
    } else {
        v
    };
    (0.0..=100.0).contains(&v).then(|| v.round() as i32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_read_as_percent() {
        assert_eq!(parse_score("75"), Some(75));
        assert_eq!(parse_score("75 %"), Some(75));
        assert_eq!(parse_score("0,4"), Some(40));
        assert_eq!(parse_score("1"), Some(1));
        assert_eq!(parse_score("120"), None);
        assert_eq!(parse_score("хорошо"), None);
    }

    fn person(scores: &[(CompetencyArea, i32)]) -> PersonResult {
        PersonResult {
            user_id: "u".into(),
            full_name: "x".into(),
            school_id: None,
            school_name: None,
            young: false,
            scores: scores
                .iter()
                .map(|&(area, score)| Score {
                    indicator_id: "i".into(),
                    indicator_name: "i".into(),
                    area,
                    score,
                    deficit: is_deficit(score, DEFAULT_THRESHOLD),
                })
                .collect(),
            deficits: 0,
        }
    }

    #[test]
    fn heat_counts_people_with_a_deficit_per_area() {
        let a = person(&[(CompetencyArea::Kim, 40), (CompetencyArea::Digital, 90)]);
        let b = person(&[(CompetencyArea::Kim, 80)]);
        let cells = heat_cells(&[&a, &b]);
        assert_eq!(cells.len(), 2);
        let kim = cells
            .iter()
            .find(|c| c.area == CompetencyArea::Kim)
            .unwrap();
        assert_eq!((kim.with_deficit, kim.percent), (1, 50));
        let dig = cells
            .iter()
            .find(|c| c.area == CompetencyArea::Digital)
            .unwrap();
        assert_eq!((dig.with_deficit, dig.percent), (0, 0));
    }

    #[test]
    fn below_the_threshold_is_a_deficit() {
        assert!(is_deficit(59, 60));
        assert!(!is_deficit(60, 60));
    }
}

/// A campaign's results as a table: XLSX (base64), CSV or pasted text, with a header row
/// «ФИО · E-mail · [Школа] · [Молодой педагог] · <indicator> …» and a row per person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DiagnosticImport {
    pub format: crate::composition::ImportFormat,
    /// xlsx: base64 of the file; csv and text: the text itself.
    pub content: String,
}

/// A column of the table and the indicator it was matched to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportColumn {
    pub header: String,
    pub indicator_id: String,
    pub indicator_name: String,
    pub area: CompetencyArea,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportPersonRow {
    pub line: i32,
    pub full_name: String,
    pub email: Option<String>,
    /// The matched account.
    pub user_id: Option<String>,
    pub school_name: Option<String>,
    pub young: bool,
    /// One per matched column, in column order; `None` for an empty cell.
    pub scores: Vec<Option<i32>>,
    pub deficits: i64,
    pub errors: Vec<FieldError>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DiagnosticImportPreview {
    pub columns: Vec<ImportColumn>,
    pub rows: Vec<ImportPersonRow>,
    /// Rows with errors; confirm refuses while any has one.
    pub invalid: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DiagnosticImportResult {
    pub people: i64,
    pub scores: i64,
    pub deficits: i64,
}

/// The fixed columns of the import table, by their header (compared by `search_key`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixedColumn {
    FullName,
    Email,
    School,
    Young,
}

/// Which fixed column a header names, if one.
pub fn fixed_column(header_key: &str) -> Option<FixedColumn> {
    match header_key {
        "фио" | "ф.и.о." | "ф. и. о." | "педагог" | "фамилия имя отчество" => {
            Some(FixedColumn::FullName)
        }
        "e-mail" | "email" | "электронная почта" | "почта" => {
            Some(FixedColumn::Email)
        }
        "школа" | "оо" | "образовательная организация" => {
            Some(FixedColumn::School)
        }
        "молодой педагог" | "молодой специалист" => {
            Some(FixedColumn::Young)
        }
        _ => None,
    }
}

/// «да», «+», «1» → true.
pub fn parse_yes(cell: &str) -> bool {
    matches!(
        cell.trim().to_lowercase().as_str(),
        "да" | "+" | "1" | "yes" | "true" | "x" | "х"
    )
}
