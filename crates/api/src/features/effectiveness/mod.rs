//! The October effectiveness review and the effect analytics (issue 11, plan item 15):
//! read-only figures over sessions, logs, reviews, ИОМ and results, their records, and
//! the DOCX/XLSX report.

mod document;
mod gather;
mod review;
pub mod routes;

pub use routes::endpoints;
