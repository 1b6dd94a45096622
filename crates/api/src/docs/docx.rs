//! DOCX: a [`TableDoc`] written as a Word document (centred heading, one table).

use super::TableDoc;
use crate::error::{AppError, AppResult};

pub fn to_docx(t: &TableDoc) -> AppResult<Vec<u8>> {
    use docx_rs::{AlignmentType, Docx, Paragraph, Run, Table, TableCell, TableRow};
    let para = |text: &str, bold: bool| {
        let run = Run::new().add_text(text).size(24);
        Paragraph::new().add_run(if bold { run.bold() } else { run })
    };
    let mut doc = Docx::new();
    for (i, h) in t.heading.iter().enumerate() {
        doc = doc.add_paragraph(para(h, i < t.bold_heading_lines).align(AlignmentType::Center));
    }
    let mut rows = vec![TableRow::new(
        t.columns
            .iter()
            .map(|c| TableCell::new().add_paragraph(para(c, true)))
            .collect(),
    )];
    for r in &t.rows {
        if let [heading] = r.as_slice() {
            let cell = TableCell::new()
                .add_paragraph(para(heading, true))
                .grid_span(t.columns.len());
            rows.push(TableRow::new(vec![cell]));
            continue;
        }
        rows.push(TableRow::new(
            r.iter()
                .map(|c| TableCell::new().add_paragraph(para(c, false)))
                .collect(),
        ));
    }
    doc = doc.add_table(Table::new(rows).set_grid(t.docx_grid.clone()));
    let mut buf = std::io::Cursor::new(Vec::new());
    doc.build()
        .pack(&mut buf)
        .map_err(|e| AppError::Internal(format!("docx: {e}")))?;
    Ok(buf.into_inner())
}
