//! Queries of stored files (private to the noun).

use super::owner::OwnerKind;
use crate::auth::AuthUser;
use crate::error::{AppError, AppResult};
use crate::store::conn::DbConn;
use crate::store::record::now;
use crate::store::schema::files;
use diesel::prelude::*;
use tutornet_domain::files::StoredFile;

type Row = (
    String,
    String,
    String,
    i64,
    chrono::NaiveDateTime,
    Option<String>,
);

fn to_domain(r: Row) -> StoredFile {
    StoredFile {
        url: format!("/api/v1/files/{}", r.0),
        id: r.0,
        file_name: r.1,
        content_type: r.2,
        size_bytes: r.3,
        uploaded_at: r.4.and_utc(),
        uploaded_by: r.5,
    }
}

/// Live files of a record, oldest first.
pub(super) fn list(conn: &mut DbConn, entity: &str, entity_id: &str) -> AppResult<Vec<StoredFile>> {
    let rows: Vec<Row> = files::table
        .filter(files::entity.eq(entity))
        .filter(files::entity_id.eq(entity_id))
        .filter(files::archived_at.is_null())
        .order(files::id.asc())
        .select((
            files::id,
            files::file_name,
            files::content_type,
            files::size_bytes,
            files::created_at,
            files::created_by,
        ))
        .load(conn)?;
    Ok(rows.into_iter().map(to_domain).collect())
}

/// A new file of a record.
pub(super) struct NewFile<'a> {
    pub id: &'a str,
    pub municipality_id: &'a str,
    pub owner: OwnerKind,
    pub owner_id: &'a str,
    pub name: &'a str,
    pub content_type: &'a str,
    pub data: &'a [u8],
    pub sha256: String,
}

pub(super) fn insert(conn: &mut DbConn, user: &AuthUser, f: &NewFile) -> AppResult<()> {
    diesel::insert_into(files::table)
        .values((
            files::id.eq(f.id),
            files::municipality_id.eq(f.municipality_id),
            files::entity.eq(f.owner.as_str()),
            files::entity_id.eq(f.owner_id),
            files::file_name.eq(f.name),
            files::content_type.eq(f.content_type),
            files::size_bytes.eq(f.data.len() as i64),
            files::sha256.eq(&f.sha256),
            files::data.eq(f.data),
            files::created_at.eq(now()),
            files::created_by.eq(&user.id),
        ))
        .execute(conn)?;
    Ok(())
}

/// Archives the live files of a record.
pub(super) fn archive_all(conn: &mut DbConn, owner: OwnerKind, owner_id: &str) -> AppResult<()> {
    diesel::update(
        files::table
            .filter(files::entity.eq(owner.as_str()))
            .filter(files::entity_id.eq(owner_id))
            .filter(files::archived_at.is_null()),
    )
    .set(files::archived_at.eq(Some(now())))
    .execute(conn)?;
    Ok(())
}

pub(super) fn archive(conn: &mut DbConn, id: &str) -> AppResult<()> {
    diesel::update(files::table.find(id))
        .set(files::archived_at.eq(Some(now())))
        .execute(conn)?;
    Ok(())
}

/// Where a live file belongs: (municipality, entity, entity id).
pub(super) fn owner(conn: &mut DbConn, id: &str) -> AppResult<(String, String, String)> {
    files::table
        .find(id)
        .filter(files::archived_at.is_null())
        .select((files::municipality_id, files::entity, files::entity_id))
        .first(conn)
        .optional()?
        .ok_or_else(|| AppError::NotFound("Файл не найден".into()))
}

/// (name, content type, bytes).
pub(super) fn content(conn: &mut DbConn, id: &str) -> AppResult<(String, String, Vec<u8>)> {
    Ok(files::table
        .find(id)
        .select((files::file_name, files::content_type, files::data))
        .first(conn)?)
}
