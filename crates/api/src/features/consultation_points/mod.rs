//! Consultation points (тьюторские консультационные пункты, 000 §6.1–6.5): several per
//! municipality, each on the base of a school or another organisation, with a head and
//! the subjects it serves. Sessions may be held at one.

pub mod demo;
mod repo;
pub mod routes;
mod rows;
pub mod rules;

pub use routes::endpoints;
