//! A meeting's attachments (presentations, the list of those present, materials handed
//! out): seen by whoever sees the meeting; added and removed by its organiser until the
//! protocol is signed. The type is read from the content, never from the name.

use super::rules::{access, editable};
use crate::auth::AuthUser;
use crate::error::AppResult;
use crate::features::files::{rules as files, sniff::office_type, FileOwner, OwnerKind};
use crate::store::conn::DbConn;
use tutornet_domain::files::StoredFile;

pub struct MeetingFiles;

/// The one [`MeetingFiles`] the files noun dispatches to.
pub static FILES: MeetingFiles = MeetingFiles;

impl FileOwner for MeetingFiles {
    fn can_read(&self, conn: &mut DbConn, user: &AuthUser, id: &str) -> AppResult<String> {
        Ok(access(conn, user, id)?.row.municipality_id)
    }

    fn can_change(&self, conn: &mut DbConn, user: &AuthUser, id: &str) -> AppResult<String> {
        Ok(editable(conn, user, id)?.row.municipality_id)
    }
}

pub(super) fn list(conn: &mut DbConn, id: &str) -> AppResult<Vec<StoredFile>> {
    files::list(conn, OwnerKind::Meeting, id)
}

/// Attaches a file to a meeting: its type is sniffed from the content.
pub fn add(
    conn: &mut DbConn,
    user: &AuthUser,
    id: &str,
    name: &str,
    data: &[u8],
) -> AppResult<StoredFile> {
    let ct = office_type(data, "К совещанию прикрепляются")?;
    files::add_file(conn, user, (OwnerKind::Meeting, id), name, ct, data)
}
