//! The account side of a member: which member may get one, and tying a user to the
//! member exactly once (a conditional update, and a unique index on the year's members).

use super::repo::find_member;
use super::rules::member_for;
use crate::auth::AuthUser;
use crate::error::{AppError, AppResult};
use crate::features::audit::ops as audit;
use crate::features::composition::shared::{audit_scope, conflict, user_in};
use crate::store::conn::DbConn;
use crate::store::record::now;
use crate::store::schema::members;
use diesel::prelude::*;
use tutornet_domain::audit::{AuditAction, AuditEntity};
use tutornet_domain::composition::{Member, MemberStatus};
use tutornet_domain::permissions::Action;
use tutornet_domain::ProblemCode;

/// The member `id` if the caller may give it an account: editable composition of their
/// place, approved by an order, without an account yet (409 otherwise).
pub fn account_target(conn: &mut DbConn, user: &AuthUser, id: &str) -> AppResult<Member> {
    let (row, _) = member_for(conn, user, id, Action::Update)?;
    if row.book.archived_at.is_some() || row.status()? != MemberStatus::Approved {
        return Err(conflict(
            ProblemCode::MemberNotApproved,
            "Учётная запись создаётся для участника, утверждённого приказом",
        ));
    }
    if row.user_id.is_some() {
        return Err(already_linked());
    }
    find_member(conn, id)
}

fn already_linked() -> AppError {
    conflict(
        ProblemCode::AlreadyExists,
        "У участника уже есть учётная запись",
    )
}

/// Ties user `user_id` (active, of the member's municipality) to member `id`, once: a
/// member that got an account meanwhile is a 409, and so is a user already tied to
/// another member of the same composition.
pub fn attach_account(
    conn: &mut DbConn,
    user: &AuthUser,
    id: &str,
    user_id: &str,
) -> AppResult<Member> {
    let (row, region) = member_for(conn, user, id, Action::Update)?;
    if !user_in(conn, user_id, &row.municipality_id, None)? {
        return Err(AppError::field(
            "user_id",
            "invalid_reference",
            "Пользователь не найден в муниципалитете участника",
        ));
    }
    let before = find_member(conn, id)?;
    let n = diesel::update(
        members::table
            .filter(members::id.eq(id))
            .filter(members::user_id.is_null()),
    )
    .set((
        members::user_id.eq(Some(user_id)),
        members::version.eq(members::version + 1),
        members::updated_at.eq(now()),
        members::updated_by.eq(Some(&user.id)),
    ))
    .execute(conn)
    .map_err(|e| match AppError::from(e) {
        AppError::Conflict { .. } => AppError::field(
            "user_id",
            "already_exists",
            "Этот пользователь уже связан с другим участником состава этого года",
        ),
        other => other,
    })?;
    if n == 0 {
        return Err(already_linked());
    }
    let after = find_member(conn, id)?;
    audit::record(
        conn,
        Some(user),
        AuditAction::Update,
        AuditEntity::Member,
        id,
        audit_scope(&region, &row.municipality_id),
        Some(&before),
        Some(&after),
    )?;
    Ok(after)
}

/// Approved members of the caller's composition (current year) without an account.
pub fn without_account(
    conn: &mut DbConn,
    user: &AuthUser,
    municipality: Option<&str>,
) -> AppResult<Vec<Member>> {
    let (m, _) = crate::features::composition::shared::target_municipality(
        conn,
        user,
        tutornet_domain::permissions::Resource::Composition,
        Action::Update,
        municipality,
    )?;
    let Some(year) = crate::features::academic_years::ops::current(conn)? else {
        return Ok(Vec::new());
    };
    let rows = members::table
        .filter(members::municipality_id.eq(&m))
        .filter(members::academic_year_id.eq(&year.id))
        .filter(members::status.eq(MemberStatus::Approved.as_str()))
        .filter(members::user_id.is_null())
        .filter(members::archived_at.is_null())
        .order((members::name_sort.asc(), members::id.asc()))
        .select(super::rows::MemberRow::as_select())
        .load(conn)?;
    super::repo::to_members(conn, rows)
}
