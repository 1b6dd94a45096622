//! Sessions as owners of files (materials): seen with the session, changed by those who
//! manage it.

use super::rules::{check_manage, get_session};
use crate::auth::AuthUser;
use crate::error::AppResult;
use crate::features::files::{rules as files, FileOwner, OwnerKind};
use crate::store::conn::DbConn;
use tutornet_domain::files::StoredFile;

/// The session's answer to who may read and change its files.
pub struct SessionFiles;

/// The one [`SessionFiles`] the files noun dispatches to.
pub static FILES: SessionFiles = SessionFiles;

impl FileOwner for SessionFiles {
    fn can_read(&self, conn: &mut DbConn, user: &AuthUser, id: &str) -> AppResult<String> {
        Ok(get_session(conn, user, id)?.municipality_id)
    }

    fn can_change(&self, conn: &mut DbConn, user: &AuthUser, id: &str) -> AppResult<String> {
        check_manage(conn, user, id)
    }
}

/// The session's live materials.
pub(super) fn list(conn: &mut DbConn, id: &str) -> AppResult<Vec<StoredFile>> {
    files::list(conn, OwnerKind::Session, id)
}
