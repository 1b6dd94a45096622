//! The coordinator's dashboard of the consultation point.

pub mod access;
mod counts;
mod stale;
