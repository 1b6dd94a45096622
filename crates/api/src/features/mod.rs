//! The API's nouns, one folder each (the same nouns as the tables, the API paths, the
//! SPA pages and the tests). Each noun's `routes.rs` lists its endpoints once
//! (`endpoints![..]`); the list below is the one readable route table.

pub mod academic_years;
pub mod accounts;
pub mod agenda;
pub mod audit;
pub mod auth;
pub mod calendar;
pub mod composition;
pub mod consultation_points;
pub mod dashboard;
pub mod diagnostics;
pub mod effectiveness;
pub mod files;
pub mod health;
pub mod library;
pub mod meetings;
pub mod municipalities;
pub mod notifications;
pub mod regions;
pub mod requests;
pub mod results;
pub mod reviews;
pub mod schools;
pub mod sessions;
pub mod stats;
pub mod subjects;
pub mod trajectories;
pub mod users;

use crate::http::registry::Api;
use actix_web::web;

/// Every noun under `/api/v1`.
pub const NOUNS: &[fn(&mut Api)] = &[
    health::endpoints,
    auth::endpoints,
    stats::endpoints,
    audit::endpoints,
    regions::endpoints,
    municipalities::endpoints,
    schools::endpoints,
    subjects::endpoints,
    academic_years::endpoints,
    users::endpoints,
    accounts::endpoints,
    composition::endpoints,
    requests::endpoints,
    sessions::endpoints,
    notifications::endpoints,
    dashboard::endpoints,
    agenda::endpoints,
    files::endpoints,
    calendar::endpoints,
    consultation_points::endpoints,
    diagnostics::endpoints,
    trajectories::endpoints,
    reviews::endpoints,
    results::endpoints,
    effectiveness::endpoints,
    library::endpoints,
    meetings::endpoints,
];

/// Which noun answers for the files of an owner kind.
pub fn file_owner(kind: files::OwnerKind) -> &'static dyn files::FileOwner {
    match kind {
        files::OwnerKind::Order => &files::ORDER_FILES,
        files::OwnerKind::Session => &sessions::FILES,
        files::OwnerKind::Request => &requests::files::FILES,
        files::OwnerKind::Review => &reviews::files::FILES,
        files::OwnerKind::Library => &library::files::FILES,
        files::OwnerKind::Meeting => &meetings::files::FILES,
    }
}

/// All endpoints, registered once each.
pub fn api() -> Api {
    let mut api = Api::default();
    for noun in NOUNS {
        noun(&mut api);
    }
    api
}

/// The actix routes of [`api`] (mounted under `/api/v1` by `crate::configure`).
pub fn configure(cfg: &mut web::ServiceConfig) {
    api().configure(cfg);
}
