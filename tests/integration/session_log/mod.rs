//! The log of a held session: holding, amendments, ratings; the log's rules (opens at
//! the start, class for pupils, hours, walk-ins, requesters) and its race.

pub mod access;
mod holding;
mod journal;
mod race;
