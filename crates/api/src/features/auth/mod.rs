pub mod refresh_tokens;
pub mod routes;

pub use routes::endpoints;
