//! Deficit diagnostics: the campaigns of the municipality and one campaign's results.

pub mod card;
mod import;
pub mod list;
