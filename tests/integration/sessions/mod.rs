//! Sessions: planning, conflicts, series, editing, cancelling.

pub mod access;
mod edit;
mod links;
mod schedule;
mod series;
mod targeting;
mod busy;
