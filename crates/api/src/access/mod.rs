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
    pub role: Role,
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
}

impl Reach {
    pub fn covers(&self, p: &Place) -> bool {
        match self {
            Reach::Region(r) => p.region_id == r,
            Reach::Municipality(m) => p.municipality_id == Some(m.as_str()),
            Reach::School(s) => p.school_id == Some(s.as_str()),
            Reach::Own(u) => p.user_id == Some(u.as_str()),
        }
    }
}

impl AuthUser {
    /// The reach for `resource`/`action`, or 403.
    pub fn reach(&self, resource: Resource, action: Action) -> AppResult<Reach> {
        self.try_reach(resource, action)
            .ok_or_else(AppError::forbidden)
    }

    pub fn try_reach(&self, resource: Resource, action: Action) -> Option<Reach> {
        match scope(self.role, resource, action)? {
            Scope::Region => Some(Reach::Region(self.region_id.clone())),
            Scope::Municipality => match &self.municipality_id {
                Some(m) => Some(Reach::Municipality(m.clone())),
                // Regional observers (no municipality) read the whole region.
                None if self.role == Role::Observer => Some(Reach::Region(self.region_id.clone())),
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
