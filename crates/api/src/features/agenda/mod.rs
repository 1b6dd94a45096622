//! «Мои дела»: each role's start page, assembled from the nouns' own lists.

mod repo;
pub mod routes;
mod rules;

pub use routes::endpoints;
