//! Users: accounts, roles and their place in the organisation.

pub mod repo;
pub mod routes;
mod rows;
pub mod rules;

pub use routes::endpoints;
