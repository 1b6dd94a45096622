//! Requests as owners of files: the documents a request carries (the lesson plan or
//! programme sent for an expert review, the letter a request came by). Seen with the
//! request; added and removed by those who act on it — the requester (and the school's
//! administration), the assigned tutor, the coordinator — while the request is open.

use super::rows::RequestRow;
use super::rules::{actors, get_row};
use crate::auth::AuthUser;
use crate::error::{AppError, AppResult};
use crate::features::files::{rules as files, FileOwner, OwnerKind};
use crate::store::conn::DbConn;
use crate::store::stored;
use tutornet_domain::community::RequestStatus;
use tutornet_domain::files::StoredFile;

/// The request's answer to who may read and change its documents.
pub struct RequestFiles;

/// The one [`RequestFiles`] the files noun dispatches to.
pub static FILES: RequestFiles = RequestFiles;

impl FileOwner for RequestFiles {
    fn can_read(&self, conn: &mut DbConn, user: &AuthUser, id: &str) -> AppResult<String> {
        Ok(get_row(conn, user, id)?.municipality_id)
    }

    fn can_change(&self, conn: &mut DbConn, user: &AuthUser, id: &str) -> AppResult<String> {
        let row = get_row(conn, user, id)?;
        may_change(user, &row)?;
        Ok(row.municipality_id)
    }
}

/// Whether the caller may add or remove the documents of a request they see: one who
/// acts on it, while it is open.
pub(super) fn may_change(user: &AuthUser, row: &RequestRow) -> AppResult<()> {
    if actors(user, row).is_empty() {
        return Err(AppError::Forbidden(
            "Документы заявки меняют заявитель, назначенный тьютор и координатор".into(),
        ));
    }
    let status = stored(&row.status, "requests.status", RequestStatus::parse)?;
    if !status.is_open() {
        return Err(AppError::Conflict {
            code: tutornet_domain::ProblemCode::InvalidTransition,
            detail: format!(
                "Заявка в состоянии «{}»: её документы больше не меняются",
                status.label_ru()
            ),
        });
    }
    Ok(())
}

/// The request's live documents, oldest first.
pub(super) fn list(conn: &mut DbConn, id: &str) -> AppResult<Vec<StoredFile>> {
    files::list(conn, OwnerKind::Request, id)
}
