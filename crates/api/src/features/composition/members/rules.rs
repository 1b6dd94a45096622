//! Operations on members: validate → access → repo → audit.

use super::policy::ensure_editable;
use super::repo::{self, NewMember};
use super::rows::MemberRow;
use crate::archive_versioned;
use crate::auth::AuthUser;
use crate::error::{AppError, AppResult};
use crate::features::audit::ops as audit;
use crate::features::composition::shared::{
    audit_scope, clean, list_args, new_record_place, page_of, school_in, subject_exists, user_in,
};
use crate::store::conn::DbConn;
use crate::store::page::Cursor;
use crate::store::record::new_id;
use crate::store::update_audited;
use crate::store::Audit;
use tutornet_domain::audit::{AuditAction, AuditEntity};
use tutornet_domain::composition::{Member, MemberFilter, MemberInput};
use tutornet_domain::permissions::{Action, Resource};
use tutornet_domain::{FieldError, Page};

pub(crate) use super::repo::find_member;

pub fn list_members(
    conn: &mut DbConn,
    user: &AuthUser,
    f: &MemberFilter,
) -> AppResult<Page<Member>> {
    let (reach, limit, after) =
        list_args(user, Resource::Composition, f.limit, f.cursor.as_deref())?;
    let year = match &f.academic_year_id {
        Some(y) => Some(y.clone()),
        None => crate::features::academic_years::ops::current(conn)?.map(|y| y.id),
    };
    let rows = repo::page(conn, &reach, f, year, after, limit)?;
    page_of(
        conn,
        rows,
        limit,
        |r| Cursor::new(r.name_sort.as_str(), &r.id),
        repo::to_members,
    )
}

/// The member's row, once `action` on it is checked for the caller; and its region.
pub(crate) fn member_for(
    conn: &mut DbConn,
    user: &AuthUser,
    id: &str,
    action: Action,
) -> AppResult<(MemberRow, String)> {
    let row = repo::find_row(conn, id)?;
    let region = crate::access::places::check_place(
        conn,
        user,
        Resource::Composition,
        action,
        &row.municipality_id,
        None,
    )?;
    Ok((row, region))
}

pub fn get_member(conn: &mut DbConn, user: &AuthUser, id: &str) -> AppResult<Member> {
    let (row, _) = member_for(conn, user, id, Action::Read)?;
    Ok(repo::to_members(conn, vec![row])?.remove(0))
}

/// Checks the references of a member input within municipality `m`.
fn check_member_refs(conn: &mut DbConn, m: &str, i: &MemberInput) -> AppResult<()> {
    let mut errs = Vec::new();
    for (n, s) in i.subject_ids.iter().enumerate() {
        if !subject_exists(conn, s)? {
            errs.push(FieldError::new(
                &format!("subject_ids[{n}]"),
                "invalid_reference",
                "Предмет не найден в справочнике",
            ));
        }
    }
    if let Some(s) = clean(&i.school_id) {
        if !school_in(conn, &s, m)? {
            errs.push(FieldError::new(
                "school_id",
                "invalid_reference",
                "Выберите действующую школу того же муниципалитета",
            ));
        }
    }
    if let Some(u) = clean(&i.user_id) {
        if !user_in(conn, &u, m, None)? {
            errs.push(FieldError::new(
                "user_id",
                "invalid_reference",
                "Пользователь не найден в этом муниципалитете",
            ));
        }
    }
    if errs.is_empty() {
        Ok(())
    } else {
        Err(AppError::Validation(errs))
    }
}

/// Adds a member as nominated and records it (`action`: create or import); no checks
/// beyond the caller's (imports and nomination decisions check before).
pub(crate) fn add_member(
    conn: &mut DbConn,
    to: &NewMember,
    input: &MemberInput,
    action: AuditAction,
    region: &str,
) -> AppResult<Member> {
    repo::insert(conn, to, input)?;
    let after = find_member(conn, to.id)?;
    audit::record(
        conn,
        to.actor,
        action,
        AuditEntity::Member,
        to.id,
        audit_scope(region, to.municipality_id),
        None,
        Some(&after),
    )?;
    Ok(after)
}

pub fn create_member(conn: &mut DbConn, user: &AuthUser, input: &MemberInput) -> AppResult<Member> {
    let (m, region, year) = new_record_place(
        conn,
        user,
        input.municipality_id.as_deref(),
        input.validate(),
        input.academic_year_id.as_deref(),
    )?;
    check_member_refs(conn, &m, input)?;
    let id = new_id();
    let to = NewMember {
        actor: Some(user),
        id: &id,
        municipality_id: &m,
        academic_year_id: &year,
        nomination_id: None,
    };
    add_member(conn, &to, input, AuditAction::Create, &region)
}

pub fn update_member(
    conn: &mut DbConn,
    user: &AuthUser,
    id: &str,
    input: &MemberInput,
) -> AppResult<Member> {
    let (row, region) = member_for(conn, user, id, Action::Update)?;
    ensure_editable(row.status()?)?;
    input.validate().map_err(AppError::Validation)?;
    check_member_refs(conn, &row.municipality_id, input)?;
    let before = repo::to_members(conn, vec![row.clone()])?.remove(0);
    update_audited(
        conn,
        member_audit(user, id, &region, &row.municipality_id),
        input.version,
        row.book.version,
        before,
        |conn, v| repo::update(conn, user, id, v, input),
        |conn| find_member(conn, id),
    )
}

pub fn archive_member(conn: &mut DbConn, user: &AuthUser, id: &str) -> AppResult<Member> {
    let (row, region) = member_for(conn, user, id, Action::Archive)?;
    ensure_editable(row.status()?)?;
    if row.book.archived_at.is_some() {
        return find_member(conn, id);
    }
    let audit = member_audit(user, id, &region, &row.municipality_id);
    archive_versioned!(conn, members, audit, true, find_member(conn, id)?, |conn| {
        find_member(conn, id)
    })
}

fn member_audit<'a>(user: &'a AuthUser, id: &'a str, region: &'a str, m: &'a str) -> Audit<'a> {
    Audit::new(user, AuditEntity::Member, id, audit_scope(region, m))
}
