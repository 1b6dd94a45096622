pub mod ops;
mod orders;
pub mod owner;
mod repo;
pub mod routes;
pub mod rules;
pub mod sniff;

pub use owner::{FileOwner, OwnerKind};
pub use routes::endpoints;

/// The owner of order scans.
pub static ORDER_FILES: orders::OrderFiles = orders::OrderFiles;
