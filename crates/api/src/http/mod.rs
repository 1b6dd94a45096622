//! HTTP plumbing shared by every noun: the endpoint registry (`endpoints![..]` builds
//! the actix routes and the OpenAPI paths from each handler's `#[utoipa::path]`), the
//! SPA fallback, and small response helpers. The nouns themselves are in `features`.

pub mod registry;
pub mod spa;

pub(crate) use registry::endpoints;

use actix_web::http::header;
use actix_web::HttpResponse;
use serde::Serialize;

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
