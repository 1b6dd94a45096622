//! tutornet's vocabulary, shared by the API (`crates/api`) and the SPA (`frontend`).
//!
//! Everything that crosses the HTTP boundary is defined here once: request and response
//! types, enums with their Russian labels, validation rules, the page envelope, the
//! problem (error) type and the role/permission matrix. No diesel, no actix: this crate
//! compiles to wasm32. utoipa's `ToSchema` derives sit behind the `openapi` feature.

pub mod accounts;
pub mod agenda;
pub mod audit;
pub mod auth;
pub mod community;
pub mod composition;
pub mod consultation_points;
pub mod effectiveness;
pub mod files;
pub mod growth;
pub mod labels;
pub mod library;
pub mod meetings;
pub mod notifications;
pub mod org;
pub mod page;
pub mod permissions;
pub mod problem;
pub mod results;
pub mod reviews;
pub mod stats;
pub mod text;
pub mod users;

pub use page::Page;
pub use permissions::{Action, Resource, Role, Scope};
pub use problem::{FieldError, Problem, ProblemCode};
