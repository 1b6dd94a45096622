mod names;
pub mod ops;
pub mod routes;

pub use routes::endpoints;
