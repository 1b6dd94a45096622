//! Printed forms in the layout of the seeds' documents (SEED-GAPS part c): a DOCX
//! written from blocks (letterhead lines, the requisites line, paragraphs with a bold
//! tail, numbered items, a table whose header repeats on every page, the signature
//! «должность … И.О. Фамилия»), and the order's appendix as XLSX (stamp in C–D, title,
//! header row, data, signature). A4 portrait, Times New Roman.

use crate::error::{AppError, AppResult};

/// Where a paragraph sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Centre,
    Right,
    Justify,
}

/// One block of a printed document.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A paragraph of runs (text, bold).
    Para(Align, Vec<(String, bool)>),
    /// A paragraph of runs (text, bold, italic).
    Rich(Align, Vec<(String, bool, bool)>),
    /// An empty line.
    Blank,
    /// One line: left, centre and right parts («09.01.2023 г.» · «г. Лабинск» · «№ 01-03/24»).
    Requisites(String, String, String),
    /// The signature: position on the left, «И.О. Фамилия» on the right.
    Signature(String, String),
    /// A bordered table: header row (bold, centred, repeated on each page) and rows;
    /// `grid` in twentieths of a point.
    Table {
        columns: Vec<String>,
        rows: Vec<Vec<String>>,
        grid: Vec<usize>,
    },
}

impl Block {
    /// A paragraph of one run.
    pub fn text(align: Align, text: impl Into<String>, bold: bool) -> Block {
        Block::Para(align, vec![(text.into(), bold)])
    }
}

/// The order's appendix: the stamp, the title, the table and the signature.
pub struct AppendixDoc {
    pub sheet: String,
    /// Right-aligned lines: «Приложение №1 к приказу» / issuer / «№ … от ДД.ММ.ГГГГг.».
    pub stamp: Vec<String>,
    /// Centred bold lines.
    pub title: Vec<String>,
    pub columns: Vec<String>,
    /// The first cell of each row is its number (written as a number in XLSX).
    pub rows: Vec<Vec<String>>,
    pub xlsx_widths: Vec<f64>,
    pub docx_grid: Vec<usize>,
    /// (position, name).
    pub signature: (String, String),
}

impl AppendixDoc {
    /// The appendix as DOCX blocks.
    pub fn blocks(&self) -> Vec<Block> {
        let mut b: Vec<Block> = self
            .stamp
            .iter()
            .map(|l| Block::text(Align::Right, l, false))
            .collect();
        b.push(Block::Blank);
        b.extend(
            self.title
                .iter()
                .map(|l| Block::text(Align::Centre, l, true)),
        );
        b.push(Block::Blank);
        b.push(Block::Table {
            columns: self.columns.clone(),
            rows: self.rows.clone(),
            grid: self.docx_grid.clone(),
        });
        b.push(Block::Blank);
        b.push(Block::Signature(
            self.signature.0.clone(),
            self.signature.1.clone(),
        ));
        b
    }
}

const FONT: &str = "Times New Roman";
/// A4 text width between the margins (3 cm left, 1.5 cm right), in twips.
const TEXT_WIDTH: usize = 11906 - 1701 - 850;
/// Marks the header row until the XML is patched (docx-rs writes no `w:tblHeader`).
const HEADER_ROW: &str = "<w:trPr><w:cantSplit /></w:trPr>";

/// The blocks as a Word document.
pub fn to_docx(blocks: &[Block]) -> AppResult<Vec<u8>> {
    use docx_rs::{
        AlignmentType, Docx, PageMargin, Paragraph, Run, RunFonts, Tab, TabValueType, Table,
        TableCell, TableRow, VAlignType, WidthType,
    };
    let run = |text: &str, bold: bool, size: usize| {
        let r = Run::new().add_text(text).size(size);
        if bold {
            r.bold()
        } else {
            r
        }
    };
    let align = |a: Align| match a {
        Align::Left => AlignmentType::Left,
        Align::Centre => AlignmentType::Center,
        Align::Right => AlignmentType::Right,
        Align::Justify => AlignmentType::Both,
    };
    let mut doc = Docx::new()
        .default_fonts(
            RunFonts::new()
                .ascii(FONT)
                .hi_ansi(FONT)
                .cs(FONT)
                .east_asia(FONT),
        )
        .default_size(28)
        .page_margin(PageMargin {
            top: 1134,
            left: 1701,
            bottom: 1134,
            right: 850,
            header: 709,
            footer: 709,
            gutter: 0,
        });
    for b in blocks {
        doc = match b {
            Block::Para(a, runs) => {
                let mut p = Paragraph::new().align(align(*a));
                for (t, bold) in runs {
                    p = p.add_run(run(t, *bold, 28));
                }
                doc.add_paragraph(p)
            }
            Block::Rich(a, runs) => {
                let mut p = Paragraph::new().align(align(*a));
                for (t, bold, italic) in runs {
                    let r = run(t, *bold, 28);
                    p = p.add_run(if *italic { r.italic() } else { r });
                }
                doc.add_paragraph(p)
            }
            Block::Blank => doc.add_paragraph(Paragraph::new()),
            Block::Requisites(l, c, r) => doc.add_paragraph(
                Paragraph::new()
                    .add_tab(Tab::new().val(TabValueType::Center).pos(TEXT_WIDTH / 2))
                    .add_tab(Tab::new().val(TabValueType::Right).pos(TEXT_WIDTH))
                    .add_run(run(l, false, 28).add_tab())
                    .add_run(run(c, false, 28).add_tab())
                    .add_run(run(r, false, 28)),
            ),
            Block::Signature(position, name) => doc.add_paragraph(
                Paragraph::new()
                    .add_tab(Tab::new().val(TabValueType::Right).pos(TEXT_WIDTH))
                    .add_run(run(position, false, 28).add_tab())
                    .add_run(run(name, false, 28)),
            ),
            Block::Table {
                columns,
                rows,
                grid,
            } => {
                let cell = |text: &str, bold: bool, w: usize| {
                    let p = Paragraph::new().add_run(run(text, bold, 24));
                    let p = if bold {
                        p.align(AlignmentType::Center)
                    } else {
                        p
                    };
                    TableCell::new()
                        .add_paragraph(p)
                        .vertical_align(VAlignType::Top)
                        .width(w, WidthType::Dxa)
                };
                let w = |i: usize| grid.get(i).copied().unwrap_or(1000);
                let mut trs = vec![TableRow::new(
                    columns
                        .iter()
                        .enumerate()
                        .map(|(i, c)| cell(c, true, w(i)))
                        .collect(),
                )
                .cant_split()];
                for r in rows {
                    trs.push(TableRow::new(
                        r.iter()
                            .enumerate()
                            .map(|(i, c)| cell(c, false, w(i)))
                            .collect(),
                    ));
                }
                doc.add_table(Table::new(trs).set_grid(grid.clone()))
            }
        };
    }
    let mut xml = doc.build();
    let text = String::from_utf8(std::mem::take(&mut xml.document))
        .map_err(|e| AppError::Internal(format!("docx: {e}")))?;
    xml.document = text
        .replace(
            HEADER_ROW,
            "<w:trPr><w:cantSplit /><w:tblHeader /></w:trPr>",
        )
        .into_bytes();
    let mut buf = std::io::Cursor::new(Vec::new());
    xml.pack(&mut buf)
        .map_err(|e| AppError::Internal(format!("docx: {e}")))?;
    Ok(buf.into_inner())
}

/// The appendix as a workbook (SEED-GAPS 4.1 item 6): the stamp merged in C–D
/// right-aligned (rows 1–3), the title merged A–D (rows 5–6), the header in row 8
/// (repeated on each printed page), data from row 9, the signature two rows below.
pub fn appendix_xlsx(a: &AppendixDoc) -> AppResult<Vec<u8>> {
    use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook};
    let err = |e: rust_xlsxwriter::XlsxError| AppError::Internal(format!("xlsx: {e}"));
    let last = a.columns.len().saturating_sub(1) as u16;
    let base = || Format::new().set_font_name(FONT).set_font_size(12);
    let stamp = base().set_align(FormatAlign::Right);
    let title = base().set_bold().set_align(FormatAlign::Center);
    let head = base()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter);
    let cell = base()
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let left = base();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(&a.sheet).map_err(err)?;
    ws.set_paper_size(9);
    ws.set_portrait();
    ws.set_print_fit_to_pages(1, 0);
    // A text over columns `from..=to` of row `r` (merged when they are several).
    let span =
        |ws: &mut rust_xlsxwriter::Worksheet, r: u32, from: u16, to: u16, t: &str, f: &Format| {
            if from < to {
                ws.merge_range(r, from, r, to, t, f).map(|_| ())
            } else {
                ws.write_with_format(r, to, t, f).map(|_| ())
            }
        };
    for (i, l) in a.stamp.iter().enumerate() {
        span(ws, i as u32, 2.min(last), last, l, &stamp).map_err(err)?;
    }
    let title_row = a.stamp.len() as u32 + 1;
    for (i, l) in a.title.iter().enumerate() {
        let r = title_row + i as u32;
        span(ws, r, 0, last, l, &title).map_err(err)?;
    }
    let header = title_row + a.title.len() as u32 + 1;
    for (c, name) in a.columns.iter().enumerate() {
        ws.write_with_format(header, c as u16, name, &head)
            .map_err(err)?;
    }
    ws.set_repeat_rows(header, header).map_err(err)?;
    for (r, row) in a.rows.iter().enumerate() {
        let r = header + 1 + r as u32;
        for (c, v) in row.iter().enumerate() {
            match v.parse::<f64>() {
                Ok(n) if c == 0 => ws.write_number_with_format(r, 0, n, &cell),
                _ => ws.write_with_format(r, c as u16, v, &cell),
            }
            .map_err(err)?;
        }
    }
    let sig = header + a.rows.len() as u32 + 2;
    span(ws, sig, 0, last.saturating_sub(1), &a.signature.0, &left).map_err(err)?;
    ws.write_with_format(sig, last, &a.signature.1, &stamp)
        .map_err(err)?;
    for (c, w) in a.xlsx_widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w).map_err(err)?;
    }
    wb.save_to_buffer().map_err(err)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> AppendixDoc {
        AppendixDoc {
            sheet: "Состав".into(),
            stamp: vec!["Приложение №1 к приказу".into(), "МКУ ИМЦ".into()],
            title: vec!["СОСТАВ".into()],
            columns: vec![
                "№ п/п".into(),
                "Предмет".into(),
                "ФИО".into(),
                "Место".into(),
            ],
            rows: vec![vec![
                "1".into(),
                "Математика".into(),
                "Иванова".into(),
                "СОШ".into(),
            ]],
            xlsx_widths: vec![6.0, 24.0, 34.0, 70.0],
            docx_grid: vec![700, 2000, 2800, 4300],
            signature: ("Директор".into(), "С.И. Клименко".into()),
        }
    }

    #[test]
    fn the_xlsx_has_stamp_title_header_and_signature() {
        use calamine::{Reader, Xlsx};
        let bytes = appendix_xlsx(&doc()).unwrap();
        let mut book: Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        let range = book.worksheet_range_at(0).unwrap().unwrap();
        let at = |r: u32, c: u32| range.get_value((r, c)).map(|v| v.to_string());
        assert_eq!(at(0, 2).as_deref(), Some("Приложение №1 к приказу"));
        assert_eq!(at(3, 0).as_deref(), Some("СОСТАВ"));
        assert_eq!(at(5, 0).as_deref(), Some("№ п/п"));
        assert_eq!(at(6, 1).as_deref(), Some("Математика"));
        assert_eq!(at(8, 0).as_deref(), Some("Директор"));
        assert_eq!(at(8, 3).as_deref(), Some("С.И. Клименко"));
        assert!(!to_docx(&doc().blocks()).unwrap().is_empty());
    }
}
