//! Requests (заявки) to the consultation point and their workflow.

pub mod files;
mod notices;
pub mod ops;
mod policy;
mod repo;
pub mod routes;
mod rows;
pub mod rules;
mod sessions;
mod suggestions;
mod transition;

pub use routes::endpoints;
