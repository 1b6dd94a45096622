pub mod io;
pub mod ops;
pub mod routes;

pub use routes::endpoints;
