pub mod routes;

pub use routes::endpoints;
