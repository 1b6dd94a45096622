//! One folder per noun (`list.rs`, `card.rs`, `form.rs`, `parts/`), one file for the
//! single-page ones.

pub mod academic_years;
pub mod agenda;
pub mod audit;
pub mod composition;
pub mod consultation_points;
pub mod dashboard;
pub mod diagnostics;
pub mod first_login;
pub mod home;
pub mod login;
pub mod municipalities;
pub mod nominations;
pub mod not_found;
pub mod notifications;
pub mod password;
pub mod profile;
pub mod requests;
pub mod meetings;
pub mod results;
pub mod reviews;
pub mod schools;
pub mod sessions;
pub mod subjects;
pub mod trajectories;
pub mod users;
