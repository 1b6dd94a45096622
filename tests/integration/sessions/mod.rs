//! Sessions: planning, conflicts, series, editing, cancelling.

pub mod access;
mod busy;
mod edit;
mod links;
mod schedule;
mod series;
mod targeting;
