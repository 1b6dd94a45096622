//! CSV as Russian Excel and other programs write it.

use super::{bad_content, RawRow};
use crate::error::AppResult;

/// Rows of a CSV text; the delimiter is guessed from the first line.
pub fn parse_csv(content: &str) -> AppResult<Vec<RawRow>> {
    let first = content.lines().next().unwrap_or("");
    // Russian Excel writes `;`; otherwise the most frequent of tab and comma.
    let delim = [b';', b'\t', b',']
        .into_iter()
        .max_by_key(|d| first.bytes().filter(|b| b == d).count())
        .unwrap_or(b';');
    let mut r = ::csv::ReaderBuilder::new()
        .delimiter(delim)
        .has_headers(false)
        .flexible(true)
        .from_reader(content.trim_start_matches('\u{feff}').as_bytes());
    let mut rows = Vec::new();
    for rec in r.records() {
        let rec = rec.map_err(|e| bad_content(&format!("Не удалось прочитать CSV: {e}")))?;
        let line = rec.position().map(|p| p.line() as i32).unwrap_or(0);
        rows.push(RawRow {
            line,
            cells: rec.iter().map(|c| c.trim().to_string()).collect(),
        });
    }
    Ok(rows)
}
