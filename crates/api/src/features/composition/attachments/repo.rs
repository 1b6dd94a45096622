//! Queries on attachments.

use super::rows::AttachmentRow;
use crate::auth::AuthUser;
use crate::error::{AppError, AppResult};
use crate::features::composition::shared::{school_names, user_names};
use crate::store::conn::DbConn;
use crate::store::record::now;
use crate::store::schema::attachments;
use diesel::prelude::*;
use tutornet_domain::composition::Attachment;

/// Tutors with an active attachment to the school or to one of its teachers, in the
/// school's municipality: (member, name, the teacher's name when attached to a teacher).
pub(crate) fn tutors_of_school(
    conn: &mut DbConn,
    school_id: &str,
) -> AppResult<Vec<tutornet_domain::org::AttachedTutor>> {
    use crate::store::schema::{members, users};
    let teachers: Vec<String> = users::table
        .filter(users::school_id.eq(school_id))
        .select(users::id)
        .load(conn)?;
    let rows: Vec<(String, String, Option<String>)> = attachments::table
        .inner_join(members::table)
        .filter(attachments::archived_at.is_null())
        .filter(members::archived_at.is_null())
        .filter(
            attachments::school_id
                .eq(school_id)
                .or(attachments::teacher_user_id.eq_any(teachers)),
        )
        .select((
            members::id,
            members::full_name,
            attachments::teacher_user_id,
        ))
        .load(conn)?;
    let names = user_names(conn, rows.iter().filter_map(|r| r.2.clone()).collect())?;
    let mut out: Vec<tutornet_domain::org::AttachedTutor> = rows
        .into_iter()
        .map(
            |(member_id, full_name, teacher)| tutornet_domain::org::AttachedTutor {
                member_id,
                full_name,
                teacher_name: teacher.and_then(|t| names.get(&t).cloned()),
            },
        )
        .collect();
    tutornet_domain::text::sort_ru(&mut out, |t| t.full_name.as_str());
    Ok(out)
}

/// Active attachments of the members, oldest first.
pub(crate) fn of_members(conn: &mut DbConn, member_ids: Vec<String>) -> AppResult<Vec<Attachment>> {
    if member_ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<AttachmentRow> = attachments::table
        .filter(attachments::member_id.eq_any(member_ids))
        .filter(attachments::archived_at.is_null())
        .order(attachments::id.asc())
        .select(AttachmentRow::as_select())
        .load(conn)?;
    to_attachments(conn, rows)
}

fn to_attachments(conn: &mut DbConn, rows: Vec<AttachmentRow>) -> AppResult<Vec<Attachment>> {
    let s = school_names(
        conn,
        rows.iter().filter_map(|r| r.school_id.clone()).collect(),
    )?;
    let u = user_names(
        conn,
        rows.iter()
            .filter_map(|r| r.teacher_user_id.clone())
            .collect(),
    )?;
    Ok(rows
        .into_iter()
        .map(|r| Attachment {
            school_name: r.school_id.as_ref().and_then(|i| s.get(i).cloned()),
            teacher_name: r.teacher_user_id.as_ref().and_then(|i| u.get(i).cloned()),
            id: r.id,
            member_id: r.member_id,
            school_id: r.school_id,
            teacher_user_id: r.teacher_user_id,
            meta: r.book.into(),
        })
        .collect())
}

pub(crate) fn find_row(conn: &mut DbConn, id: &str) -> AppResult<AttachmentRow> {
    attachments::table
        .find(id)
        .select(AttachmentRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| AppError::NotFound("Закрепление не найдено".into()))
}

pub(crate) fn find(conn: &mut DbConn, id: &str) -> AppResult<Attachment> {
    let r = find_row(conn, id)?;
    Ok(to_attachments(conn, vec![r])?.remove(0))
}

/// Whether the member is already attached to the school or the teacher.
pub(crate) fn exists(
    conn: &mut DbConn,
    member_id: &str,
    school: &Option<String>,
    teacher: &Option<String>,
) -> AppResult<bool> {
    let n: i64 = attachments::table
        .filter(attachments::member_id.eq(member_id))
        .filter(attachments::archived_at.is_null())
        .filter(
            attachments::school_id
                .eq(school.clone().unwrap_or_default())
                .or(attachments::teacher_user_id.eq(teacher.clone().unwrap_or_default())),
        )
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

pub(crate) fn insert(
    conn: &mut DbConn,
    user: &AuthUser,
    id: &str,
    member_id: &str,
    school: &Option<String>,
    teacher: &Option<String>,
) -> AppResult<()> {
    let t = now();
    diesel::insert_into(attachments::table)
        .values((
            attachments::id.eq(id),
            attachments::member_id.eq(member_id),
            attachments::school_id.eq(school),
            attachments::teacher_user_id.eq(teacher),
            attachments::created_at.eq(t),
            attachments::updated_at.eq(t),
            attachments::created_by.eq(Some(&user.id)),
            attachments::updated_by.eq(Some(&user.id)),
            attachments::version.eq(1),
        ))
        .execute(conn)?;
    Ok(())
}
