//! Sessions: planning, conflicts, series, editing, cancelling.

pub mod access;
mod edit;
mod schedule;
