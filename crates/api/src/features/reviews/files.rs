//! The documents under review: seen with the review; added and removed by the author
//! (and the school's administration), the expert and the coordinator while the review is
//! open. The type is read from the content (PDF, DOCX, XLSX, ODT), never from the name
//! or the Content-Type the browser sent.

use super::rows::ReviewRow;
use super::rules::{actors, get_row};
use crate::auth::AuthUser;
use crate::error::{AppError, AppResult};
use crate::features::files::{rules as files, sniff::office_type, FileOwner, OwnerKind};
use crate::store::conn::DbConn;
use crate::store::stored;
use tutornet_domain::files::StoredFile;
use tutornet_domain::reviews::ReviewStatus;

pub struct ReviewFiles;

/// The one [`ReviewFiles`] the files noun dispatches to.
pub static FILES: ReviewFiles = ReviewFiles;

impl FileOwner for ReviewFiles {
    fn can_read(&self, conn: &mut DbConn, user: &AuthUser, id: &str) -> AppResult<String> {
        Ok(get_row(conn, user, id)?.municipality_id)
    }

    fn can_change(&self, conn: &mut DbConn, user: &AuthUser, id: &str) -> AppResult<String> {
        let row = get_row(conn, user, id)?;
        may_change(user, &row)?;
        Ok(row.municipality_id)
    }
}

/// Whether the caller may add or remove the documents of a review they see.
pub(super) fn may_change(user: &AuthUser, row: &ReviewRow) -> AppResult<()> {
    if actors(user, row).is_empty() {
        return Err(AppError::Forbidden(
            "Документы экспертизы меняют автор, эксперт и координатор".into(),
        ));
    }
    let status = stored(&row.status, "reviews.status", ReviewStatus::parse)?;
    if !status.is_open() {
        return Err(AppError::Conflict {
            code: tutornet_domain::ProblemCode::InvalidTransition,
            detail: format!(
                "Экспертиза в состоянии «{}»: документы больше не меняются",
                status.label_ru()
            ),
        });
    }
    Ok(())
}

pub(super) fn list(conn: &mut DbConn, id: &str) -> AppResult<Vec<StoredFile>> {
    files::list(conn, OwnerKind::Review, id)
}

/// Adds a document to a review: its type is sniffed from the content.
pub fn add(
    conn: &mut DbConn,
    user: &AuthUser,
    id: &str,
    name: &str,
    data: &[u8],
) -> AppResult<StoredFile> {
    let ct = office_type(data, "На экспертизу принимаются")?;
    files::add_file(conn, user, (OwnerKind::Review, id), name, ct, data)
}
