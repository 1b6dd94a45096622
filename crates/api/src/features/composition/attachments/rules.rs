//! Operations on attachments: validate → access → repo → audit.

use super::policy::ensure_attachable;
use super::repo;
use crate::archive_versioned;
use crate::auth::AuthUser;
use crate::error::{AppError, AppResult};
use crate::features::composition::members::rules::member_for;
use crate::features::composition::shared::{audit_scope, clean, conflict, school_in, user_in};
use crate::store::conn::DbConn;
use crate::store::record::new_id;
use crate::store::Audit;
use tutornet_domain::audit::AuditEntity;
use tutornet_domain::composition::{Attachment, AttachmentInput};
use tutornet_domain::permissions::{Action, Role};
use tutornet_domain::ProblemCode;

pub fn list_attachments(
    conn: &mut DbConn,
    user: &AuthUser,
    member_id: &str,
) -> AppResult<Vec<Attachment>> {
    let (row, _) = member_for(conn, user, member_id, Action::Read)?;
    repo::of_members(conn, vec![row.id])
}

pub fn create_attachment(
    conn: &mut DbConn,
    user: &AuthUser,
    member_id: &str,
    input: &AttachmentInput,
) -> AppResult<Attachment> {
    let (row, region) = member_for(conn, user, member_id, Action::Create)?;
    input.validate().map_err(AppError::Validation)?;
    ensure_attachable(row.status()?, row.book.archived_at.is_some())?;
    let school = clean(&input.school_id);
    let teacher = clean(&input.teacher_user_id);
    if let Some(s) = &school {
        if !school_in(conn, s, &row.municipality_id)? {
            return Err(AppError::field(
                "school_id",
                "invalid_reference",
                "Выберите действующую школу того же муниципалитета",
            ));
        }
    }
    if let Some(t) = &teacher {
        if !user_in(conn, t, &row.municipality_id, Some(Role::Teacher))? {
            return Err(AppError::field(
                "teacher_user_id",
                "invalid_reference",
                "Выберите учителя того же муниципалитета",
            ));
        }
    }
    if repo::exists(conn, member_id, &school, &teacher)? {
        return Err(conflict(
            ProblemCode::AlreadyExists,
            "Тьютор уже закреплён за этой школой или учителем",
        ));
    }
    let id = new_id();
    repo::insert(conn, user, &id, member_id, &school, &teacher)?;
    let after = repo::find(conn, &id)?;
    Audit::new(
        user,
        AuditEntity::Attachment,
        &id,
        audit_scope(&region, &row.municipality_id),
    )
    .created(conn, &after)?;
    Ok(after)
}

pub fn archive_attachment(conn: &mut DbConn, user: &AuthUser, id: &str) -> AppResult<Attachment> {
    let a = repo::find_row(conn, id)?;
    let (row, region) = member_for(conn, user, &a.member_id, Action::Archive)?;
    if a.book.archived_at.is_some() {
        return repo::find(conn, id);
    }
    let audit = Audit::new(
        user,
        AuditEntity::Attachment,
        id,
        audit_scope(&region, &row.municipality_id),
    );
    archive_versioned!(
        conn,
        attachments,
        audit,
        true,
        repo::find(conn, id)?,
        |conn| repo::find(conn, id)
    )
}
