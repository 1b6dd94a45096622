//! A table as rows of cells (what every reader produces), pasted text, and the table
//! document the writers take.

/// A table row: its line (from 1) and cells.
#[derive(Debug, Clone, PartialEq)]
pub struct RawRow {
    pub line: i32,
    pub cells: Vec<String>,
}

/// A titled table to write as XLSX or DOCX: heading lines above, a header row, rows.
pub struct TableDoc {
    /// The worksheet's name (XLSX).
    pub sheet: String,
    /// Centred lines above the table.
    pub heading: Vec<String>,
    /// How many of the heading lines are bold in DOCX (in XLSX all are).
    pub bold_heading_lines: usize,
    pub columns: Vec<String>,
    /// Each row has one cell per column; a first column of row numbers is written as
    /// numbers in XLSX when `numbered`. A row of one cell is a section heading (bold,
    /// across every column), e.g. a subject of the schedule.
    pub rows: Vec<Vec<String>>,
    pub numbered: bool,
    /// Column widths in XLSX characters.
    pub xlsx_widths: Vec<f64>,
    /// Column widths in DOCX twentieths of a point.
    pub docx_grid: Vec<usize>,
}

/// Splits a pasted line: on tabs if it has any, else on runs of 2+ spaces.
fn split_pasted(line: &str) -> Vec<String> {
    if line.contains('\t') {
        return line.split('\t').map(|c| c.trim().to_string()).collect();
    }
    let mut cells = Vec::new();
    let mut cur = String::new();
    let mut spaces = 0;
    for c in line.chars() {
        if c == ' ' || c == '\u{a0}' {
            spaces += 1;
            continue;
        }
        if spaces >= 2 && !cur.is_empty() {
            cells.push(std::mem::take(&mut cur));
        } else if spaces == 1 && !cur.is_empty() {
            cur.push(' ');
        }
        spaces = 0;
        cur.push(c);
    }
    if !cur.is_empty() {
        cells.push(cur);
    }
    cells
}

/// A table pasted from a document or a spreadsheet: a row per line.
pub fn parse_text(content: &str) -> Vec<RawRow> {
    content
        .lines()
        .enumerate()
        .map(|(i, l)| RawRow {
            line: i as i32 + 1,
            cells: split_pasted(l.trim_end_matches('\r')),
        })
        .collect()
}

/// Whether a row is not data: blank, the header «№ п/п…», a line of dashes, a lone
/// heading line («СОСТАВ») or the signature («Директор …» · «С.И. Клименко»: two cells,
/// the first not a number).
pub fn skip_row(cells: &[String]) -> bool {
    let filled: Vec<&String> = cells.iter().filter(|c| !c.trim().is_empty()).collect();
    if filled.len() <= 1 {
        return true;
    }
    let number = |s: &str| s.trim().trim_end_matches('.').parse::<u32>().is_ok();
    if filled.len() == 2 && !number(filled[0]) {
        return true;
    }
    if filled.iter().all(|c| {
        c.chars()
            .all(|ch| ch == '-' || ch == '—' || ch.is_whitespace())
    }) {
        return true;
    }
    let first = tutornet_domain::text::search_key(filled[0]);
    first.starts_with('№') || first.contains("п/п")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pasted_lines_split_on_tabs_or_spaces() {
        assert_eq!(
            split_pasted("1\tМатематика\tИванова"),
            vec!["1", "Математика", "Иванова"]
        );
        assert_eq!(
            split_pasted("1   Русский язык  Иванова Анна"),
            vec!["1", "Русский язык", "Иванова Анна"]
        );
    }

    #[test]
    fn skips_header_dashes_and_headings() {
        let v = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(skip_row(&v(&[
            "№ п/п",
            "Предмет",
            "ФИО (полностью)",
            "Должность"
        ])));
        assert!(skip_row(&v(&["----", "------", "--"])));
        assert!(skip_row(&v(&["**СОСТАВ**"])));
        assert!(skip_row(&v(&["Директор МКУ ИМЦ", "", "", "С.И. Клименко"])));
        assert!(!skip_row(&v(&["1", "Математика", "Иванова", "учитель"])));
    }
}
