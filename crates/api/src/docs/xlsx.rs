//! XLSX: the first sheet read as rows of cells; a [`TableDoc`] written as a workbook.

use super::{bad_content, RawRow, TableDoc};
use crate::error::{AppError, AppResult};

/// Rows of the first sheet of a base64-encoded XLSX file.
pub fn parse_xlsx(base64_content: &str) -> AppResult<Vec<RawRow>> {
    use base64::Engine;
    use calamine::{Reader, Xlsx};
    let compact: String = base64_content.split_whitespace().collect();
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(compact.as_bytes())
        .map_err(|_| bad_content("Файл XLSX должен быть передан в base64"))?;
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes))
        .map_err(|_| bad_content("Не удалось открыть файл XLSX"))?;
    let range = book
        .worksheet_range_at(0)
        .ok_or_else(|| bad_content("В файле XLSX нет листов"))?
        .map_err(|_| bad_content("Не удалось прочитать первый лист XLSX"))?;
    let start = range.start().map(|(r, _)| r as i32).unwrap_or(0);
    Ok(range
        .rows()
        .enumerate()
        .map(|(i, row)| RawRow {
            line: start + i as i32 + 1,
            cells: row
                .iter()
                .map(|c| c.to_string().trim().to_string())
                .collect(),
        })
        .collect())
}

fn xlsx_err(e: rust_xlsxwriter::XlsxError) -> AppError {
    AppError::Internal(format!("xlsx: {e}"))
}

/// The table as a one-sheet workbook: merged bold heading lines, a bordered table.
pub fn to_xlsx(t: &TableDoc) -> AppResult<Vec<u8>> {
    to_xlsx_sheets(std::slice::from_ref(t))
}

/// Several tables, a worksheet each, in one workbook.
pub fn to_xlsx_sheets(sheets: &[TableDoc]) -> AppResult<Vec<u8>> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    for t in sheets {
        write_sheet(wb.add_worksheet(), t)?;
    }
    wb.save_to_buffer().map_err(xlsx_err)
}

fn write_sheet(ws: &mut rust_xlsxwriter::Worksheet, t: &TableDoc) -> AppResult<()> {
    use rust_xlsxwriter::{Format, FormatAlign, FormatBorder};
    let err = xlsx_err;
    let last_col = t.columns.len().saturating_sub(1) as u16;
    ws.set_name(&t.sheet).map_err(err)?;
    let bold = Format::new().set_bold().set_align(FormatAlign::Center);
    let head = Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::Center);
    let cell = Format::new()
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    for (i, h) in t.heading.iter().enumerate() {
        ws.merge_range(i as u32, 0, i as u32, last_col, h, &bold)
            .map_err(err)?;
    }
    let top = t.heading.len() as u32 + 1;
    for (c, name) in t.columns.iter().enumerate() {
        ws.write_with_format(top, c as u16, name, &head)
            .map_err(err)?;
    }
    let section = Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Left);
    for (r, row) in t.rows.iter().enumerate() {
        let r = top + 1 + r as u32;
        if let [heading] = row.as_slice() {
            ws.merge_range(r, 0, r, last_col, heading, &section)
                .map_err(err)?;
            continue;
        }
        for (c, v) in row.iter().enumerate() {
            match v.parse::<f64>() {
                Ok(n) if c == 0 && t.numbered => {
                    ws.write_number_with_format(r, 0, n, &cell).map_err(err)?;
                }
                _ => {
                    ws.write_with_format(r, c as u16, v, &cell).map_err(err)?;
                }
            }
        }
    }
    for (c, w) in t.xlsx_widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w).map_err(err)?;
    }
    Ok(())
}
