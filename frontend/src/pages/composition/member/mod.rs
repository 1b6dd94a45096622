//! One member of the composition: the card (with attachments) and the form.

pub mod card;
pub mod form;
pub mod parts;
