//! One module per route.

pub mod audit;
pub mod home;
pub mod login;
pub mod not_found;
pub mod profile;
pub mod school_card;
pub mod school_form;
pub mod schools;
pub mod user_form;
pub mod users;
