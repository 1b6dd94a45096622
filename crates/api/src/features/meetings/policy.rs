//! Pure decisions about meetings: who sees one (the municipality, the region, those
//! invited and the owners of its поручения) and who organises it.

use crate::access::relations::{covers, Related};
use crate::auth::Reach;
use tutornet_domain::permissions::{Relation, Resource};

/// What the decisions need to know about a meeting.
pub(super) struct Facts<'a> {
    pub municipality_id: &'a str,
    pub region_id: Option<&'a str>,
    pub invited: &'a [String],
    pub owners: &'a [String],
}

impl Related for Facts<'_> {
    fn municipality_id(&self) -> Option<&str> {
        Some(self.municipality_id)
    }

    fn region_id(&self) -> Option<&str> {
        self.region_id
    }

    fn holds(&self, relation: Relation, user_id: &str) -> bool {
        match relation {
            Relation::Invitee => self.invited.iter().any(|u| u == user_id),
            Relation::DecisionOwner => self.owners.iter().any(|u| u == user_id),
            _ => false,
        }
    }
}

pub(super) fn visible(reach: Option<&Reach>, f: &Facts) -> bool {
    covers(reach, Resource::Meeting, f)
}

/// Organisers (who may create meetings where this one is) edit it and move it on; an
/// invitee's own reach never does.
pub(super) fn organises(create: Option<&Reach>, f: &Facts) -> bool {
    matches!(create, Some(Reach::Region(_) | Reach::Municipality(_))) && visible(create, f)
}
