//! Authorisation: what the caller may do, decided once for every noun. The permission
//! matrix is `tutornet_domain::permissions`; here it is resolved to concrete ids
//! (`Reach`) and checked against where a record lives (`Place`): reading outside the
//! caller's scope answers 404 (existence is not disclosed), a forbidden action on a
//! visible record 403.

pub mod places;
pub mod relations;
pub mod scope;

use crate::error::{AppError, AppResult};
use tutornet_domain::permissions::{scope, Action, Resource, Role, Scope};

/// The authenticated caller, loaded from the database on every request (so a
/// deactivated user's token stops working at once).
#[derive(Debug, Clone)]
pub struct AuthUser {
    pub id: String,
    pub full_name: String,
    /// The main role (`users.role`).
    pub role: Role,
    /// Every role held: the main one and the community ones
    /// (`tutornet_domain::permissions::held_roles`); rights are their union.
    pub roles: Vec<Role>,
    pub region_id: String,
    pub municipality_id: Option<String>,
    pub school_id: Option<String>,
}

/// Where a record lives in the organisation, for scope checks.
#[derive(Debug, Clone, Default)]
pub struct Place<'a> {
    pub region_id: &'a str,
    pub municipality_id: Option<&'a str>,
    pub school_id: Option<&'a str>,
    /// The user the record is (for user records).
    pub user_id: Option<&'a str>,
}

/// The caller's permission resolved to concrete ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reach {
    Region(String),
    Municipality(String),
    School(String),
    Own(String),
    /// The union of a school's records and the user's own: a school administrator or
    /// teacher who is also a tutor (school, user).
    SchoolOrOwn(String, String),
}

impl Reach {
    pub fn covers(&self, p: &Place) -> bool {
        match self {
            Reach::Region(r) => p.region_id == r,
            Reach::Municipality(m) => p.municipality_id == Some(m.as_str()),
            Reach::School(s) => p.school_id == Some(s.as_str()),
            Reach::Own(u) => p.user_id == Some(u.as_str()),
            Reach::SchoolOrOwn(s, u) => {
                p.school_id == Some(s.as_str()) || p.user_id == Some(u.as_str())
            }
        }
    }

    /// The union of two reaches of one user. Region ⊇ municipality ⊇ school and own
    /// (a user's own records and school lie in their municipality); school and own
    /// do not nest and make [`Reach::SchoolOrOwn`].
    fn union(self, other: Reach) -> Reach {
        use Reach::*;
        let rank = |r: &Reach| match r {
            Region(_) => 3,
            Municipality(_) => 2,
            _ => 1,
        };
        match (self, other) {
            (a, b) if rank(&a) != rank(&b) => {
                if rank(&a) > rank(&b) {
                    a
                } else {
                    b
                }
            }
            (School(s), Own(u)) | (Own(u), School(s)) => SchoolOrOwn(s, u),
            (SchoolOrOwn(s, u), _) | (_, SchoolOrOwn(s, u)) => SchoolOrOwn(s, u),
            (a, _) => a,
        }
    }
}

impl AuthUser {
    /// The reach for `resource`/`action`, or 403.
    pub fn reach(&self, resource: Resource, action: Action) -> AppResult<Reach> {
        self.try_reach(resource, action)
            .ok_or_else(AppError::forbidden)
    }

    /// The reach of every held role, united.
    pub fn try_reach(&self, resource: Resource, action: Action) -> Option<Reach> {
        let mut roles = self.roles.clone();
        if !roles.contains(&self.role) {
            roles.insert(0, self.role);
        }
        roles
            .into_iter()
            .filter_map(|r| self.reach_as(r, resource, action))
            .reduce(Reach::union)
    }

    /// Whether the user holds `role` (as the main role or from the community).
    pub fn acts_as(&self, role: Role) -> bool {
        self.role == role || self.roles.contains(&role)
    }

    fn reach_as(&self, role: Role, resource: Resource, action: Action) -> Option<Reach> {
        match scope(role, resource, action)? {
            Scope::Region => Some(Reach::Region(self.region_id.clone())),
            Scope::Municipality => match &self.municipality_id {
                Some(m) => Some(Reach::Municipality(m.clone())),
                // Regional observers (no municipality) read the whole region.
                None if role == Role::Observer => Some(Reach::Region(self.region_id.clone())),
                None => None,
            },
            Scope::School => self.school_id.clone().map(Reach::School),
            Scope::Own => Some(Reach::Own(self.id.clone())),
        }
    }

    /// 404 when the record is outside the caller's read reach (its existence is not
    /// disclosed), 403 when it is readable but the action is not allowed on it.
    pub fn check(&self, resource: Resource, action: Action, place: &Place) -> AppResult<()> {
        let readable = self
            .try_reach(resource, Action::Read)
            .is_some_and(|r| r.covers(place));
        if !readable {
            return Err(AppError::NotFound("Запись не найдена".into()));
        }
        if action != Action::Read {
            let ok = self
                .try_reach(resource, action)
                .is_some_and(|r| r.covers(place));
            if !ok {
                return Err(AppError::forbidden());
            }
        }
        Ok(())
    }
}

/// The one entry point for an object-level check: `action` on `resource` at `place`.
pub fn require(
    user: &AuthUser,
    resource: Resource,
    action: Action,
    place: &Place,
) -> AppResult<()> {
    user.check(resource, action, place)
}

impl crate::store::audit::Actor for AuthUser {
    fn actor_id(&self) -> &str {
        &self.id
    }
}
