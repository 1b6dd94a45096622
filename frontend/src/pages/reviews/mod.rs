//! `/reviews`: expert review of documents (list, submission, the card with the checklist).

pub mod card;
pub mod checklist;
pub mod conclusion;
pub mod form;
pub mod list;
