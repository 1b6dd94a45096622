//! Sessions: planning, conflicts, series, editing, cancelling.

pub mod access;
mod audience;
mod busy;
mod edit;
mod links;
mod schedule;
mod series;
mod targeting;
