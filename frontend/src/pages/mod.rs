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
pub mod request_card;
pub mod requests;
pub mod session_card;
pub mod session_form;
pub mod sessions;
pub mod composition;
pub mod composition_import;
pub mod composition_orders;
pub mod dashboard;
pub mod nominations;
pub mod notifications;
