//! The preview → confirm table import every feature uses: the table is read (XLSX, CSV
//! or pasted text), its data rows are analysed by the feature into a plan with per-row
//! errors, the preview returns that plan and writes nothing, and confirm analyses the
//! same content again and applies the plan only when no row has an error — all or
//! nothing, inside the caller's write transaction.

use super::{csv::parse_csv, table::parse_text, table::skip_row, xlsx::parse_xlsx, RawRow};
use crate::error::{AppError, AppResult};
use crate::store::DbConn;
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

impl From<tutornet_domain::composition::ImportFormat> for Source {
    fn from(f: tutornet_domain::composition::ImportFormat) -> Source {
        use tutornet_domain::composition::ImportFormat as F;
        match f {
            F::Text => Source::Text,
            F::Csv => Source::Csv,
            F::Xlsx => Source::Xlsx,
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use diesel::Connection;
    use std::cell::Cell;

    /// Counts the cells of each row; a row with a cell «плохо» has an error.
    #[derive(Default)]
    struct Cells {
        applied: Cell<bool>,
    }

    impl TableImport for Cells {
        type Plan = Vec<(usize, Vec<FieldError>)>;
        type Done = usize;
        const NO_ROWS: &'static str = "Пусто";

        fn analyse(&self, _: &mut DbConn, rows: Vec<RawRow>) -> AppResult<Self::Plan> {
            Ok(rows
                .into_iter()
                .map(|r| {
                    let bad = r.cells.iter().any(|c| c == "плохо");
                    let errors = if bad {
                        vec![FieldError::new("rows", "bad", "плохо")]
                    } else {
                        Vec::new()
                    };
                    (r.cells.len(), errors)
                })
                .collect())
        }
        fn rows(plan: &Self::Plan) -> usize {
            plan.len()
        }
        fn errors(plan: &Self::Plan) -> Vec<FieldError> {
            plan.iter().flat_map(|r| r.1.clone()).collect()
        }
        fn apply(&self, _: &mut DbConn, plan: Self::Plan) -> AppResult<usize> {
            self.applied.set(true);
            Ok(plan.len())
        }
    }

    fn conn() -> DbConn {
        DbConn::Sqlite(diesel::SqliteConnection::establish(":memory:").unwrap())
    }

    fn field_code(e: AppError) -> String {
        match e {
            AppError::Validation(errs) => errs[0].code.clone(),
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn preview_skips_headers_and_confirm_is_all_or_nothing() {
        let c = &mut conn();
        let imp = Cells::default();
        let text = "№ п/п\tИмя\n1\tА\tБ\n2\tплохо\n";
        let plan = preview(c, &imp, Source::Text, text).unwrap();
        assert_eq!(plan.len(), 2);
        assert_eq!(
            field_code(confirm(c, &imp, Source::Text, text).unwrap_err()),
            "bad"
        );
        assert!(!imp.applied.get());
        assert_eq!(confirm(c, &imp, Source::Csv, "1;А;Б\n2;В\n").unwrap(), 2);
        assert!(imp.applied.get());
    }

    #[test]
    fn blank_content_and_tables_without_rows_are_422() {
        let c = &mut conn();
        let imp = Cells::default();
        assert_eq!(
            field_code(preview(c, &imp, Source::Text, "  ").unwrap_err()),
            "required"
        );
        assert_eq!(
            field_code(preview(c, &imp, Source::Text, "СОСТАВ\n----\t---").unwrap_err()),
            "empty"
        );
        assert_eq!(
            field_code(preview(c, &imp, Source::Xlsx, "не base64").unwrap_err()),
            "unreadable"
        );
    }

    #[test]
    fn an_xlsx_table_reads_back() {
        use base64::Engine;
        let doc = super::super::TableDoc {
            sheet: "Лист".into(),
            heading: vec!["Заголовок".into()],
            bold_heading_lines: 1,
            columns: vec!["№".into(), "Имя".into()],
            rows: vec![vec!["1".into(), "Иванова".into()]],
            numbered: true,
            xlsx_widths: vec![6.0, 20.0],
            docx_grid: vec![700, 2000],
        };
        let bytes = super::super::xlsx::to_xlsx(&doc).unwrap();
        let b64 = base64::engine::general_purpose::STANDARD.encode(bytes);
        let rows = read_table(Source::Xlsx, &b64).unwrap();
        assert_eq!(rows.last().unwrap().cells, vec!["1", "Иванова"]);
        assert!(!super::super::docx::to_docx(&doc).unwrap().is_empty());
    }
}
