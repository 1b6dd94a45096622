//! The audit log: every write records who, when, what, before and after.

use crate::auth::{AuthUser, Reach};
use crate::db::schema::{audit_log, users};
use crate::db::{new_id, now, Cursor, DbConn};
use crate::error::{AppError, AppResult};
use diesel::prelude::*;
use serde::Serialize;
use tutornet_domain::audit::{AuditAction, AuditEntity};
use tutornet_domain::audit::{AuditEntry, AuditFilter};
use tutornet_domain::Page;

/// Where the audited record lives (for scoping who may read the entry).
pub struct Scope<'a> {
    pub region_id: Option<&'a str>,
    pub municipality_id: Option<&'a str>,
}

#[allow(clippy::too_many_arguments)]
/// An audit code given as the domain enum or, while callers move over, as its text
/// (an unknown text is an error, never a silently stored new code).
pub enum Code<E> {
    Typed(E),
    Text(String),
}

impl<E: Copy> Code<E> {
    fn resolve(self, what: &str, parse: impl Fn(&str) -> Option<E>) -> AppResult<E> {
        match self {
            Code::Typed(e) => Ok(e),
            Code::Text(t) => {
                parse(&t).ok_or_else(|| AppError::Internal(format!("unknown {what} {t:?}")))
            }
        }
    }
}

impl From<AuditAction> for Code<AuditAction> {
    fn from(e: AuditAction) -> Self {
        Code::Typed(e)
    }
}

impl From<AuditEntity> for Code<AuditEntity> {
    fn from(e: AuditEntity) -> Self {
        Code::Typed(e)
    }
}

impl<E> From<&String> for Code<E> {
    fn from(t: &String) -> Self {
        Code::Text(t.clone())
    }
}

impl<E> From<&str> for Code<E> {
    fn from(t: &str) -> Self {
        Code::Text(t.to_string())
    }
}

pub fn record<T: Serialize>(
    conn: &mut DbConn,
    actor: Option<&AuthUser>,
    action: impl Into<Code<AuditAction>>,
    entity: impl Into<Code<AuditEntity>>,
    entity_id: &str,
    scope: Scope,
    before: Option<&T>,
    after: Option<&T>,
) -> AppResult<()> {
    let action = action
        .into()
        .resolve("audit action", AuditAction::parse)?
        .as_str();
    let entity = entity
        .into()
        .resolve("audit entity", AuditEntity::parse)?
        .as_str();
    let to_json = |v: Option<&T>| v.and_then(|v| serde_json::to_string(v).ok());
    diesel::insert_into(audit_log::table)
        .values((
            audit_log::id.eq(new_id()),
            audit_log::at.eq(now()),
            audit_log::actor_id.eq(actor.map(|a| a.id.clone())),
            audit_log::action.eq(action),
            audit_log::entity.eq(entity),
            audit_log::entity_id.eq(entity_id),
            audit_log::region_id.eq(scope.region_id),
            audit_log::municipality_id.eq(scope.municipality_id),
            audit_log::before_json.eq(to_json(before)),
            audit_log::after_json.eq(to_json(after)),
        ))
        .execute(conn)?;
    Ok(())
}

type Row = (
    String,
    chrono::NaiveDateTime,
    Option<String>,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// Newest first; ids are UUIDv7, so they order by time.
pub fn list(conn: &mut DbConn, reach: &Reach, f: &AuditFilter) -> AppResult<Page<AuditEntry>> {
    let limit = crate::db::page_limit(f.limit)?;
    let after = f.cursor.as_deref().map(Cursor::decode).transpose()?;
    let filtered = || {
        let mut q = audit_log::table.into_boxed();
        q = match reach {
            Reach::Region(r) => q.filter(audit_log::region_id.eq(r.clone())),
            Reach::Municipality(m) => q.filter(audit_log::municipality_id.eq(m.clone())),
            Reach::School(_) | Reach::Own(_) => q.filter(audit_log::id.eq("")),
        };
        if let Some(e) = &f.entity {
            q = q.filter(audit_log::entity.eq(e.clone()));
        }
        if let Some(e) = &f.entity_id {
            q = q.filter(audit_log::entity_id.eq(e.clone()));
        }
        if let Some(a) = &f.actor_id {
            q = q.filter(audit_log::actor_id.eq(a.clone()));
        }
        q
    };
    let total: i64 = filtered().count().get_result(conn)?;
    let mut q = filtered();
    if let Some(c) = &after {
        q = q.filter(audit_log::id.lt(c.id.clone()));
    }
    let rows: Vec<Row> = q
        .order(audit_log::id.desc())
        .limit(limit + 1)
        .select((
            audit_log::id,
            audit_log::at,
            audit_log::actor_id,
            audit_log::action,
            audit_log::entity,
            audit_log::entity_id,
            audit_log::municipality_id,
            audit_log::before_json,
            audit_log::after_json,
            audit_log::region_id,
        ))
        .load(conn)?;
    let actor_ids: Vec<String> = rows.iter().filter_map(|r| r.2.clone()).collect();
    let names: std::collections::HashMap<String, String> = users::table
        .filter(users::id.eq_any(actor_ids))
        .select((users::id, users::full_name))
        .load::<(String, String)>(conn)?
        .into_iter()
        .collect();
    let parse = |s: Option<String>| s.and_then(|s| serde_json::from_str(&s).ok());
    Ok(crate::db::finish_page(
        rows,
        limit,
        total,
        |r| Cursor {
            k: String::new(),
            id: r.0.clone(),
        },
        |r| AuditEntry {
            actor_name: r.2.as_ref().and_then(|a| names.get(a).cloned()),
            id: r.0,
            at: r.1.and_utc(),
            actor_id: r.2,
            action: r.3,
            entity: r.4,
            entity_id: r.5,
            municipality_id: r.6,
            before: parse(r.7),
            after: parse(r.8),
        },
    ))
}
