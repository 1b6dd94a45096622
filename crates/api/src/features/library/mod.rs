//! The methodological library (муниципальная библиотека методических материалов).

pub mod demo;
mod extract;
pub mod files;
mod policy;
mod read;
mod repo;
pub mod routes;
mod rows;
pub mod rules;
mod search;
mod transition;

pub use routes::endpoints;
pub use search::search;
