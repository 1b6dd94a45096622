//! Uploaded files, stored in the database (both backends) with their SHA-256. Access
//! follows the record they belong to: an order's scan as the composition, a session's
//! materials as the session.

use crate::auth::AuthUser;
use crate::db::schema::{composition_orders, files};
use crate::db::{new_id, now, DbConn};
use crate::error::{AppError, AppResult};
use diesel::prelude::*;
use sha2::{Digest, Sha256};
use tutornet_domain::files::{allowed_type, StoredFile, ALLOWED_TYPES, MAX_FILE_BYTES};
use tutornet_domain::permissions::{Action, Resource};

pub const ORDER: &str = "order";
pub const SESSION: &str = "session";

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
pub fn list(conn: &mut DbConn, entity: &str, entity_id: &str) -> AppResult<Vec<StoredFile>> {
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

/// Checks an upload's name, type and size.
pub fn validate(name: &str, content_type: &str, len: usize) -> AppResult<(String, &'static str)> {
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
    if len > MAX_FILE_BYTES {
        return Err(AppError::TooLarge(format!(
            "Файл больше {} МБ",
            MAX_FILE_BYTES / 1024 / 1024
        )));
    }
    Ok((name.to_string(), ct))
}

#[allow(clippy::too_many_arguments)]
fn insert(
    conn: &mut DbConn,
    user: &AuthUser,
    municipality_id: &str,
    entity: &str,
    entity_id: &str,
    name: &str,
    content_type: &str,
    data: &[u8],
) -> AppResult<StoredFile> {
    let id = new_id();
    let sha: String = Sha256::digest(data)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    diesel::insert_into(files::table)
        .values((
            files::id.eq(&id),
            files::municipality_id.eq(municipality_id),
            files::entity.eq(entity),
            files::entity_id.eq(entity_id),
            files::file_name.eq(name),
            files::content_type.eq(content_type),
            files::size_bytes.eq(data.len() as i64),
            files::sha256.eq(sha),
            files::data.eq(data),
            files::created_at.eq(now()),
            files::created_by.eq(&user.id),
        ))
        .execute(conn)?;
    let region = crate::db::region_of(conn, municipality_id)?;
    let f = list(conn, entity, entity_id)?
        .into_iter()
        .find(|f| f.id == id)
        .ok_or_else(|| AppError::Internal("file vanished".into()))?;
    crate::db::audit::record(
        conn,
        Some(user),
        "upload",
        entity,
        entity_id,
        crate::db::audit::Scope {
            region_id: region.as_deref(),
            municipality_id: Some(municipality_id),
        },
        None,
        Some(&f),
    )?;
    Ok(f)
}

fn order_municipality(
    conn: &mut DbConn,
    user: &AuthUser,
    order_id: &str,
    action: Action,
) -> AppResult<String> {
    let m: Option<String> = composition_orders::table
        .find(order_id)
        .select(composition_orders::municipality_id)
        .first(conn)
        .optional()?;
    let m = m.ok_or_else(|| AppError::NotFound("Приказ не найден".into()))?;
    crate::db::check_place(conn, user, Resource::Composition, action, &m, None)?;
    Ok(m)
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
    let m = order_municipality(conn, user, order_id, Action::Update)?;
    let (name, ct) = validate(name, content_type, data.len())?;
    diesel::update(
        files::table
            .filter(files::entity.eq(ORDER))
            .filter(files::entity_id.eq(order_id))
            .filter(files::archived_at.is_null()),
    )
    .set(files::archived_at.eq(Some(now())))
    .execute(conn)?;
    diesel::update(composition_orders::table.find(order_id))
        .set((
            composition_orders::file_name.eq(Some(&name)),
            composition_orders::updated_at.eq(now()),
            composition_orders::updated_by.eq(&user.id),
        ))
        .execute(conn)?;
    insert(conn, user, &m, ORDER, order_id, &name, ct, data)
}

/// Adds a material to a session (its tutors, coordinators).
pub fn add_session_file(
    conn: &mut DbConn,
    user: &AuthUser,
    session_id: &str,
    name: &str,
    content_type: &str,
    data: &[u8],
) -> AppResult<StoredFile> {
    let m = crate::db::sessions::check_manage(conn, user, session_id)?;
    let (name, ct) = validate(name, content_type, data.len())?;
    insert(conn, user, &m, SESSION, session_id, &name, ct, data)
}

/// Where a file belongs: (municipality, entity, entity id).
fn owner(conn: &mut DbConn, id: &str) -> AppResult<(String, String, String)> {
    files::table
        .find(id)
        .filter(files::archived_at.is_null())
        .select((files::municipality_id, files::entity, files::entity_id))
        .first(conn)
        .optional()?
        .ok_or_else(|| AppError::NotFound("Файл не найден".into()))
}

/// (name, content type, bytes) for a caller who may see the owning record.
pub fn download(
    conn: &mut DbConn,
    user: &AuthUser,
    id: &str,
) -> AppResult<(String, String, Vec<u8>)> {
    let (_, entity, entity_id) = owner(conn, id)?;
    match entity.as_str() {
        ORDER => {
            order_municipality(conn, user, &entity_id, Action::Read)?;
        }
        _ => {
            crate::db::sessions::get_session(conn, user, &entity_id)?;
        }
    }
    Ok(files::table
        .find(id)
        .select((files::file_name, files::content_type, files::data))
        .first(conn)?)
}

/// Archives a file (those who may change the owning record).
pub fn archive(conn: &mut DbConn, user: &AuthUser, id: &str) -> AppResult<()> {
    let (m, entity, entity_id) = owner(conn, id)?;
    match entity.as_str() {
        ORDER => {
            order_municipality(conn, user, &entity_id, Action::Update)?;
            diesel::update(composition_orders::table.find(&entity_id))
                .set(composition_orders::file_name.eq(None::<String>))
                .execute(conn)?;
        }
        _ => {
            crate::db::sessions::check_manage(conn, user, &entity_id)?;
        }
    }
    diesel::update(files::table.find(id))
        .set(files::archived_at.eq(Some(now())))
        .execute(conn)?;
    let region = crate::db::region_of(conn, &m)?;
    crate::db::audit::record::<()>(
        conn,
        Some(user),
        "file_archive",
        &entity,
        &entity_id,
        crate::db::audit::Scope {
            region_id: region.as_deref(),
            municipality_id: Some(&m),
        },
        None,
        None,
    )
}
