//! Records tied to users by relations (`tutornet_domain::permissions::Relation`): what
//! «свои» means is listed once per resource in the domain; each noun's policy says how
//! its record holds each relation, and the reach check below is the same for all.

use super::Reach;
use tutornet_domain::permissions::{Relation, Resource};

/// A record as the access checks see it: where it lives and whom it is tied to.
pub trait Related {
    fn municipality_id(&self) -> Option<&str>;
    /// The region of the record's municipality.
    fn region_id(&self) -> Option<&str>;
    fn school_id(&self) -> Option<&str> {
        None
    }
    /// Whether `user_id` holds `relation` to the record.
    fn holds(&self, relation: Relation, user_id: &str) -> bool;
}

/// Whether `user_id` holds one of the relations that make the record their own.
pub fn is_own(resource: Resource, record: &impl Related, user_id: &str) -> bool {
    resource
        .relations()
        .iter()
        .any(|r| record.holds(*r, user_id))
}

/// Whether a reach over `resource` covers the record.
pub fn covers(reach: Option<&Reach>, resource: Resource, record: &impl Related) -> bool {
    match reach {
        Some(Reach::Region(r)) => record.region_id() == Some(r.as_str()),
        Some(Reach::Municipality(m)) => record.municipality_id() == Some(m.as_str()),
        Some(Reach::School(s)) => record.school_id() == Some(s.as_str()),
        Some(Reach::Own(u)) => is_own(resource, record, u),
        Some(Reach::SchoolOrOwn(s, u)) => {
            record.school_id() == Some(s.as_str()) || is_own(resource, record, u)
        }
        None => false,
    }
}
