//! Users: the list, the account form and the import of a table of people.

pub mod form;
pub mod import;
mod invite;
pub mod list;
pub mod parts;
