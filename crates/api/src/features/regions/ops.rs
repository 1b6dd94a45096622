//! Regions (субъекты РФ).

use crate::auth::{AuthUser, Place, Reach};
use crate::error::{AppError, AppResult};
use crate::set_versioned;
use crate::store::conn::DbConn;
use crate::store::record::meta;
use crate::store::record::now;
use crate::store::schema::regions;
use crate::store::{update_audited, Audit};
use diesel::prelude::*;
use tutornet_domain::audit::AuditEntity;
use tutornet_domain::org::{Region, RegionInput};
use tutornet_domain::permissions::{Action, Resource};
use tutornet_domain::text::collation_key;
use tutornet_domain::Page;

#[derive(Queryable, Selectable)]
#[diesel(table_name = regions)]
pub struct RegionRow {
    pub id: String,
    pub name: String,
    pub code: String,
    pub created_at: chrono::NaiveDateTime,
    pub updated_at: chrono::NaiveDateTime,
    pub created_by: Option<String>,
    pub updated_by: Option<String>,
    pub archived_at: Option<chrono::NaiveDateTime>,
    pub version: i32,
}

impl From<RegionRow> for Region {
    fn from(r: RegionRow) -> Region {
        Region {
            id: r.id,
            name: r.name,
            code: r.code,
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

pub fn list(conn: &mut DbConn, reach: &Reach) -> AppResult<Page<Region>> {
    let mut q = regions::table.into_boxed();
    if let Reach::Region(r) = reach {
        q = q.filter(regions::id.eq(r.clone()));
    }
    let items: Vec<Region> = q
        .order((regions::name_sort, regions::id))
        .select(RegionRow::as_select())
        .load(conn)?
        .into_iter()
        .map(Region::from)
        .collect();
    Ok(Page {
        total: items.len() as i64,
        items,
        next_cursor: None,
    })
}

pub fn find(conn: &mut DbConn, id: &str) -> AppResult<Region> {
    regions::table
        .find(id)
        .select(RegionRow::as_select())
        .first(conn)
        .optional()?
        .map(Region::from)
        .ok_or_else(|| AppError::NotFound("Регион не найден".into()))
}

pub fn get(conn: &mut DbConn, user: &AuthUser, id: &str) -> AppResult<Region> {
    let r = find(conn, id)?;
    user.check(Resource::Region, Action::Read, &place(&r))?;
    Ok(r)
}

fn place(r: &Region) -> Place<'_> {
    Place {
        region_id: &r.id,
        ..Default::default()
    }
}

/// Inserts a region (used by `demo` and tooling; not exposed to API clients).
pub fn insert(conn: &mut DbConn, id: &str, input: &RegionInput) -> AppResult<()> {
    let t = now();
    diesel::insert_into(regions::table)
        .values((
            regions::id.eq(id),
            regions::name.eq(input.name.trim()),
            regions::name_sort.eq(collation_key(&input.name)),
            regions::code.eq(input.code.trim()),
            regions::created_at.eq(t),
            regions::updated_at.eq(t),
            regions::version.eq(1),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn update(
    conn: &mut DbConn,
    user: &AuthUser,
    id: &str,
    input: &RegionInput,
) -> AppResult<Region> {
    input.validate().map_err(AppError::Validation)?;
    let before = find(conn, id)?;
    user.check(Resource::Region, Action::Update, &place(&before))?;
    update_audited(
        conn,
        Audit {
            actor: user,
            entity: AuditEntity::Region,
            id,
            scope: crate::store::audit::Scope {
                region_id: Some(id),
                municipality_id: None,
            },
        },
        input.version,
        before.meta.version,
        before.clone(),
        |conn, v| {
            let n = set_versioned!(
                conn,
                regions,
                id,
                v,
                &user.id,
                (
                    regions::name.eq(input.name.trim()),
                    regions::name_sort.eq(collation_key(&input.name)),
                    regions::code.eq(input.code.trim()),
                )
            )?;
            Ok(n)
        },
        |conn| find(conn, id),
    )
}
