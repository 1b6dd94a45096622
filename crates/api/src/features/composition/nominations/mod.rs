//! Nominations: a school puts a teacher forward; the coordinator decides.

pub(super) mod policy;
pub(super) mod repo;
pub(super) mod rows;
pub mod rules;
