//! Uploaded files: the scan of an order, the materials of a session.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Largest file accepted (413 beyond).
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;

/// Content types accepted, with the label the UI shows.
pub const ALLOWED_TYPES: &[(&str, &str)] = &[
    ("application/pdf", "PDF"),
    ("image/jpeg", "JPEG"),
    ("image/png", "PNG"),
    (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "DOCX",
    ),
    (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "XLSX",
    ),
    (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "PPTX",
    ),
    ("application/msword", "DOC"),
    ("application/vnd.oasis.opendocument.text", "ODT"),
    ("text/plain", "TXT"),
];

/// Whether a content type (parameters ignored) is accepted.
pub fn allowed_type(content_type: &str) -> Option<&'static str> {
    let base = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    ALLOWED_TYPES
        .iter()
        .find(|(t, _)| *t == base)
        .map(|(t, _)| *t)
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StoredFile {
    pub id: String,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub uploaded_at: DateTime<Utc>,
    pub uploaded_by: Option<String>,
    /// Download path (needs the Bearer token).
    pub url: String,
}

/// `?name=` of an upload.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct UploadParams {
    /// The file's name as the user saw it, e.g. «Приказ 01-03-24.pdf».
    pub name: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types() {
        assert_eq!(
            allowed_type("application/PDF; charset=binary"),
            Some("application/pdf")
        );
        assert_eq!(allowed_type("application/x-msdownload"), None);
    }
}
