//! Requests for tutor support: the list, the form and one request's card.

pub mod card;
pub mod form;
pub mod list;
pub mod parts;
