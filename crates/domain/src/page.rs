//! The list envelope every collection endpoint returns.

use serde::{Deserialize, Serialize};

/// Largest page a client may ask for; larger `limit` values are rejected with 422.
pub const MAX_LIMIT: i64 = 200;
/// Page size when `limit` is absent.
pub const DEFAULT_LIMIT: i64 = 50;

/// One page of a list. `next_cursor` is opaque: pass it back as `cursor` to get the
/// following page; it is absent on the last page. `total` counts every match of the filter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}

impl<T> Page<T> {
    /// A list given whole, on one page (small dictionaries).
    pub fn whole<R: Into<T>>(rows: Vec<R>) -> Self {
        let items: Vec<T> = rows.into_iter().map(Into::into).collect();
        Page {
            total: items.len() as i64,
            items,
            next_cursor: None,
        }
    }
}
