//! Audit rows: every write records who, when, what, before and after, in the same
//! transaction. Versioned writes go through `store::versioned`, which writes the entry
//! itself, so a change cannot forget it.

use crate::error::AppResult;
use crate::store::record::{new_id, now};
use crate::store::schema::audit_log;
use crate::store::DbConn;
use diesel::prelude::*;
use serde::Serialize;
use tutornet_domain::audit::{AuditAction, AuditEntity};

/// Whoever makes a change (the signed-in user; implemented in `access`).
pub trait Actor {
    fn actor_id(&self) -> &str;
}

/// Who changes which record, and where it lives: the audit entry of one write.
pub struct Audit<'a> {
    pub actor: &'a dyn Actor,
    pub entity: AuditEntity,
    pub id: &'a str,
    pub scope: Scope<'a>,
}

impl<'a> Audit<'a> {
    pub fn new(actor: &'a dyn Actor, entity: AuditEntity, id: &'a str, scope: Scope<'a>) -> Self {
        Audit {
            actor,
            entity,
            id,
            scope,
        }
    }

    /// Records the creation of `after`.
    pub fn created<T: Serialize>(&self, conn: &mut DbConn, after: &T) -> AppResult<()> {
        self.record(conn, AuditAction::Create, None, Some(after))
    }

    /// Records `action` with the states before and after.
    pub fn record<T: Serialize>(
        &self,
        conn: &mut DbConn,
        action: AuditAction,
        before: Option<&T>,
        after: Option<&T>,
    ) -> AppResult<()> {
        record(
            conn,
            Some(self.actor),
            action,
            self.entity,
            self.id,
            Scope {
                region_id: self.scope.region_id,
                municipality_id: self.scope.municipality_id,
            },
            before,
            after,
        )
    }
}

/// Where the audited record lives (for scoping who may read the entry).
pub struct Scope<'a> {
    pub region_id: Option<&'a str>,
    pub municipality_id: Option<&'a str>,
}

impl<'a> Scope<'a> {
    /// A record of the whole region.
    pub fn region(region_id: &'a str) -> Self {
        Scope {
            region_id: Some(region_id),
            municipality_id: None,
        }
    }

    /// A record of one municipality (of `region_id`).
    pub fn municipality(region_id: &'a str, municipality_id: &'a str) -> Self {
        Scope {
            region_id: Some(region_id),
            municipality_id: Some(municipality_id),
        }
    }
}

#[allow(clippy::too_many_arguments)]
pub fn record<T: Serialize, A: Actor + ?Sized>(
    conn: &mut DbConn,
    actor: Option<&A>,
    action: AuditAction,
    entity: AuditEntity,
    entity_id: &str,
    scope: Scope,
    before: Option<&T>,
    after: Option<&T>,
) -> AppResult<()> {
    let (action, entity) = (action.as_str(), entity.as_str());
    let to_json = |v: Option<&T>| v.and_then(|v| serde_json::to_string(v).ok());
    diesel::insert_into(audit_log::table)
        .values((
            audit_log::id.eq(new_id()),
            audit_log::at.eq(now()),
            audit_log::actor_id.eq(actor.map(|a| a.actor_id().to_string())),
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

/// Records `action` on a record of municipality `municipality_id` (its region looked up).
#[allow(clippy::too_many_arguments)]
pub fn record_in_municipality<T: Serialize, A: Actor + ?Sized>(
    conn: &mut DbConn,
    actor: &A,
    action: AuditAction,
    entity: AuditEntity,
    entity_id: &str,
    municipality_id: &str,
    before: Option<&T>,
    after: Option<&T>,
) -> AppResult<()> {
    let region = crate::store::names::region_of(conn, municipality_id)?;
    let scope = Scope {
        region_id: region.as_deref(),
        municipality_id: Some(municipality_id),
    };
    record(
        conn,
        Some(actor),
        action,
        entity,
        entity_id,
        scope,
        before,
        after,
    )
}

/// Records the creation of `after` by `actor` (`None` for demo and bench data).
pub fn created<T: Serialize, A: Actor + ?Sized>(
    conn: &mut DbConn,
    actor: Option<&A>,
    entity: AuditEntity,
    entity_id: &str,
    scope: Scope,
    after: &T,
) -> AppResult<()> {
    record(
        conn,
        actor,
        AuditAction::Create,
        entity,
        entity_id,
        scope,
        None,
        Some(after),
    )
}
