//! `/library`: the methodological library (search, own materials, the moderation
//! queue, the card with moderation, the form).

pub mod card;
pub mod form;
pub mod list;
pub mod mine;
pub mod parts;
