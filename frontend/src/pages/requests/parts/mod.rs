//! The pieces of the request card.

pub mod actions;
pub mod series;
pub mod suggestions;
pub mod view;
