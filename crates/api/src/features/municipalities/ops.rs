//! Municipalities (муниципальные образования).

use crate::auth::{AuthUser, Place, Reach};
use crate::error::{AppError, AppResult};
use crate::store::audit::Scope;
use crate::store::conn::DbConn;
use crate::store::record::new_id;
use crate::store::schema::{municipalities, regions};
use crate::store::{update_audited, Audit};
use crate::{archive_versioned, bookkeeping, new_bookkeeping, set_versioned};
use diesel::prelude::*;
use tutornet_domain::audit::AuditEntity;
use tutornet_domain::org::{Municipality, MunicipalityInput};
use tutornet_domain::permissions::{Action, Resource};
use tutornet_domain::text::{collation_key, search_key};
use tutornet_domain::Page;

bookkeeping!(MunicipalityBook, municipalities);

#[derive(Queryable, Selectable)]
#[diesel(table_name = municipalities)]
pub struct MunicipalityRow {
    pub id: String,
    pub region_id: String,
    pub name: String,
    pub time_zone: Option<String>,
    pub name_prepositional: Option<String>,
    #[diesel(embed)]
    pub book: MunicipalityBook,
}

/// A municipality from its row and its region's time zone.
fn to_municipality((r, region_zone): (MunicipalityRow, String)) -> Municipality {
    Municipality {
        id: r.id,
        region_id: r.region_id,
        name: r.name,
        effective_time_zone: r.time_zone.clone().unwrap_or(region_zone),
        time_zone: r.time_zone,
        name_prepositional: r.name_prepositional,
        meta: r.book.into(),
    }
}

/// A municipality's own zone from its input: a checked IANA name, or none.
fn own_zone(input: &MunicipalityInput) -> AppResult<Option<String>> {
    match input
        .time_zone
        .as_deref()
        .map(str::trim)
        .filter(|z| !z.is_empty())
    {
        Some(z) => Ok(Some(
            crate::store::zone::parse("time_zone", z)?
                .name()
                .to_string(),
        )),
        None => Ok(None),
    }
}

/// The prepositional name from its input, trimmed; blank is none.
fn prepositional(input: &MunicipalityInput) -> Option<String> {
    tutornet_domain::text::clean(&input.name_prepositional)
}

pub fn list(
    conn: &mut DbConn,
    reach: &Reach,
    include_archived: bool,
) -> AppResult<Page<Municipality>> {
    let mut q = municipalities::table
        .inner_join(regions::table)
        .into_boxed();
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
    let rows = q
        .order((municipalities::name_sort, municipalities::id))
        .select((MunicipalityRow::as_select(), regions::time_zone))
        .load::<(MunicipalityRow, String)>(conn)?;
    Ok(Page::whole(rows.into_iter().map(to_municipality).collect()))
}

pub fn find(conn: &mut DbConn, id: &str) -> AppResult<Municipality> {
    municipalities::table
        .inner_join(regions::table)
        .filter(municipalities::id.eq(id))
        .select((MunicipalityRow::as_select(), regions::time_zone))
        .first::<(MunicipalityRow, String)>(conn)
        .optional()?
        .map(to_municipality)
        .ok_or_else(|| AppError::NotFound("Муниципалитет не найден".into()))
}

fn place(m: &Municipality) -> Place<'_> {
    Place {
        region_id: &m.region_id,
        municipality_id: Some(&m.id),
        ..Default::default()
    }
}

fn audit<'a>(user: &'a AuthUser, m: &'a Municipality) -> Audit<'a> {
    Audit::new(
        user,
        AuditEntity::Municipality,
        &m.id,
        Scope::municipality(&m.region_id, &m.id),
    )
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

/// A new municipality of demo or bench data (no actor); returns its id.
pub fn seed(
    conn: &mut DbConn,
    region_id: &str,
    name: impl Into<String>,
    name_prepositional: Option<String>,
) -> AppResult<String> {
    let id = new_id();
    let input = MunicipalityInput {
        name: name.into(),
        time_zone: None,
        name_prepositional,
        version: None,
    };
    insert(conn, None, &id, region_id, &input)?;
    Ok(id)
}

/// Inserts and audits (the actor is `None` for demo and bench data).
fn insert(
    conn: &mut DbConn,
    actor: Option<&AuthUser>,
    id: &str,
    region_id: &str,
    input: &MunicipalityInput,
) -> AppResult<()> {
    diesel::insert_into(municipalities::table)
        .values((
            municipalities::id.eq(id),
            municipalities::region_id.eq(region_id),
            municipalities::name.eq(input.name.trim()),
            municipalities::name_sort.eq(collation_key(&input.name)),
            municipalities::search.eq(search_key(&input.name)),
            municipalities::time_zone.eq(own_zone(input)?),
            municipalities::name_prepositional.eq(prepositional(input)),
            new_bookkeeping!(municipalities, actor.map(|a| a.id.clone())),
        ))
        .execute(conn)?;
    let after = find(conn, id)?;
    let scope = Scope::municipality(region_id, id);
    crate::store::audit::created(conn, actor, AuditEntity::Municipality, id, scope, &after)
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
    let zone = own_zone(input)?;
    update_audited(
        conn,
        audit(user, &before),
        input.version,
        before.meta.version,
        before.clone(),
        |conn, v| {
            let names = (
                municipalities::name.eq(input.name.trim()),
                municipalities::name_sort.eq(collation_key(&input.name)),
                municipalities::search.eq(search_key(&input.name)),
                municipalities::time_zone.eq(&zone),
                municipalities::name_prepositional.eq(prepositional(input)),
            );
            Ok(set_versioned!(
                conn,
                municipalities,
                id,
                v,
                &user.id,
                (names,)
            )?)
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
    archive_versioned!(
        conn,
        municipalities,
        audit(user, &before),
        archived,
        before,
        |conn| find(conn, id)
    )
}

/// The municipality `m`, once reading `resource` there is checked for the caller (for
/// documents printed per municipality: the composition's appendix, the schedule).
pub fn readable(
    conn: &mut DbConn,
    user: &AuthUser,
    resource: Resource,
    m: &str,
) -> AppResult<Municipality> {
    user.reach(resource, Action::Read)?;
    let municipality = find(conn, m)?;
    user.check(resource, Action::Read, &place(&municipality))?;
    Ok(municipality)
}

/// [`readable`] for the municipality a query names, or else the caller's own; 422 on
/// `municipality_id` when there is neither (a regional administrator must choose).
pub fn readable_or_own(
    conn: &mut DbConn,
    user: &AuthUser,
    resource: Resource,
    requested: Option<&str>,
) -> AppResult<Municipality> {
    let m = requested
        .filter(|m| !m.trim().is_empty())
        .map(str::to_string)
        .or_else(|| user.municipality_id.clone())
        .ok_or_else(|| AppError::field("municipality_id", "required", "Выберите муниципалитет"))?;
    readable(conn, user, resource, &m)
}
