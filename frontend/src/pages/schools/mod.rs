//! Schools: the registry, one school's card, the form.

mod activity;
pub mod card;
mod flags;
pub mod form;
pub mod list;
pub mod parts;
