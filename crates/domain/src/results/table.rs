//! Tables of results as schools and municipalities send them: one row per school,
//! columns «ОО · участники · 2 · 3 · 4 · 5» in counts or in percent (ЕГЭ: «ниже
//! минимального порога»), sometimes a class and a mean score. The column mapping is
//! read off the header row (the preview shows it and may be corrected), and each row's
//! cells become counts or the row's errors.

use super::{metrics::counts_from_percents, CountUnit, Procedure};
use crate::text::search_key;
use serde::{Deserialize, Serialize};

/// Which column (from 0) holds what.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ColumnMapping {
    pub school: usize,
    pub participants: usize,
    #[serde(default)]
    pub class_label: Option<usize>,
    /// The «2», «3», «4», «5» columns.
    #[serde(default)]
    pub mark2: Option<usize>,
    #[serde(default)]
    pub mark3: Option<usize>,
    #[serde(default)]
    pub mark4: Option<usize>,
    #[serde(default)]
    pub mark5: Option<usize>,
    /// ЕГЭ: below the minimum threshold.
    #[serde(default)]
    pub below_threshold: Option<usize>,
    #[serde(default)]
    pub mean_score: Option<usize>,
}

impl ColumnMapping {
    /// The positional layout «ОО · участники · 2 · 3 · 4 · 5» (ЕГЭ: «ОО · участники ·
    /// ниже порога»), optionally after a «№» column.
    pub fn positional(procedure: Procedure, numbered: bool) -> ColumnMapping {
        let o = usize::from(numbered);
        let mut m = ColumnMapping {
            school: o,
            participants: o + 1,
            ..Default::default()
        };
        if procedure.by_threshold() {
            m.below_threshold = Some(o + 2);
        } else {
            m.mark2 = Some(o + 2);
            m.mark3 = Some(o + 3);
            m.mark4 = Some(o + 4);
            m.mark5 = Some(o + 5);
        }
        m
    }

    fn marks(&self) -> Option<[usize; 4]> {
        Some([self.mark2?, self.mark3?, self.mark4?, self.mark5?])
    }
}

/// The mark a header names: «2», «"2"», ««2»», «% 2», «кол-во 2», «отметка 5».
fn mark_of(h: &str) -> Option<usize> {
    let digits: String = h.chars().filter(|c| c.is_ascii_digit()).collect();
    let letters = h.chars().filter(|c| c.is_alphabetic()).count();
    match digits.as_str() {
        "2" | "3" | "4" | "5" if letters <= 12 => Some(digits.parse::<usize>().ok()? - 2),
        _ => None,
    }
}

/// The mapping a header row names, and whether it speaks of percents; `None` when
/// the row is not a header (no school and participants columns).
pub fn header_mapping(cells: &[String]) -> Option<(ColumnMapping, bool)> {
    let mut m = ColumnMapping::default();
    let (mut school, mut participants) = (None, None);
    let mut marks: [Option<usize>; 4] = [None; 4];
    let mut percent = false;
    for (i, c) in cells.iter().enumerate() {
        let h = search_key(c);
        let h = h.trim();
        if h.is_empty() {
            continue;
        }
        if h.contains('%') || h.contains("процент") || h.contains("доля") {
            percent = true;
        }
        let has = |p: &str| h.contains(p);
        if school.is_none()
            && (h == "оо" || has("оо ") || has("школ") || has("организац") || has("наименован"))
        {
            school = Some(i);
        } else if participants.is_none() && (has("участ") || has("писали") || has("выполнял"))
        {
            participants = Some(i);
        } else if has("класс") && m.class_label.is_none() {
            m.class_label = Some(i);
        } else if has("порог") || has("ниже мин") || has("не преодол") || has("не сдал")
        {
            m.below_threshold = Some(i);
        } else if has("средн") {
            m.mean_score = Some(i);
        } else if let Some(k) = mark_of(h) {
            marks[k].get_or_insert(i);
        }
    }
    m.school = school?;
    m.participants = participants?;
    [m.mark2, m.mark3, m.mark4, m.mark5] = marks;
    Some((m, percent))
}

/// The numbers a row gives, counted.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RowNumbers {
    pub school: String,
    pub class_label: Option<String>,
    pub participants: i32,
    pub marks: Option<[i32; 4]>,
    pub below_threshold: Option<i32>,
    pub mean_score: Option<f64>,
    /// Whether the marks were given in percent.
    pub from_percent: bool,
}

fn number(s: &str) -> Option<f64> {
    let t: String = s
        .trim()
        .trim_end_matches('%')
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect();
    t.replace(',', ".").parse().ok()
}

fn cell(cells: &[String], i: Option<usize>) -> Option<&str> {
    i.and_then(|i| cells.get(i))
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
}

/// Reads a data row by `m`; `unit` says whether the marks are counts or percent
/// (`None`: percent when they add up to 100 but not to the participants). Errors are
/// Russian phrases without the line number.
pub fn read_row(
    cells: &[String],
    m: &ColumnMapping,
    unit: Option<CountUnit>,
    procedure: Procedure,
) -> Result<RowNumbers, Vec<String>> {
    let mut errors = Vec::new();
    let school = cell(cells, Some(m.school)).unwrap_or("").to_string();
    if school.is_empty() {
        errors.push("не указана школа".to_string());
    }
    let participants = match cell(cells, Some(m.participants)).map(number) {
        Some(Some(p)) if p >= 1.0 && p.fract() == 0.0 && p <= 100_000.0 => p as i32,
        Some(_) => {
            errors.push("число участников — целое число от 1".to_string());
            0
        }
        None => {
            errors.push("не указано число участников".to_string());
            0
        }
    };
    let mut row = RowNumbers {
        school,
        class_label: cell(cells, m.class_label).map(str::to_string),
        participants,
        ..Default::default()
    };
    if let Some(s) = cell(cells, m.mean_score) {
        match number(s) {
            Some(x) if x >= 0.0 => row.mean_score = Some(x),
            _ => errors.push(format!("средний балл «{s}» — не число")),
        }
    }
    let counted = |n: f64, what: &str, errors: &mut Vec<String>| -> i32 {
        if n < 0.0 || n.fract() != 0.0 {
            errors.push(format!("{what}: ожидается целое число"));
        }
        n as i32
    };
    if let Some(s) = cell(cells, m.below_threshold) {
        match number(s) {
            Some(x) => {
                let b = if unit == Some(CountUnit::Percent) {
                    (x * participants as f64 / 100.0).round()
                } else {
                    x
                };
                row.below_threshold = Some(counted(b, "ниже порога", &mut errors));
            }
            None => errors.push(format!("«ниже порога»: «{s}» — не число")),
        }
    }
    if let Some(cols) = m.marks() {
        let raw: Vec<Option<f64>> = cols
            .iter()
            .map(|i| cell(cells, Some(*i)).map(number).unwrap_or(Some(0.0)))
            .collect();
        if raw.iter().any(Option::is_none) {
            errors.push("отметки «2»–«5» должны быть числами".to_string());
        } else {
            let v: Vec<f64> = raw.into_iter().flatten().collect();
            let v = [v[0], v[1], v[2], v[3]];
            let sum: f64 = v.iter().sum();
            let percent = match unit {
                Some(u) => u == CountUnit::Percent,
                None => {
                    (sum - 100.0).abs() <= 1.0
                        && (sum - participants as f64).abs() > 0.5
                        && v.iter()
                            .any(|x| x.fract() != 0.0 || sum > participants as f64)
                }
            };
            if percent {
                row.from_percent = true;
                match counts_from_percents(participants.max(0), v) {
                    Ok(c) => row.marks = Some(c),
                    Err(e) => errors.push(e),
                }
            } else {
                let c = v.map(|x| counted(x, "отметки", &mut errors));
                row.marks = Some(c);
            }
        }
    }
    if let Some(c) = row.marks {
        let s: i32 = c.iter().sum();
        if participants > 0 && s != participants {
            errors.push(format!(
                "«2»+«3»+«4»+«5» = {s}, а участников {participants}"
            ));
        }
    }
    if procedure.by_threshold() {
        if row.below_threshold.is_none() && row.marks.is_none() {
            errors.push("для ЕГЭ укажите число не преодолевших минимальный порог".into());
        }
    } else if row.marks.is_none() {
        errors.push("не указаны отметки «2»–«5»".to_string());
    }
    if row.below_threshold.is_some_and(|b| b > participants) {
        errors.push("не преодолевших порог больше, чем участников".to_string());
    }
    if errors.is_empty() {
        Ok(row)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn header_names_the_columns() {
        let (m, pct) = header_mapping(&v(&[
            "№",
            "ОО",
            "Кол-во участников",
            "«2»",
            "«3»",
            "«4»",
            "«5»",
            "Средний балл",
        ]))
        .unwrap();
        assert_eq!((m.school, m.participants), (1, 2));
        assert_eq!(
            (m.mark2, m.mark3, m.mark4, m.mark5, m.mean_score),
            (Some(3), Some(4), Some(5), Some(6), Some(7))
        );
        assert!(!pct);
        let (m, pct) =
            header_mapping(&v(&["Школа", "Участники", "% 2", "% 3", "% 4", "% 5"])).unwrap();
        assert_eq!(m.mark5, Some(5));
        assert!(pct);
        assert!(header_mapping(&v(&["1", "МБОУ СОШ № 1", "25"])).is_none());
    }

    #[test]
    fn rows_in_counts_and_in_percent() {
        let m = ColumnMapping::positional(Procedure::Vpr, false);
        let r = read_row(
            &v(&["СОШ № 1", "40", "10", "14", "12", "4"]),
            &m,
            None,
            Procedure::Vpr,
        )
        .unwrap();
        assert_eq!(r.marks, Some([10, 14, 12, 4]));
        assert!(!r.from_percent);
        let r = read_row(
            &v(&["СОШ № 1", "27", "11,1", "33,3", "40,7", "14,9"]),
            &m,
            None,
            Procedure::Vpr,
        )
        .unwrap();
        assert_eq!(r.marks, Some([3, 9, 11, 4]));
        assert!(r.from_percent);
        let r = read_row(
            &v(&["СОШ № 1", "50", "10", "30", "40", "20"]),
            &m,
            Some(CountUnit::Percent),
            Procedure::Vpr,
        )
        .unwrap();
        assert_eq!(r.marks, Some([5, 15, 20, 10]));
        // An integer row summing to 100 with 100 participants is counts.
        let r = read_row(
            &v(&["СОШ", "100", "10", "30", "40", "20"]),
            &m,
            None,
            Procedure::Vpr,
        )
        .unwrap();
        assert_eq!(r.marks, Some([10, 30, 40, 20]));
    }

    #[test]
    fn row_errors_are_collected() {
        let m = ColumnMapping::positional(Procedure::Vpr, false);
        let e = read_row(&v(&["", "x", "1", "2", "3", "4"]), &m, None, Procedure::Vpr).unwrap_err();
        assert_eq!(e.len(), 2, "{e:?}");
        let e = read_row(
            &v(&["СОШ", "40", "10", "14", "12", "5"]),
            &m,
            None,
            Procedure::Vpr,
        )
        .unwrap_err();
        assert_eq!(e, vec!["«2»+«3»+«4»+«5» = 41, а участников 40"]);
        let ege = ColumnMapping::positional(Procedure::Ege, false);
        let r = read_row(&v(&["СОШ", "12", "3"]), &ege, None, Procedure::Ege).unwrap();
        assert_eq!(r.below_threshold, Some(3));
        assert!(read_row(&v(&["СОШ", "12", "13"]), &ege, None, Procedure::Ege).is_err());
    }
}
