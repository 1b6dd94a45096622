//! Individual educational trajectories (ИОМ, issue 9 §3): a teacher's or leader's
//! deficits with a task each, steps with deadlines, products and evidence taken from
//! tutornet's own records, agreement by the learner and the mentor, progress, the
//! re-diagnosis before/after, and the printable ИОМ table.

pub mod demo;
mod document;
mod policy;
mod repo;
pub mod routes;
pub mod rules;
mod steps;

pub use routes::endpoints;
