//! Deficit diagnostics (issue 9 §2): the framework of competency indicators, the
//! municipality's diagnostic campaigns, their results imported from a table, the heat
//! map per school and area, and each person's deficits (what a trajectory addresses).

mod import;
mod repo;
pub mod routes;
pub mod rules;

pub use routes::endpoints;
