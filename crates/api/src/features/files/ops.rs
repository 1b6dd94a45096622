//! The files operations under their old path (`db::files`), for callers not yet moved
//! to `features::files::rules`.

pub use super::owner::OwnerKind;
pub use super::rules::{add_file, archive, download, put_order_file, validate};
use crate::error::AppResult;
use crate::store::conn::DbConn;
use tutornet_domain::files::StoredFile;

pub const ORDER: &str = "order";
pub const SESSION: &str = "session";

/// Live files of a record, oldest first (`entity` as stored: [`ORDER`] or [`SESSION`]).
pub fn list(conn: &mut DbConn, entity: &str, entity_id: &str) -> AppResult<Vec<StoredFile>> {
    super::rules::list(conn, OwnerKind::stored(entity)?, entity_id)
}
