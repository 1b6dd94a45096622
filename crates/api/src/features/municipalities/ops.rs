//! Municipalities (муниципальные образования).

use crate::auth::{AuthUser, Place, Reach};
use crate::error::{AppError, AppResult};
use crate::features::audit::ops as audit;
use crate::set_versioned;
use crate::store::conn::DbConn;
use crate::store::record::meta;
use crate::store::record::new_id;
use crate::store::record::now;
use crate::store::schema::municipalities;
use crate::store::{archive_audited, update_audited, Audit};
use diesel::prelude::*;
use tutornet_domain::audit::{AuditAction, AuditEntity};
use tutornet_domain::org::{Municipality, MunicipalityInput};
use tutornet_domain::permissions::{Action, Resource};
use tutornet_domain::text::{collation_key, search_key};
use tutornet_domain::Page;

#[derive(Queryable, Selectable)]
#[diesel(table_name = municipalities)]
pub struct MunicipalityRow {
    pub id: String,
    pub region_id: String,
    pub name: String,
    pub created_at: chrono::NaiveDateTime,
    pub updated_at: chrono::NaiveDateTime,
    pub created_by: Option<String>,
    pub updated_by: Option<String>,
    pub archived_at: Option<chrono::NaiveDateTime>,
    pub version: i32,
}

impl From<MunicipalityRow> for Municipality {
    fn from(r: MunicipalityRow) -> Municipality {
        Municipality {
            id: r.id,
            region_id: r.region_id,
            name: r.name,
            meta: meta(
                r.created_at,
                r.updated_at,
                r.created_by,
                r.updated_by,
                r.archived_at,
                r.version,
            ),
        }
    }
}

pub fn list(
    conn: &mut DbConn,
    reach: &Reach,
    include_archived: bool,
) -> AppResult<Page<Municipality>> {
    let mut q = municipalities::table.into_boxed();
    q = crate::in_reach!(
        q, reach,
        region: (municipalities::region_id),
        municipality: (municipalities::id),
        school: (nothing),
        own: (nothing),
    );
    if !include_archived {
        q = q.filter(municipalities::archived_at.is_null());
    }
    let items: Vec<Municipality> = q
        .order((municipalities::name_sort, municipalities::id))
        .select(MunicipalityRow::as_select())
        .load(conn)?
        .into_iter()
        .map(Municipality::from)
        .collect();
    Ok(Page {
        total: items.len() as i64,
        items,
        next_cursor: None,
    })
}

pub fn find(conn: &mut DbConn, id: &str) -> AppResult<Municipality> {
    municipalities::table
        .find(id)
        .select(MunicipalityRow::as_select())
        .first(conn)
        .optional()?
        .map(Municipality::from)
        .ok_or_else(|| AppError::NotFound("Муниципалитет не найден".into()))
}

fn place(m: &Municipality) -> Place<'_> {
    Place {
        region_id: &m.region_id,
        municipality_id: Some(&m.id),
        ..Default::default()
    }
}

pub fn get(conn: &mut DbConn, user: &AuthUser, id: &str) -> AppResult<Municipality> {
    let m = find(conn, id)?;
    user.check(Resource::Municipality, Action::Read, &place(&m))?;
    Ok(m)
}

pub fn create(
    conn: &mut DbConn,
    user: &AuthUser,
    input: &MunicipalityInput,
) -> AppResult<Municipality> {
    user.reach(Resource::Municipality, Action::Create)?;
    input.validate().map_err(AppError::Validation)?;
    let id = new_id();
    insert(conn, Some(user), &id, &user.region_id, input)?;
    find(conn, &id)
}

pub fn insert(
    conn: &mut DbConn,
    actor: Option<&AuthUser>,
    id: &str,
    region_id: &str,
    input: &MunicipalityInput,
) -> AppResult<()> {
    let t = now();
    diesel::insert_into(municipalities::table)
        .values((
            municipalities::id.eq(id),
            municipalities::region_id.eq(region_id),
            municipalities::name.eq(input.name.trim()),
            municipalities::name_sort.eq(collation_key(&input.name)),
            municipalities::search.eq(search_key(&input.name)),
            municipalities::created_at.eq(t),
            municipalities::updated_at.eq(t),
            municipalities::created_by.eq(actor.map(|a| a.id.clone())),
            municipalities::updated_by.eq(actor.map(|a| a.id.clone())),
            municipalities::version.eq(1),
        ))
        .execute(conn)?;
    let after = find(conn, id)?;
    let scope = audit::Scope {
        region_id: Some(region_id),
        municipality_id: Some(id),
    };
    audit::record(
        conn,
        actor,
        AuditAction::Create,
        AuditEntity::Municipality,
        id,
        scope,
        None,
        Some(&after),
    )
}

pub fn update(
    conn: &mut DbConn,
    user: &AuthUser,
    id: &str,
    input: &MunicipalityInput,
) -> AppResult<Municipality> {
    input.validate().map_err(AppError::Validation)?;
    let before = find(conn, id)?;
    user.check(Resource::Municipality, Action::Update, &place(&before))?;
    update_audited(
        conn,
        Audit {
            actor: user,
            entity: AuditEntity::Municipality,
            id,
            scope: crate::store::audit::Scope {
                region_id: Some(&before.region_id),
                municipality_id: Some(id),
            },
        },
        input.version,
        before.meta.version,
        before.clone(),
        |conn, v| {
            let n = set_versioned!(
                conn,
                municipalities,
                id,
                v,
                &user.id,
                (
                    municipalities::name.eq(input.name.trim()),
                    municipalities::name_sort.eq(collation_key(&input.name)),
                    municipalities::search.eq(search_key(&input.name)),
                )
            )?;
            Ok(n)
        },
        |conn| find(conn, id),
    )
}

/// Archives (or restores) a municipality; archived ones keep their schools and history.
pub fn set_archived(
    conn: &mut DbConn,
    user: &AuthUser,
    id: &str,
    archived: bool,
) -> AppResult<Municipality> {
    let before = find(conn, id)?;
    user.check(Resource::Municipality, Action::Archive, &place(&before))?;
    archive_audited(
        conn,
        Audit {
            actor: user,
            entity: AuditEntity::Municipality,
            id,
            scope: crate::store::audit::Scope {
                region_id: Some(&before.region_id),
                municipality_id: Some(id),
            },
        },
        archived,
        before.meta.version,
        before.clone(),
        |conn, v| {
            set_versioned!(
                conn,
                municipalities,
                id,
                v,
                &user.id,
                (municipalities::archived_at.eq(archived.then(now)),)
            )
        },
        |conn| find(conn, id),
    )
}
