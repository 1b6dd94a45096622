//! Pure decisions about trajectories: who sees one and in which capacity the caller acts.

use crate::access::relations::{covers, Related};
use crate::auth::{AuthUser, Reach};
use tutornet_domain::growth::trajectories::Party;
use tutornet_domain::permissions::{Relation, Resource};

/// What the decisions need to know about a trajectory.
pub(super) struct Facts<'a> {
    pub municipality_id: &'a str,
    pub region_id: Option<&'a str>,
    pub school_id: Option<&'a str>,
    pub learner_id: &'a str,
    pub mentor_id: &'a str,
}

impl Related for Facts<'_> {
    fn municipality_id(&self) -> Option<&str> {
        Some(self.municipality_id)
    }

    fn region_id(&self) -> Option<&str> {
        self.region_id
    }

    fn school_id(&self) -> Option<&str> {
        self.school_id
    }

    fn holds(&self, relation: Relation, user_id: &str) -> bool {
        match relation {
            Relation::Learner => self.learner_id == user_id,
            Relation::Mentor => self.mentor_id == user_id,
            _ => false,
        }
    }
}

pub(super) fn visible(reach: Option<&Reach>, f: &Facts) -> bool {
    covers(reach, Resource::Trajectory, f)
}

/// The capacity the caller acts in (`tutornet_domain::growth::trajectories::party`).
pub(super) fn party(user: &AuthUser, f: &Facts) -> Option<Party> {
    tutornet_domain::growth::trajectories::party(
        user.role,
        &user.id,
        user.municipality_id.as_deref(),
        (f.municipality_id, f.mentor_id, f.learner_id),
    )
}
