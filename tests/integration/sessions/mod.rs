//! Sessions: planning, conflicts, series, editing, cancelling.

pub mod access;
mod edit;
mod links;
mod schedule;
