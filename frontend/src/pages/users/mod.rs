//! Users: the list and the account form.

pub mod form;
pub mod list;
pub mod parts;
