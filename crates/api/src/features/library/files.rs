//! A material's files: stored by the files noun (entity `library`, the item's id), up to
//! 50 MB each, the type read from the content. Each version lists the files it shows,
//! so a file added to a version in review is not public until that version is; files
//! follow the material's visibility. Downloads are counted.

use super::repo;
use super::rules::{editable, file_url, from_json, load, to_json};
use crate::auth::AuthUser;
use crate::error::{AppError, AppResult};
use crate::features::files::{rules as files, sniff::office_type, FileOwner, OwnerKind};
use crate::store::conn::DbConn;
use tutornet_domain::files::StoredFile;
use tutornet_domain::library::MAX_LIBRARY_FILE_BYTES;

pub struct LibraryFiles;

/// The one [`LibraryFiles`] the files noun dispatches to.
pub static FILES: LibraryFiles = LibraryFiles;

impl FileOwner for LibraryFiles {
    fn can_read(&self, conn: &mut DbConn, user: &AuthUser, id: &str) -> AppResult<String> {
        Ok(load(conn, user, id)?.item.municipality_id)
    }

    fn can_change(&self, conn: &mut DbConn, user: &AuthUser, id: &str) -> AppResult<String> {
        let l = load(conn, user, id)?;
        let status = l.status()?;
        if !super::policy::may_edit(user, &l.facts()?, status) {
            return Err(AppError::Forbidden(
                "Файлы материала меняют его автор и координатор, пока материал не на модерации"
                    .into(),
            ));
        }
        Ok(l.item.municipality_id)
    }

    fn can_read_file(
        &self,
        conn: &mut DbConn,
        user: &AuthUser,
        id: &str,
        file_id: &str,
    ) -> AppResult<String> {
        let l = load(conn, user, id)?;
        if !l.readable_files(user)?.iter().any(|f| f == file_id) {
            return Err(AppError::NotFound("Файл не найден".into()));
        }
        Ok(l.item.municipality_id)
    }
}

/// Adds a file to the version being edited (a new version when the working one is
/// published); a DOCX's text is kept for search.
pub fn add(
    conn: &mut DbConn,
    user: &AuthUser,
    id: &str,
    name: &str,
    data: &[u8],
) -> AppResult<StoredFile> {
    let ct = office_type(data, "В библиотеку принимаются")?;
    let l = load(conn, user, id)?;
    let (_, mut v) = editable(conn, user, &l)?;
    let f = files::add_file_sized(
        conn,
        user,
        (OwnerKind::Library, id),
        (name, ct, data),
        MAX_LIBRARY_FILE_BYTES,
    )?;
    let mut ids: Vec<String> = from_json(&v.file_ids, "file_ids")?;
    ids.push(f.id.clone());
    v.file_ids = to_json(&ids);
    repo::rewrite_version(conn, &v)?;
    if let Some(body) = super::extract::text_of(ct, data) {
        repo::insert_file_text(conn, &f.id, id, &body)?;
    }
    Ok(StoredFile {
        url: file_url(id, &f.id),
        ..f
    })
}

/// Takes a file out of the version being edited; it is archived unless the published
/// version still shows it.
pub fn remove(conn: &mut DbConn, user: &AuthUser, id: &str, file_id: &str) -> AppResult<()> {
    let l = load(conn, user, id)?;
    let (item, mut v) = editable(conn, user, &l)?;
    let mut ids: Vec<String> = from_json(&v.file_ids, "file_ids")?;
    if !ids.iter().any(|f| f == file_id) {
        return Err(AppError::NotFound("Файл не найден".into()));
    }
    ids.retain(|f| f != file_id);
    v.file_ids = to_json(&ids);
    repo::rewrite_version(conn, &v)?;
    let public: Vec<String> = match item.published_version {
        Some(n) => from_json(&repo::version_of(conn, id, n)?.file_ids, "file_ids")?,
        None => Vec::new(),
    };
    if !public.iter().any(|f| f == file_id) {
        files::archive(conn, user, file_id)?;
    }
    Ok(())
}

/// (name, content type, bytes) of a file of the material; counts the download.
pub fn download(
    conn: &mut DbConn,
    user: &AuthUser,
    id: &str,
    file_id: &str,
) -> AppResult<(String, String, Vec<u8>)> {
    let (kind, owner) = files::owner_of_file(conn, file_id)?;
    if kind != OwnerKind::Library || owner != id {
        return Err(AppError::NotFound("Файл не найден".into()));
    }
    let out = files::download(conn, user, file_id)?;
    let item = repo::find_item(conn, id)?;
    if item.owner_id != user.id {
        repo::bump_downloads(conn, id)?;
    }
    Ok(out)
}
