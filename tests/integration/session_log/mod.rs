//! The log of a held session: holding, amendments, ratings.

pub mod access;
mod holding;
