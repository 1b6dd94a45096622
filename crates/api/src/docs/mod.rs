//! Documents shared by every feature: reading a table from XLSX, CSV or pasted text
//! into rows of cells, writing a table as XLSX or DOCX, and the preview → confirm table
//! import (parse → per-row errors → a preview that writes nothing → confirm all or
//! nothing). Features keep only their own column mapping and matching.
//!
//! Well-kept crates do the file formats: `calamine` reads XLSX, `csv` parses CSV,
//! `rust_xlsxwriter` writes XLSX and `docx-rs` writes DOCX.

pub mod csv;
pub mod docx;
pub mod form;
pub mod import;
pub mod table;
pub mod xlsx;

pub use import::{confirm, preview, Source, TableImport};
pub use table::{RawRow, TableDoc};

use crate::error::AppError;

pub const XLSX_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
pub const DOCX_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// 422 on the `content` field: the file or text could not be read.
pub(crate) fn bad_content(message: &str) -> AppError {
    AppError::field("content", "unreadable", message)
}
