//! Users: the list and the account form.

pub mod form;
mod invite;
pub mod list;
pub mod parts;
