//! One member of the composition: the card (with its account and attachments) and the form.

pub mod account;
pub mod card;
pub mod form;
pub mod parts;
