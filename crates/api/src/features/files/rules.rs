//! Uploaded files, stored in the database (both backends) with their SHA-256. Access
//! follows the record they belong to, answered by the owning noun ([`FileOwner`]): an
//! order's scan as the composition, a session's materials as the session.

use super::owner::{FileOwner, OwnerKind};
use super::{orders, repo};
use crate::auth::AuthUser;
use crate::error::{AppError, AppResult};
use crate::store::conn::DbConn;
use crate::store::record::new_id;
use sha2::{Digest, Sha256};
use tutornet_domain::audit::AuditAction;
use tutornet_domain::files::{allowed_type, StoredFile, ALLOWED_TYPES, MAX_FILE_BYTES};

/// The noun answering for a kind of owner (the table is in `features`, which knows
/// every noun, so files does not depend on the nouns that own files).
fn owner_of(kind: OwnerKind) -> &'static dyn FileOwner {
    crate::features::file_owner(kind)
}

/// Live files of a record, oldest first.
pub fn list(conn: &mut DbConn, owner: OwnerKind, owner_id: &str) -> AppResult<Vec<StoredFile>> {
    repo::list(conn, owner.as_str(), owner_id)
}

/// Checks an upload's name, type and size.
pub fn validate(name: &str, content_type: &str, len: usize) -> AppResult<(String, &'static str)> {
    validate_sized(name, content_type, len, MAX_FILE_BYTES)
}

/// [`validate`] with the owner's own size limit (the library takes up to 50 MB).
pub fn validate_sized(
    name: &str,
    content_type: &str,
    len: usize,
    max: usize,
) -> AppResult<(String, &'static str)> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 200 || name.contains(['/', '\\']) {
        return Err(AppError::field(
            "name",
            "invalid_value",
            "Имя файла: до 200 символов, без / и \\",
        ));
    }
    let Some(ct) = allowed_type(content_type) else {
        let allowed: Vec<&str> = ALLOWED_TYPES.iter().map(|(_, l)| *l).collect();
        return Err(AppError::field(
            "file",
            "unsupported_file_type",
            format!("Допустимые файлы: {}", allowed.join(", ")),
        ));
    };
    if len == 0 {
        return Err(AppError::field("file", "empty_file", "Файл пуст"));
    }
    if len > max {
        return Err(AppError::TooLarge(format!(
            "Файл больше {} МБ",
            max / 1024 / 1024
        )));
    }
    Ok((name.to_string(), ct))
}

fn audit(
    conn: &mut DbConn,
    user: &AuthUser,
    action: AuditAction,
    municipality_id: &str,
    (owner, entity_id): (OwnerKind, &str),
    file: Option<&StoredFile>,
) -> AppResult<()> {
    let region = crate::access::places::region_of(conn, municipality_id)?;
    crate::features::audit::ops::record(
        conn,
        Some(user),
        action,
        owner.audit_entity(),
        entity_id,
        crate::features::audit::ops::Scope {
            region_id: region.as_deref(),
            municipality_id: Some(municipality_id),
        },
        None,
        file,
    )
}

/// Stores a checked upload and audits it.
fn insert(
    conn: &mut DbConn,
    user: &AuthUser,
    municipality_id: &str,
    (owner, owner_id): (OwnerKind, &str),
    (name, content_type, data): (&str, &str, &[u8]),
) -> AppResult<StoredFile> {
    let id = new_id();
    let sha256: String = Sha256::digest(data)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let new = repo::NewFile {
        id: &id,
        municipality_id,
        owner,
        owner_id,
        name,
        content_type,
        data,
        sha256,
    };
    repo::insert(conn, user, &new)?;
    let f = list(conn, owner, owner_id)?
        .into_iter()
        .find(|f| f.id == id)
        .ok_or_else(|| AppError::Internal("file vanished".into()))?;
    audit(
        conn,
        user,
        AuditAction::Upload,
        municipality_id,
        (owner, owner_id),
        Some(&f),
    )?;
    Ok(f)
}

/// Attaches (replaces) the scan of an order; its `file_name` follows.
pub fn put_order_file(
    conn: &mut DbConn,
    user: &AuthUser,
    order_id: &str,
    name: &str,
    content_type: &str,
    data: &[u8],
) -> AppResult<StoredFile> {
    let m = owner_of(OwnerKind::Order).can_change(conn, user, order_id)?;
    let (name, ct) = validate(name, content_type, data.len())?;
    repo::archive_all(conn, OwnerKind::Order, order_id)?;
    orders::set_file_name(conn, user, order_id, &name)?;
    let owner = (OwnerKind::Order, order_id);
    insert(conn, user, &m, owner, (&name, ct, data))
}

/// Adds a document to a record that keeps several (a session's materials, a request's
/// documents), for those its owner lets change them.
pub fn add_file(
    conn: &mut DbConn,
    user: &AuthUser,
    (kind, owner_id): (OwnerKind, &str),
    name: &str,
    content_type: &str,
    data: &[u8],
) -> AppResult<StoredFile> {
    let m = owner_of(kind).can_change(conn, user, owner_id)?;
    let (name, ct) = validate(name, content_type, data.len())?;
    insert(conn, user, &m, (kind, owner_id), (&name, ct, data))
}

/// [`add_file`] with the owner's own size limit.
pub fn add_file_sized(
    conn: &mut DbConn,
    user: &AuthUser,
    (kind, owner_id): (OwnerKind, &str),
    (name, content_type, data): (&str, &str, &[u8]),
    max: usize,
) -> AppResult<StoredFile> {
    let m = owner_of(kind).can_change(conn, user, owner_id)?;
    let (name, ct) = validate_sized(name, content_type, data.len(), max)?;
    insert(conn, user, &m, (kind, owner_id), (&name, ct, data))
}

/// Where a live file belongs: (owner kind, owner id).
pub fn owner_of_file(conn: &mut DbConn, id: &str) -> AppResult<(OwnerKind, String)> {
    let (_, entity, entity_id) = repo::owner(conn, id)?;
    Ok((OwnerKind::stored(&entity)?, entity_id))
}

/// (name, content type, bytes) for a caller who may see the owning record.
pub fn download(
    conn: &mut DbConn,
    user: &AuthUser,
    id: &str,
) -> AppResult<(String, String, Vec<u8>)> {
    let (_, entity, entity_id) = repo::owner(conn, id)?;
    owner_of(OwnerKind::stored(&entity)?).can_read_file(conn, user, &entity_id, id)?;
    repo::content(conn, id)
}

/// Archives a file (those who may change the owning record).
pub fn archive(conn: &mut DbConn, user: &AuthUser, id: &str) -> AppResult<()> {
    let (m, entity, entity_id) = repo::owner(conn, id)?;
    let kind = OwnerKind::stored(&entity)?;
    let owner = owner_of(kind);
    owner.can_change(conn, user, &entity_id)?;
    owner.archived(conn, user, &entity_id)?;
    repo::archive(conn, id)?;
    audit(
        conn,
        user,
        AuditAction::FileArchive,
        &m,
        (kind, &entity_id),
        None,
    )
}
