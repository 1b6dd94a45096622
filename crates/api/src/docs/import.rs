//! The preview → confirm table import every feature uses: the table is read (XLSX, CSV
//! or pasted text), its data rows are analysed by the feature into a plan with per-row
//! errors, the preview returns that plan and writes nothing, and confirm analyses the
//! same content again and applies the plan only when no row has an error — all or
//! nothing, inside the caller's write transaction.

use super::{csv::parse_csv, table::parse_text, table::skip_row, xlsx::parse_xlsx, RawRow};
use crate::db::DbConn;
use crate::error::{AppError, AppResult};
use tutornet_domain::FieldError;

/// Where the table comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Pasted text: cells split on tabs or runs of spaces.
    Text,
    Csv,
    /// A base64-encoded XLSX file (its first sheet).
    Xlsx,
}

/// Reads the table's rows, blank and header rows included.
pub fn read_table(source: Source, content: &str) -> AppResult<Vec<RawRow>> {
    match source {
        Source::Text => Ok(parse_text(content)),
        Source::Csv => parse_csv(content),
        Source::Xlsx => parse_xlsx(content),
    }
}

/// One feature's import: how its data rows become a plan, and how a plan is applied.
pub trait TableImport {
    /// What the preview shows (and confirm applies).
    type Plan;
    /// What confirm answers.
    type Done;
    /// The 422 message when the table has no data rows.
    const NO_ROWS: &'static str;

    /// Matches the data rows (blank, header and heading rows already left out); a row
    /// that cannot be used carries its errors in the plan. Reads only.
    fn analyse(&self, conn: &mut DbConn, rows: Vec<RawRow>) -> AppResult<Self::Plan>;
    /// How many rows the plan has.
    fn rows(plan: &Self::Plan) -> usize;
    /// Every row error of the plan.
    fn errors(plan: &Self::Plan) -> Vec<FieldError>;
    /// Writes the plan (called only when it has no errors).
    fn apply(&self, conn: &mut DbConn, plan: Self::Plan) -> AppResult<Self::Done>;
}

/// Reads and analyses the table; writes nothing.
pub fn preview<I: TableImport>(
    conn: &mut DbConn,
    import: &I,
    source: Source,
    content: &str,
) -> AppResult<I::Plan> {
    if content.trim().is_empty() {
        return Err(AppError::field(
            "content",
            "required",
            "Вставьте таблицу или выберите файл",
        ));
    }
    let rows: Vec<RawRow> = read_table(source, content)?
        .into_iter()
        .filter(|r| !skip_row(&r.cells))
        .collect();
    let plan = import.analyse(conn, rows)?;
    if I::rows(&plan) == 0 {
        return Err(AppError::field("content", "empty", I::NO_ROWS));
    }
    Ok(plan)
}

/// Analyses the table again and applies it when no row has an error (422 with every
/// row's errors otherwise).
pub fn confirm<I: TableImport>(
    conn: &mut DbConn,
    import: &I,
    source: Source,
    content: &str,
) -> AppResult<I::Done> {
    let plan = preview(conn, import, source, content)?;
    let errors = I::errors(&plan);
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    import.apply(conn, plan)
}
