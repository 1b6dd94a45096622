//! Sessions of the consultation point: schedule with conflicts and series,
//! registrations with a waitlist, the log, amendments and ratings.

mod files;
mod log;
pub mod ops;
mod participants;
mod plan;
mod policy;
mod registrations;
pub mod reminders;
mod repo;
pub mod routes;
mod rows;
pub mod rules;
mod schedule;
mod view;

pub use files::{SessionFiles, FILES};
pub use routes::endpoints;
