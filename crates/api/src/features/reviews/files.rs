//! The documents under review: seen with the review; added and removed by the author
//! (and the school's administration), the expert and the coordinator while the review is
//! open. The type is read from the content (PDF, DOCX, XLSX, ODT), never from the name
//! or the Content-Type the browser sent.

use super::rows::ReviewRow;
use super::rules::{actors, get_row};
use crate::auth::AuthUser;
use crate::error::{AppError, AppResult};
use crate::features::files::{rules as files, FileOwner, OwnerKind};
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

fn contains(data: &[u8], needle: &[u8]) -> bool {
    data.windows(needle.len()).any(|w| w == needle)
}

/// The content type read from the bytes: PDF, DOCX, XLSX or ODT (`None` otherwise).
pub fn sniff(data: &[u8]) -> Option<&'static str> {
    if data.starts_with(b"%PDF-") {
        return Some("application/pdf");
    }
    if !data.starts_with(b"PK\x03\x04") {
        return None;
    }
    // ODF: the first entry is `mimetype`, stored uncompressed (offset 30 = name, 38 = data).
    if data.get(30..38) == Some(b"mimetype") {
        let odt = b"application/vnd.oasis.opendocument.text";
        return (data.get(38..38 + odt.len()) == Some(odt))
            .then_some("application/vnd.oasis.opendocument.text");
    }
    // OOXML: the part names are stored in the local headers.
    if contains(data, b"[Content_Types].xml") {
        if contains(data, b"word/") {
            return Some(crate::docs::DOCX_TYPE);
        }
        if contains(data, b"xl/") {
            return Some(crate::docs::XLSX_TYPE);
        }
    }
    None
}

/// Adds a document to a review: its type is sniffed from the content.
pub fn add(
    conn: &mut DbConn,
    user: &AuthUser,
    id: &str,
    name: &str,
    data: &[u8],
) -> AppResult<StoredFile> {
    if data.is_empty() {
        return Err(AppError::field("file", "empty_file", "Файл пуст"));
    }
    let Some(ct) = sniff(data) else {
        return Err(AppError::field(
            "file",
            "unsupported_file_type",
            "На экспертизу принимаются PDF, DOCX, XLSX и ODT (тип определяется по содержимому файла)",
        ));
    };
    files::add_file(conn, user, (OwnerKind::Review, id), name, ct, data)
}

#[cfg(test)]
mod tests {
    use super::sniff;

    #[test]
    fn types_come_from_the_content() {
        assert_eq!(sniff(b"%PDF-1.7\n..."), Some("application/pdf"));
        assert_eq!(sniff(b"MZ\x90\x00 not a document"), None);
        let mut odt = b"PK\x03\x04".to_vec();
        odt.resize(30, 0);
        odt.extend_from_slice(b"mimetypeapplication/vnd.oasis.opendocument.text");
        assert_eq!(sniff(&odt), Some("application/vnd.oasis.opendocument.text"));
        let docx = b"PK\x03\x04....[Content_Types].xml....PK\x03\x04..word/document.xml";
        assert!(sniff(docx).unwrap().contains("wordprocessingml"));
        let xlsx = b"PK\x03\x04....[Content_Types].xml....xl/workbook.xml";
        assert!(sniff(xlsx).unwrap().contains("spreadsheetml"));
        assert_eq!(sniff(b"PK\x03\x04 just a zip"), None);
    }
}
