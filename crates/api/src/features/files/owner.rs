//! Who owns a file: the kind of record (stored as `files.entity`) and what the owning
//! noun answers about access to one of its records. Each owning noun implements
//! [`FileOwner`]; this module depends on no noun, so owners can use it freely.

use crate::auth::AuthUser;
use crate::error::AppResult;
use crate::store::conn::DbConn;

/// The kinds of records files belong to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OwnerKind {
    /// The scan of a composition order.
    Order,
    /// A session's materials.
    Session,
    /// Documents attached to a request (the work for an expert review).
    Request,
    /// The document under an expert review.
    Review,
    /// The files of a library material (its versions list which ones they show).
    Library,
    /// A meeting's attachments.
    Meeting,
}

impl OwnerKind {
    /// The audit entity its files are recorded under.
    pub fn audit_entity(self) -> tutornet_domain::audit::AuditEntity {
        use tutornet_domain::audit::AuditEntity;
        match self {
            OwnerKind::Order => AuditEntity::Order,
            OwnerKind::Session => AuditEntity::Session,
            OwnerKind::Request => AuditEntity::Request,
            OwnerKind::Review => AuditEntity::Review,
            OwnerKind::Library => AuditEntity::LibraryItem,
            OwnerKind::Meeting => AuditEntity::Meeting,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            OwnerKind::Order => "order",
            OwnerKind::Session => "session",
            OwnerKind::Request => "request",
            OwnerKind::Review => "review",
            OwnerKind::Library => "library",
            OwnerKind::Meeting => "meeting",
        }
    }

    pub fn parse(s: &str) -> Option<OwnerKind> {
        match s {
            "order" => Some(OwnerKind::Order),
            "session" => Some(OwnerKind::Session),
            "request" => Some(OwnerKind::Request),
            "review" => Some(OwnerKind::Review),
            "library" => Some(OwnerKind::Library),
            "meeting" => Some(OwnerKind::Meeting),
            _ => None,
        }
    }

    /// The stored kind; an unknown value is an error, not a default.
    pub fn stored(s: &str) -> AppResult<OwnerKind> {
        crate::store::stored(s, "files.entity", OwnerKind::parse)
    }
}

/// Access to the record a file belongs to, answered by the noun that owns it.
pub trait FileOwner: Sync {
    /// 404/403 unless the caller may see the record; returns its municipality.
    fn can_read(&self, conn: &mut DbConn, user: &AuthUser, id: &str) -> AppResult<String>;
    /// 404/403 unless the caller may change the record's files; returns its municipality.
    fn can_change(&self, conn: &mut DbConn, user: &AuthUser, id: &str) -> AppResult<String>;
    /// 404/403 unless the caller may download this file of the record (by default:
    /// whoever sees the record; an owner whose versions show different files narrows it).
    fn can_read_file(
        &self,
        conn: &mut DbConn,
        user: &AuthUser,
        id: &str,
        _file_id: &str,
    ) -> AppResult<String> {
        self.can_read(conn, user, id)
    }
    /// After the record's file was archived (the owner may forget what it kept of it).
    fn archived(&self, _conn: &mut DbConn, _user: &AuthUser, _id: &str) -> AppResult<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_and_unknown_is_an_error() {
        for k in [
            OwnerKind::Order,
            OwnerKind::Session,
            OwnerKind::Request,
            OwnerKind::Review,
            OwnerKind::Library,
            OwnerKind::Meeting,
        ] {
            assert_eq!(OwnerKind::stored(k.as_str()).ok(), Some(k));
        }
        assert!(OwnerKind::stored("member").is_err());
    }
}
