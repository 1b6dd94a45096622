//! Schools (общеобразовательные организации) and their support flags.

pub mod flags;
pub mod repo;
pub mod routes;
mod rows;
pub mod rules;

pub use routes::endpoints;
