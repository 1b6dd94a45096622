//! Results of assessment procedures (мониторинг, 000 §8.4, plan items 12–13): ВПР, ОГЭ,
//! ЕГЭ, ГВЭ, regional, trial and complex diagnostic works — a calendar of the year's
//! procedures, results per academic year × procedure × subject × grade × school (×
//! class), the score → mark scale of each year, dynamics against the municipal and
//! regional averages, and schools at risk.

pub mod metrics;
pub mod table;
mod views;

use crate::composition::ImportFormat;
use crate::org::Meta;
use crate::problem::{Errors, FieldError};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use metrics::{Metrics, Totals, DEFAULT_THRESHOLD, SMALL_GROUP};
pub use table::ColumnMapping;
pub use views::*;

crate::labelled_enum!(
    /// An assessment procedure.
    Procedure {
        Vpr = "vpr" => "ВПР",
        Oge = "oge" => "ОГЭ",
        Ege = "ege" => "ЕГЭ",
        Gve = "gve" => "ГВЭ",
        Regional = "regional" => "Региональная диагностическая работа",
        Trial = "trial" => "Пробная диагностическая работа",
        Complex = "complex" => "Комплексная работа",
    }
);

impl Procedure {
    /// ЕГЭ is counted against the minimum threshold, not in marks.
    pub fn by_threshold(self) -> bool {
        self == Procedure::Ege
    }
}

crate::labelled_enum!(
    /// How a table gives the marks.
    CountUnit {
        Counts = "counts" => "Количество",
        Percent = "percent" => "Проценты",
    }
);

crate::labelled_enum!(
    /// Why a school is at risk.
    RiskReason {
        AboveThreshold = "above_threshold" => "Доля неуспешных выше порога",
        RisingTwoYears = "rising_two_years" => "Доля неуспешных растёт два года подряд",
    }
);

/// Grades 1…11.
fn check_grade(e: &mut Errors, field: &str, g: i32) {
    if !(1..=11).contains(&g) {
        e.add(field, "invalid_grade", "Класс (параллель) — от 1 до 11");
    }
}

// ---- calendar ----------------------------------------------------------------------

/// A procedure on the year's calendar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssessmentEvent {
    pub id: String,
    pub municipality_id: String,
    pub academic_year_id: String,
    pub procedure: Procedure,
    pub subject_id: Option<String>,
    pub subject_name: Option<String>,
    pub grade: Option<i32>,
    pub held_on: NaiveDate,
    pub title: Option<String>,
    pub note: Option<String>,
    #[serde(flatten)]
    pub meta: Meta,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AssessmentEventInput {
    /// Ignored on update.
    pub municipality_id: String,
    /// Default: the academic year the date falls in.
    #[serde(default)]
    pub academic_year_id: Option<String>,
    pub procedure: Procedure,
    #[serde(default)]
    pub subject_id: Option<String>,
    #[serde(default)]
    pub grade: Option<i32>,
    pub held_on: NaiveDate,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
    /// Required on update.
    #[serde(default)]
    pub version: Option<i32>,
}

impl AssessmentEventInput {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        if self.municipality_id.trim().is_empty() {
            e.add("municipality_id", "required", "Выберите муниципалитет");
        }
        if let Some(g) = self.grade {
            check_grade(&mut e, "grade", g);
        }
        if let Some(t) = &self.title {
            e.max_len("title", t, 300);
        }
        if let Some(t) = &self.note {
            e.max_len("note", t, 2000);
        }
        e.finish()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct AssessmentEventFilter {
    pub municipality_id: Option<String>,
    /// Default: the current academic year.
    pub academic_year_id: Option<String>,
    pub procedure: Option<Procedure>,
    pub include_archived: Option<bool>,
}

// ---- results -----------------------------------------------------------------------

/// The results of one school (one class, where given) in one procedure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssessmentResult {
    pub id: String,
    pub municipality_id: String,
    pub school_id: String,
    pub school_name: String,
    pub academic_year_id: String,
    pub academic_year_name: String,
    pub procedure: Procedure,
    pub subject_id: String,
    pub subject_name: String,
    pub grade: i32,
    /// «5А» when the row is of one class.
    pub class_label: Option<String>,
    pub participants: i32,
    pub mark2: Option<i32>,
    pub mark3: Option<i32>,
    pub mark4: Option<i32>,
    pub mark5: Option<i32>,
    /// ЕГЭ: participants below the minimum threshold.
    pub below_threshold: Option<i32>,
    pub mean_score: Option<f64>,
    pub metrics: Metrics,
    #[serde(flatten)]
    pub meta: Meta,
}

/// Results typed in by hand (a trial work): replaces the same slice (year × procedure
/// × subject × grade × school × class) when it exists.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ResultInput {
    pub academic_year_id: String,
    pub procedure: Option<Procedure>,
    pub subject_id: String,
    pub grade: i32,
    pub school_id: String,
    #[serde(default)]
    pub class_label: Option<String>,
    pub participants: i32,
    #[serde(default)]
    pub mark2: Option<i32>,
    #[serde(default)]
    pub mark3: Option<i32>,
    #[serde(default)]
    pub mark4: Option<i32>,
    #[serde(default)]
    pub mark5: Option<i32>,
    #[serde(default)]
    pub below_threshold: Option<i32>,
    #[serde(default)]
    pub mean_score: Option<f64>,
}

impl ResultInput {
    pub fn marks(&self) -> Option<[i32; 4]> {
        Some([self.mark2?, self.mark3?, self.mark4?, self.mark5?])
    }

    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        for (f, v) in [
            ("academic_year_id", &self.academic_year_id),
            ("subject_id", &self.subject_id),
            ("school_id", &self.school_id),
        ] {
            if v.trim().is_empty() {
                e.add(f, "required", "Заполните это поле");
            }
        }
        let Some(procedure) = self.procedure else {
            e.add("procedure", "required", "Выберите процедуру");
            return e.finish();
        };
        check_grade(&mut e, "grade", self.grade);
        if let Some(c) = &self.class_label {
            e.max_len("class_label", c, 20);
        }
        if !(1..=100_000).contains(&self.participants) {
            e.add("participants", "invalid", "Участников — от 1");
        }
        let given = [self.mark2, self.mark3, self.mark4, self.mark5];
        if given.iter().flatten().any(|x| *x < 0) {
            e.add("mark2", "invalid", "Количество не может быть отрицательным");
        }
        match self.marks() {
            Some(m) if m.iter().sum::<i32>() != self.participants => e.add(
                "participants",
                "counts_mismatch",
                format!(
                    "«2»+«3»+«4»+«5» = {}, а участников {}",
                    m.iter().sum::<i32>(),
                    self.participants
                ),
            ),
            None if given.iter().any(Option::is_some) => {
                e.add("mark2", "required", "Укажите все четыре отметки «2»–«5»")
            }
            None if !procedure.by_threshold() => {
                e.add("mark2", "required", "Укажите количество отметок «2»–«5»")
            }
            _ => {}
        }
        match self.below_threshold {
            Some(b) if b < 0 || b > self.participants => e.add(
                "below_threshold",
                "invalid",
                "Не преодолевших порог — от 0 до числа участников",
            ),
            None if procedure.by_threshold() && self.marks().is_none() => e.add(
                "below_threshold",
                "required",
                "Для ЕГЭ укажите число не преодолевших минимальный порог",
            ),
            _ => {}
        }
        if self
            .mean_score
            .is_some_and(|m| !(0.0..=1000.0).contains(&m))
        {
            e.add("mean_score", "invalid", "Средний балл — от 0");
        }
        e.finish()
    }

    pub fn totals(&self) -> Totals {
        Totals::of(self.participants, self.marks(), self.below_threshold)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct ResultFilter {
    pub municipality_id: Option<String>,
    pub school_id: Option<String>,
    pub academic_year_id: Option<String>,
    pub procedure: Option<Procedure>,
    pub subject_id: Option<String>,
    pub grade: Option<i32>,
    /// Page size, 1..=200 (default 50).
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

// ---- scales ------------------------------------------------------------------------

/// The score → mark scale of one year × procedure × subject × grade: the lowest
/// primary score of «3», «4», «5» (ЕГЭ: `min3` is the minimum threshold).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Scale {
    pub id: String,
    pub municipality_id: String,
    pub academic_year_id: String,
    pub procedure: Procedure,
    pub subject_id: String,
    pub grade: i32,
    pub max_score: Option<i32>,
    pub min3: Option<i32>,
    pub min4: Option<i32>,
    pub min5: Option<i32>,
    /// «0–5 → «2», 6–9 → «3», 10–13 → «4», 14–20 → «5»».
    pub text: String,
    #[serde(flatten)]
    pub meta: Meta,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ScaleInput {
    pub municipality_id: String,
    pub academic_year_id: String,
    pub procedure: Option<Procedure>,
    pub subject_id: String,
    pub grade: i32,
    #[serde(default)]
    pub max_score: Option<i32>,
    #[serde(default)]
    pub min3: Option<i32>,
    #[serde(default)]
    pub min4: Option<i32>,
    #[serde(default)]
    pub min5: Option<i32>,
}

impl ScaleInput {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        if self.procedure.is_none() {
            e.add("procedure", "required", "Выберите процедуру");
        }
        check_grade(&mut e, "grade", self.grade);
        let seq: Vec<i32> = [self.min3, self.min4, self.min5, self.max_score]
            .into_iter()
            .flatten()
            .collect();
        if seq.iter().any(|x| *x < 0) || seq.windows(2).any(|w| w[0] > w[1]) {
            e.add(
                "min3",
                "invalid_scale",
                "Границы отметок должны возрастать: «3» ≤ «4» ≤ «5» ≤ максимум",
            );
        }
        e.finish()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct ScaleFilter {
    /// Default: the caller's municipality.
    pub municipality_id: Option<String>,
    pub procedure: Option<Procedure>,
    pub subject_id: Option<String>,
}

/// The scale as one line.
pub fn scale_text(
    max: Option<i32>,
    min3: Option<i32>,
    min4: Option<i32>,
    min5: Option<i32>,
) -> String {
    let mut parts = Vec::new();
    let bounds = [(min3, "«3»"), (min4, "«4»"), (min5, "«5»")];
    if let Some(m3) = min3 {
        if m3 > 0 {
            parts.push(format!("0–{} → «2»", m3 - 1));
        }
    }
    for (i, (from, mark)) in bounds.iter().enumerate() {
        let Some(from) = from else { continue };
        let next = bounds[i + 1..]
            .iter()
            .find_map(|b| b.0)
            .map(|n| n - 1)
            .or(max);
        match next {
            Some(to) => parts.push(format!("{from}–{to} → {mark}")),
            None => parts.push(format!("от {from} → {mark}")),
        }
    }
    parts.join(", ")
}

// ---- import ------------------------------------------------------------------------

/// A results table of one procedure, subject, grade and year for one municipality.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ResultsImportRequest {
    pub municipality_id: String,
    pub academic_year_id: String,
    pub procedure: Procedure,
    pub subject_id: String,
    pub grade: i32,
    pub format: ImportFormat,
    /// xlsx: base64 of the file; csv and text: the text itself.
    pub content: String,
    /// Counts or percent; default: read off the header («%») or the numbers.
    #[serde(default)]
    pub unit: Option<CountUnit>,
    /// Which column holds what; default: read off the header row, else the positional
    /// layout «ОО · участники · 2 · 3 · 4 · 5».
    #[serde(default)]
    pub mapping: Option<ColumnMapping>,
}

/// One row of the table as the preview shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResultsImportRow {
    pub line: i32,
    /// The school as the table names it.
    pub school_text: String,
    pub school_id: Option<String>,
    pub school_name: Option<String>,
    pub class_label: Option<String>,
    pub participants: i32,
    pub mark2: Option<i32>,
    pub mark3: Option<i32>,
    pub mark4: Option<i32>,
    pub mark5: Option<i32>,
    pub below_threshold: Option<i32>,
    pub mean_score: Option<f64>,
    /// The marks were given in percent and are shown counted.
    pub from_percent: bool,
    pub metrics: Metrics,
    /// The school already has results of this slice: confirm replaces them.
    pub replaces: bool,
    pub errors: Vec<FieldError>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResultsImportPreview {
    pub municipality_id: String,
    pub academic_year_id: String,
    pub procedure: Procedure,
    pub subject_id: String,
    pub grade: i32,
    /// The header row's cells, when the table has one (for the mapping choice).
    pub header: Vec<String>,
    /// The mapping used.
    pub mapping: ColumnMapping,
    /// The unit used (`None`: read row by row).
    pub unit: Option<CountUnit>,
    pub rows: Vec<ResultsImportRow>,
    pub error_rows: i32,
    /// Rows that replace results already stored.
    pub replacing_rows: i32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResultsImportResult {
    pub created: i32,
    /// Stored results that were replaced (archived).
    pub replaced: i32,
    pub result_ids: Vec<String>,
}

/// A percent as the UI shows it: «25,0 %».
pub fn percent_ru(v: Option<f64>) -> String {
    match v {
        Some(x) => format!("{:.1} %", x).replace('.', ","),
        None => "—".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> ResultInput {
        ResultInput {
            academic_year_id: "y".into(),
            procedure: Some(Procedure::Trial),
            subject_id: "s".into(),
            grade: 9,
            school_id: "sc".into(),
            participants: 20,
            mark2: Some(2),
            mark3: Some(8),
            mark4: Some(6),
            mark5: Some(4),
            ..Default::default()
        }
    }

    #[test]
    fn counts_must_add_up() {
        assert!(input().validate().is_ok());
        let bad = ResultInput {
            mark5: Some(5),
            ..input()
        };
        let e = bad.validate().unwrap_err();
        assert_eq!(e[0].code, "counts_mismatch");
        let partial = ResultInput {
            mark5: None,
            ..input()
        };
        assert_eq!(partial.validate().unwrap_err()[0].field, "mark2");
        let ege = ResultInput {
            procedure: Some(Procedure::Ege),
            grade: 11,
            mark2: None,
            mark3: None,
            mark4: None,
            mark5: None,
            below_threshold: Some(3),
            ..input()
        };
        assert!(ege.validate().is_ok());
        assert_eq!(
            ResultInput {
                below_threshold: None,
                ..ege
            }
            .validate()
            .unwrap_err()[0]
                .field,
            "below_threshold"
        );
    }

    #[test]
    fn scales_read_as_one_line() {
        assert_eq!(
            scale_text(Some(20), Some(6), Some(10), Some(14)),
            "0–5 → «2», 6–9 → «3», 10–13 → «4», 14–20 → «5»"
        );
        assert_eq!(
            scale_text(None, Some(27), None, None),
            "0–26 → «2», от 27 → «3»"
        );
        let bad = ScaleInput {
            procedure: Some(Procedure::Vpr),
            grade: 5,
            min3: Some(10),
            min4: Some(6),
            ..Default::default()
        };
        assert_eq!(bad.validate().unwrap_err()[0].code, "invalid_scale");
    }

    #[test]
    fn labels() {
        assert_eq!(Procedure::Vpr.label_ru(), "ВПР");
        assert_eq!(percent_ru(Some(25.0)), "25,0 %");
        for p in Procedure::ALL {
            assert_eq!(Procedure::parse(p.as_str()), Some(*p));
        }
    }
}
