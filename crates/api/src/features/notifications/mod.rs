pub mod digest;
pub mod ops;
pub mod routes;
pub mod settings;

pub use routes::endpoints;
