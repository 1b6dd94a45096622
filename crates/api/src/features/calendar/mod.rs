pub mod ops;
pub mod routes;
pub mod schedule;

pub use routes::endpoints;
