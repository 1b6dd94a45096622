//! Schools: the registry, one school's card, the form.

pub mod card;
pub mod form;
pub mod list;
pub mod parts;
