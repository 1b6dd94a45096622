//! Where a record lives: the region of a municipality, and the check of an action on
//! a record of a municipality (and school).

use crate::error::AppResult;
use crate::store::schema;
use crate::store::DbConn;
use diesel::prelude::*;

/// The region a municipality belongs to (for scope checks and audit entries).
pub use crate::store::names::region_of;

/// Ids of a region's municipalities, as a subquery for `municipality_id.eq_any(…)`.
pub fn region_municipalities(region_id: &str) -> RegionMunicipalities {
    use schema::municipalities;
    municipalities::table
        .filter(municipalities::region_id.eq(region_id.to_string()))
        .select(municipalities::id)
}

type RegionMunicipalities = diesel::dsl::Select<
    diesel::dsl::Filter<
        schema::municipalities::table,
        diesel::dsl::Eq<schema::municipalities::region_id, String>,
    >,
    schema::municipalities::id,
>;

/// Checks `action` on `resource` for a record of a municipality (and, if given, a
/// school); returns the municipality's region for audit entries.
pub fn check_place(
    conn: &mut DbConn,
    user: &crate::access::AuthUser,
    resource: tutornet_domain::permissions::Resource,
    action: tutornet_domain::permissions::Action,
    municipality_id: &str,
    school_id: Option<&str>,
) -> AppResult<String> {
    let region = region_of(conn, municipality_id)?.unwrap_or_default();
    crate::access::require(
        user,
        resource,
        action,
        &crate::access::Place {
            region_id: &region,
            municipality_id: Some(municipality_id),
            school_id,
            user_id: None,
        },
    )?;
    Ok(region)
}
