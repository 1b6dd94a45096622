//! Regions (субъекты РФ).

use crate::auth::{AuthUser, Place, Reach};
use crate::error::{AppError, AppResult};
use crate::set_versioned;
use crate::store::audit::Scope;
use crate::store::conn::DbConn;
use crate::store::record::Found;
use crate::store::schema::regions;
use crate::store::{update_audited, Audit};
use crate::{bookkeeping, new_bookkeeping};
use diesel::prelude::*;
use tutornet_domain::audit::AuditEntity;
use tutornet_domain::org::{Region, RegionInput};
use tutornet_domain::permissions::{Action, Resource};
use tutornet_domain::text::collation_key;
use tutornet_domain::Page;

bookkeeping!(RegionBook, regions);

#[derive(Queryable, Selectable)]
#[diesel(table_name = regions)]
pub struct RegionRow {
    pub id: String,
    pub name: String,
    pub code: String,
    pub time_zone: String,
    #[diesel(embed)]
    pub book: RegionBook,
}

impl From<RegionRow> for Region {
    fn from(r: RegionRow) -> Region {
        Region {
            id: r.id,
            name: r.name,
            code: r.code,
            time_zone: r.time_zone,
            meta: r.book.into(),
        }
    }
}

pub fn list(conn: &mut DbConn, reach: &Reach) -> AppResult<Page<Region>> {
    let mut q = regions::table.into_boxed();
    if let Reach::Region(r) = reach {
        q = q.filter(regions::id.eq(r.clone()));
    }
    let rows = q
        .order((regions::name_sort, regions::id))
        .select(RegionRow::as_select())
        .load(conn)?;
    Ok(Page::whole(rows))
}

pub fn find(conn: &mut DbConn, id: &str) -> AppResult<Region> {
    regions::table
        .find(id)
        .select(RegionRow::as_select())
        .first(conn)
        .found("Регион не найден")
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
    diesel::insert_into(regions::table)
        .values((
            regions::id.eq(id),
            regions::name.eq(input.name.trim()),
            regions::name_sort.eq(collation_key(&input.name)),
            regions::code.eq(input.code.trim()),
            regions::time_zone.eq(zone_name(input)?),
            new_bookkeeping!(regions, None),
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
    let time_zone = match &input.time_zone {
        Some(_) => zone_name(input)?,
        None => before.time_zone.clone(),
    };
    user.check(Resource::Region, Action::Update, &place(&before))?;
    update_audited(
        conn,
        Audit::new(user, AuditEntity::Region, id, Scope::region(id)),
        input.version,
        before.meta.version,
        before.clone(),
        |conn, v| {
            let fields = (
                regions::name.eq(input.name.trim()),
                regions::name_sort.eq(collation_key(&input.name)),
                regions::code.eq(input.code.trim()),
                regions::time_zone.eq(&time_zone),
            );
            Ok(set_versioned!(conn, regions, id, v, &user.id, (fields,))?)
        },
        |conn| find(conn, id),
    )
}

/// The input's zone as stored (checked IANA name), the default when none is given.
fn zone_name(input: &RegionInput) -> AppResult<String> {
    match &input.time_zone {
        Some(z) => Ok(crate::store::zone::parse("time_zone", z)?
            .name()
            .to_string()),
        None => Ok(crate::store::zone::DEFAULT.to_string()),
    }
}
