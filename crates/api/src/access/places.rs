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

/// Checks that a new record may be added in the municipality the input names (its
/// `municipality_id` field) within `reach` (the caller's reach for creating it): 422 on
/// that field when it does not exist or lies outside (`out_of_scope` says so in
/// Russian). Returns the region.
pub fn check_new_in(
    conn: &mut DbConn,
    reach: &crate::access::Reach,
    municipality_id: &str,
    out_of_scope: &str,
) -> AppResult<String> {
    use crate::error::AppError;
    let region = region_of(conn, municipality_id)?.ok_or_else(|| {
        AppError::field(
            "municipality_id",
            "invalid_reference",
            "Муниципалитет не найден",
        )
    })?;
    let place = crate::access::Place {
        region_id: &region,
        municipality_id: Some(municipality_id),
        ..Default::default()
    };
    if !reach.covers(&place) {
        return Err(AppError::field(
            "municipality_id",
            "out_of_scope",
            out_of_scope,
        ));
    }
    Ok(region)
}
