//! Operations on nominations: validate → access → repo → audit.

use super::policy::{already_decided, decided, ensure_pending};
use super::repo::{self, NewNomination};
use super::rows::NominationRow;
use crate::auth::AuthUser;
use crate::error::{AppError, AppResult};
use crate::features::audit::ops as audit;
use crate::features::composition::members::{repo::NewMember, rules::add_member};
use crate::features::composition::shared::{
    audit_scope, clean, list_args, page_of, resolve_year, subject_exists,
};
use crate::store::conn::DbConn;
use crate::store::page::Cursor;
use crate::store::record::new_id;
use tutornet_domain::audit::{AuditAction, AuditEntity};
use tutornet_domain::composition::{
    MemberInput, Nomination, NominationDecision, NominationFilter, NominationInput, TutorLevel,
};
use tutornet_domain::permissions::{Action, Resource, Role};
use tutornet_domain::{FieldError, Page};

fn check_nomination(
    conn: &mut DbConn,
    user: &AuthUser,
    r: &NominationRow,
    action: Action,
) -> AppResult<String> {
    crate::access::places::check_place(
        conn,
        user,
        Resource::Nomination,
        action,
        &r.municipality_id,
        Some(&r.school_id),
    )
}

pub fn get_nomination(conn: &mut DbConn, user: &AuthUser, id: &str) -> AppResult<Nomination> {
    let r = repo::find_row(conn, id)?;
    check_nomination(conn, user, &r, Action::Read)?;
    Ok(repo::to_nominations(conn, vec![r])?.remove(0))
}

pub fn list_nominations(
    conn: &mut DbConn,
    user: &AuthUser,
    f: &NominationFilter,
) -> AppResult<Page<Nomination>> {
    let (reach, limit, after) =
        list_args(user, Resource::Nomination, f.limit, f.cursor.as_deref())?;
    let rows = repo::page(conn, &reach, f, after, limit)?;
    page_of(
        conn,
        rows,
        limit,
        |r| Cursor::new(String::new(), &r.id),
        repo::to_nominations,
    )
}

pub fn create_nomination(
    conn: &mut DbConn,
    user: &AuthUser,
    input: &NominationInput,
) -> AppResult<Nomination> {
    user.reach(Resource::Nomination, Action::Create)?;
    input.validate().map_err(AppError::Validation)?;
    let school_id = clean(&input.school_id)
        .or_else(|| user.school_id.clone())
        .ok_or_else(|| AppError::field("school_id", "required", "Выберите школу"))?;
    let school = crate::features::schools::repo::find(conn, &school_id)
        .map_err(|_| AppError::field("school_id", "invalid_reference", "Школа не найдена"))?;
    let region = crate::access::places::check_place(
        conn,
        user,
        Resource::Nomination,
        Action::Create,
        &school.municipality_id,
        Some(&school.id),
    )?;
    let year = resolve_year(conn, input.academic_year_id.as_deref())?;
    let mut errs = Vec::new();
    let mut full_name = input.full_name.clone().unwrap_or_default();
    if let Some(t) = clean(&input.teacher_user_id) {
        match repo::teacher(conn, &t)? {
            Some((name, Some(s), role)) if s == school.id && role == Role::Teacher.as_str() => {
                if full_name.trim().is_empty() {
                    full_name = name;
                }
            }
            _ => errs.push(FieldError::new(
                "teacher_user_id",
                "invalid_reference",
                "Выберите учителя этой школы",
            )),
        }
    }
    for (n, s) in input.subjects().iter().enumerate() {
        if !subject_exists(conn, s)? {
            let field = match input.subjects_field() {
                "subject_ids" => format!("subject_ids[{n}]"),
                f => f.to_string(),
            };
            errs.push(FieldError::new(
                &field,
                "invalid_reference",
                "Предмет не найден в справочнике",
            ));
        }
    }
    if !errs.is_empty() {
        return Err(AppError::Validation(errs));
    }
    let id = new_id();
    let to = NewNomination {
        actor: Some(user),
        id: &id,
        municipality_id: &school.municipality_id,
        academic_year_id: &year,
        school_id: &school.id,
        full_name: &full_name,
    };
    repo::insert(conn, &to, input)?;
    let after = repo::find(conn, &id)?;
    audit::record(
        conn,
        Some(user),
        AuditAction::Create,
        AuditEntity::Nomination,
        &id,
        audit_scope(&region, &school.municipality_id),
        None,
        Some(&after),
    )?;
    Ok(after)
}

pub fn decide_nomination(
    conn: &mut DbConn,
    user: &AuthUser,
    id: &str,
    d: &NominationDecision,
) -> AppResult<Nomination> {
    let r = repo::find_row(conn, id)?;
    let region = check_nomination(conn, user, &r, Action::Update)?;
    ensure_pending(r.status()?)?;
    d.validate().map_err(AppError::Validation)?;
    let before = repo::to_nominations(conn, vec![r])?.remove(0);
    let mut member_id = None;
    if d.approve {
        let mid = new_id();
        let input = MemberInput {
            municipality_id: None,
            academic_year_id: None,
            user_id: before.teacher_user_id.clone(),
            full_name: before.full_name.clone(),
            subject_ids: before.subjects.iter().map(|s| s.id.clone()).collect(),
            level: d.level.unwrap_or(TutorLevel::Municipal),
            level_basis: None,
            level_document: None,
            specialisation: None,
            category: None,
            list_number: None,
            position: before.position.clone(),
            school_id: Some(before.school_id.clone()),
            workplace: None,
            version: None,
        };
        let to = NewMember {
            actor: Some(user),
            id: &mid,
            municipality_id: &before.municipality_id,
            academic_year_id: &before.academic_year_id,
            nomination_id: Some(id),
        };
        add_member(conn, &to, &input, AuditAction::Create, &region)?;
        member_id = Some(mid);
    }
    let status = decided(d.approve);
    if repo::decide(conn, user, id, before.meta.version, d, status, &member_id)? == 0 {
        return Err(already_decided());
    }
    let after = repo::find(conn, id)?;
    audit::record(
        conn,
        Some(user),
        if d.approve {
            AuditAction::Approve
        } else {
            AuditAction::Decline
        },
        AuditEntity::Nomination,
        id,
        audit_scope(&region, &before.municipality_id),
        Some(&before),
        Some(&after),
    )?;
    Ok(after)
}
