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

/// A file download (`Content-Disposition: attachment`).
/// The name goes both as `filename*` (UTF-8: order numbers may hold Cyrillic letters,
/// «ОД-15») and as an ASCII `filename` for old clients.
pub fn file(bytes: Vec<u8>, content_type: &str, name: String) -> HttpResponse {
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let disposition = header::ContentDisposition {
        disposition: header::DispositionType::Attachment,
        parameters: vec![
            header::DispositionParam::Filename(ascii),
            header::DispositionParam::FilenameExt(header::ExtendedValue {
                charset: header::Charset::Ext("UTF-8".into()),
                language_tag: None,
                value: name.into_bytes(),
            }),
        ],
    };
    HttpResponse::Ok()
        .content_type(content_type)
        .insert_header(disposition)
        .body(bytes)
}
