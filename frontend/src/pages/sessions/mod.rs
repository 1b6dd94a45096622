//! The schedule: the list and calendar, one session's card (its parts in `parts/`), the
//! form.

pub mod card;
pub mod form;
pub mod list;
pub mod parts;
