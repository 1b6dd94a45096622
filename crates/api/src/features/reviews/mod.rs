//! Expert reviews (экспертиза) of documents: submission, the expert's checklist over
//! rounds, the reasoned conclusion and the checklist templates.

pub mod conclusion;
pub mod demo;
pub mod files;
mod policy;
pub mod reminders;
mod repo;
pub mod routes;
mod rows;
pub mod rules;
pub mod templates;
mod transition;

pub use routes::endpoints;
