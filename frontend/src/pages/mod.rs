//! One module per route.

pub mod audit;
pub mod composition;
pub mod composition_import;
pub mod composition_member;
pub mod composition_order;
pub mod composition_orders;
pub mod dashboard;
pub mod home;
pub mod login;
pub mod nominations;
pub mod not_found;
pub mod notifications;
pub mod profile;
pub mod request_card;
pub mod requests;
pub mod school_card;
pub mod school_form;
pub mod schools;
pub mod session_card;
pub mod session_form;
pub mod sessions;
pub mod user_form;
pub mod users;
