//! Operations on orders: validate → access → repo → audit.

use super::policy::order_problem;
use super::repo;
use crate::auth::AuthUser;
use crate::error::{AppError, AppResult};
use crate::features::audit::ops as audit;
use crate::features::composition::members::repo as members;
use crate::features::composition::shared::{audit_scope, list_args, new_record_place, page_of};
use crate::store::conn::DbConn;
use crate::store::page::Cursor;
use crate::store::record::new_id;
use crate::store::{update_audited, Audit};
use tutornet_domain::audit::{AuditAction, AuditEntity};
use tutornet_domain::composition::{
    CompositionOrder, MemberStatus, OrderDetails, OrderFilter, OrderInput,
};
use tutornet_domain::permissions::{Action, Resource};
use tutornet_domain::{FieldError, Page};

pub fn get_order(conn: &mut DbConn, user: &AuthUser, id: &str) -> AppResult<CompositionOrder> {
    let r = repo::find_row(conn, id)?;
    crate::access::places::check_place(
        conn,
        user,
        Resource::Composition,
        Action::Read,
        &r.municipality_id,
        None,
    )?;
    repo::to_order(conn, r)
}

pub fn list_orders(
    conn: &mut DbConn,
    user: &AuthUser,
    f: &OrderFilter,
) -> AppResult<Page<CompositionOrder>> {
    let (reach, limit, after) =
        list_args(user, Resource::Composition, f.limit, f.cursor.as_deref())?;
    let rows = repo::page(conn, &reach, f, after, limit)?;
    page_of(
        conn,
        rows,
        limit,
        |r| Cursor::new(r.issued_on.format("%Y-%m-%d").to_string(), &r.id),
        |conn, rows| rows.into_iter().map(|r| repo::to_order(conn, r)).collect(),
    )
}

pub fn create_order(
    conn: &mut DbConn,
    user: &AuthUser,
    input: &OrderInput,
) -> AppResult<CompositionOrder> {
    let (m, region, year) = new_record_place(
        conn,
        user,
        input.municipality_id.as_deref(),
        input.validate(),
        input.academic_year_id.as_deref(),
    )?;
    let mut errs = Vec::new();
    let mut check = |field: String, id: &str, want: MemberStatus| -> AppResult<()> {
        let row = members::find_row_opt(conn, id)?;
        if let Some((code, message)) =
            order_problem(row.as_ref(), want, &m, &year, input.issued_on)?
        {
            errs.push(FieldError::new(&field, code, message));
        }
        Ok(())
    };
    for (n, id) in input.approve_member_ids.iter().enumerate() {
        check(
            format!("approve_member_ids[{n}]"),
            id,
            MemberStatus::Nominated,
        )?;
    }
    for (n, x) in input.exclude.iter().enumerate() {
        check(
            format!("exclude[{n}].member_id"),
            &x.member_id,
            MemberStatus::Approved,
        )?;
    }
    if !errs.is_empty() {
        return Err(AppError::Validation(errs));
    }
    let id = new_id();
    repo::insert(conn, Some(user), &id, &m, &year, input)?;
    let row = repo::find_row(conn, &id)?;
    let after = repo::to_order(conn, row)?;
    audit::record(
        conn,
        Some(user),
        AuditAction::Create,
        AuditEntity::CompositionOrder,
        &id,
        audit_scope(&region, &m),
        None,
        Some(&after),
    )?;
    Ok(after)
}

/// Corrects the printed details of an entered order (versioned; audited as an update).
pub fn update_order(
    conn: &mut DbConn,
    user: &AuthUser,
    id: &str,
    input: &OrderDetails,
) -> AppResult<CompositionOrder> {
    let r = repo::find_row(conn, id)?;
    let region = crate::access::places::check_place(
        conn,
        user,
        Resource::Composition,
        Action::Update,
        &r.municipality_id,
        None,
    )?;
    input.validate().map_err(AppError::Validation)?;
    let (current, m) = (r.book.version, r.municipality_id.clone());
    let before = repo::to_order(conn, r)?;
    update_audited(
        conn,
        Audit::new(
            user,
            AuditEntity::CompositionOrder,
            id,
            audit_scope(&region, &m),
        ),
        input.version,
        current,
        before,
        |conn, v| repo::update_details(conn, user, id, v, input),
        |conn| {
            let row = repo::find_row(conn, id)?;
            repo::to_order(conn, row)
        },
    )
}
