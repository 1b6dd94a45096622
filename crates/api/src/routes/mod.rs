//! The route table: the API's nouns, one line each. Each noun's module lists its own
//! endpoints once (`endpoints![..]`), and each endpoint's method, path and docs are its
//! `#[utoipa::path]`: the actix routes and the OpenAPI paths are both built from that,
//! so they cannot drift (see `registry`). Handlers are thin: extract, call the
//! resource's `db` module, wrap the answer.

pub mod academic_years;
pub mod audit;
pub mod auth;
pub mod calendar;
pub mod composition;
pub mod dashboard;
pub mod files;
pub mod health;
pub mod municipalities;
pub mod notifications;
pub mod regions;
pub mod registry;
pub mod requests;
pub mod schools;
pub mod sessions;
pub mod spa;
pub mod stats;
pub mod subjects;
pub mod users;

pub(crate) use registry::endpoints;

use actix_web::http::header;
use actix_web::{web, HttpResponse};
use registry::Api;
use serde::Serialize;

/// Every noun under `/api/v1`.
const NOUNS: &[fn(&mut Api)] = &[
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
    composition::endpoints,
    requests::endpoints,
    sessions::endpoints,
    notifications::endpoints,
    dashboard::endpoints,
    files::endpoints,
    calendar::endpoints,
];

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

/// 201 with `Location`.
pub fn created<T: Serialize>(location: String, body: &T) -> HttpResponse {
    HttpResponse::Created()
        .insert_header((header::LOCATION, location))
        .json(body)
}

/// `?include_archived=` for the small dictionaries.
#[derive(Debug, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ArchivedParam {
    /// Include archived records.
    pub include_archived: Option<bool>,
}
