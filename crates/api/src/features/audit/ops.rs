//! The audit log: every write records who, when, what, before and after.

use crate::auth::Reach;
use crate::error::AppResult;
use crate::store::conn::DbConn;
use crate::store::page::Cursor;
use crate::store::schema::audit_log;
use diesel::prelude::*;
use tutornet_domain::audit::{action_label_ru, entity_label_ru, AuditEntry, AuditFilter};
use tutornet_domain::Page;

pub use crate::store::audit::{record, Scope};

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
    let limit = crate::store::page::page_limit(f.limit)?;
    let after = f.cursor.as_deref().map(Cursor::decode).transpose()?;
    let filtered = || {
        let mut q = audit_log::table.into_boxed();
        q = crate::in_reach!(
            q, reach,
            region: (audit_log::region_id),
            municipality: (audit_log::municipality_id),
            school: (nothing),
            own: (nothing),
        );
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
    let names = crate::store::names::user_names(conn, actor_ids)?;
    let keys: Vec<(&str, &str)> = rows.iter().map(|r| (r.4.as_str(), r.5.as_str())).collect();
    let record_names = super::names::resolve(conn, &keys)?;
    let parse = |s: Option<String>| s.and_then(|s| serde_json::from_str(&s).ok());
    Ok(crate::store::page::finish_page(
        rows,
        limit,
        total,
        |r| Cursor {
            k: String::new(),
            id: r.0.clone(),
        },
        |r| {
            let (before, after) = (parse(r.7), parse(r.8));
            let entity_name = record_names
                .get(&(r.4.clone(), r.5.clone()))
                .cloned()
                .or_else(|| snapshot_name(&after, &before));
            AuditEntry {
                actor_name: r.2.as_ref().and_then(|a| names.get(a).cloned()),
                action_label: action_label_ru(&r.3).to_string(),
                entity_label: entity_label_ru(&r.4).to_string(),
                entity_name,
                id: r.0,
                at: r.1.and_utc(),
                actor_id: r.2,
                action: r.3,
                entity: r.4,
                entity_id: r.5,
                municipality_id: r.6,
                before,
                after,
            }
        },
    ))
}

/// A name from the record's own snapshots, for records that are gone or of a kind with no
/// lookup.
fn snapshot_name(
    after: &Option<serde_json::Value>,
    before: &Option<serde_json::Value>,
) -> Option<String> {
    [after, before].into_iter().flatten().find_map(|v| {
        [
            "short_name",
            "full_name",
            "name",
            "title",
            "topic",
            "file_name",
            "email",
        ]
        .iter()
        .find_map(|k| v.get(k).and_then(serde_json::Value::as_str))
        .filter(|s| !s.is_empty())
        .map(tutornet_domain::text::numero)
    })
}
