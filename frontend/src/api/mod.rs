//! Typed calls of the API, one module per noun (the same nouns as the API paths and the
//! pages), built from the domain crate's filter and input types on top of the one
//! low-level [`client`]. Pages call these functions and never name a path.

pub mod account;
pub mod accounts;
pub mod audit;
pub mod calendar;
pub mod client;
pub mod composition;
pub mod consultation_points;
pub mod dashboard;
pub mod effectiveness;
pub mod files;
pub mod growth;
pub mod library;
pub mod meetings;
pub mod nominations;
pub mod notifications;
mod problems;
pub mod reference;
pub mod requests;
pub mod results;
pub mod reviews;
pub mod schools;
pub mod sessions;
mod tokens;
pub mod users;

pub use client::validation_problem;
