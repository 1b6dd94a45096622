//! Pure access and workflow decisions about sessions: who sees and manages a session,
//! who sees whose registration, who may register and where registration is open.

use crate::access::relations::{covers, Related};
use crate::auth::{AuthUser, Reach};
use tutornet_domain::community::{FormOfWork, RegistrationStatus};
use tutornet_domain::permissions::{Action, Relation, Resource, Role};

/// What the decisions need to know about a session beyond the caller.
pub(super) struct Facts<'a> {
    pub municipality_id: &'a str,
    /// The region of the session's municipality.
    pub region_id: Option<&'a str>,
    /// The caller, when they are one of the session's tutors (only the caller is looked up).
    pub tutor: Option<&'a str>,
}

impl Related for Facts<'_> {
    fn municipality_id(&self) -> Option<&str> {
        Some(self.municipality_id)
    }

    fn region_id(&self) -> Option<&str> {
        self.region_id
    }

    fn holds(&self, relation: Relation, user_id: &str) -> bool {
        relation == Relation::SessionTutor && self.tutor == Some(user_id)
    }
}

/// Whether a reach over sessions covers this one (a session is seen municipality-wide).
pub(super) fn visible(reach: Option<&Reach>, f: &Facts) -> bool {
    covers(reach, Resource::Session, f)
}

/// Those whose reach over editing sessions covers it manage it: coordinators and admins
/// of its place, and its own tutors («свои» занятия).
pub(super) fn manages(user: &AuthUser, f: &Facts) -> bool {
    let reach = user.try_reach(Resource::Session, Action::Update);
    covers(reach.as_ref(), Resource::Session, f)
}

/// Whether the caller sees every registration (names and schools) of the session.
pub(super) fn sees_people(user: &AuthUser, manages: bool) -> bool {
    manages || matches!(user.role, Role::Coordinator | Role::Admin | Role::Observer)
}

/// Whether the caller sees one registration: their own, their school's, or all.
pub(super) fn sees_registration(
    user: &AuthUser,
    sees_people: bool,
    registrant_id: &str,
    registrant_school: Option<&str>,
) -> bool {
    sees_people
        || registrant_id == user.id
        || (user.role == Role::SchoolAdmin && registrant_school == user.school_id.as_deref())
}

/// Teachers (school administrators, tutors) register for sessions.
pub(super) fn may_register(role: Role) -> bool {
    matches!(role, Role::Teacher | Role::SchoolAdmin | Role::Tutor)
}

/// Teachers register only for group sessions that are not for students.
pub(super) fn open_for_registration(form: FormOfWork, audience: &str) -> bool {
    form.is_group() && audience != "students"
}

/// A seat while there are seats left, else the waitlist.
pub(super) fn seat_for(seats: Option<i32>, taken: i64) -> RegistrationStatus {
    match seats {
        Some(seats) if taken >= seats as i64 => RegistrationStatus::Waitlisted,
        _ => RegistrationStatus::Registered,
    }
}

/// Whether an amendment of this field is shown to the caller (private notes are for
/// those who manage the session).
pub(super) fn sees_amendment(manages: bool, field: &str) -> bool {
    manages || field != "private_notes"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(role: Role, municipality: Option<&str>, school: Option<&str>) -> AuthUser {
        AuthUser {
            id: "u1".into(),
            full_name: "Иванова".into(),
            role,
            roles: vec![role],
            region_id: "r1".into(),
            municipality_id: municipality.map(str::to_string),
            school_id: school.map(str::to_string),
        }
    }

    fn facts(tutor: bool) -> Facts<'static> {
        Facts {
            municipality_id: "m1",
            region_id: Some("r1"),
            tutor: tutor.then_some("u1"),
        }
    }

    #[test]
    fn visibility_follows_reach() {
        let f = facts(false);
        assert!(visible(Some(&Reach::Region("r1".into())), &f));
        assert!(!visible(Some(&Reach::Region("r2".into())), &f));
        assert!(visible(Some(&Reach::Municipality("m1".into())), &f));
        assert!(!visible(Some(&Reach::Municipality("m2".into())), &f));
        assert!(!visible(Some(&Reach::School("s1".into())), &f));
        assert!(!visible(Some(&Reach::Own("u1".into())), &f));
        assert!(!visible(None, &f));
    }

    #[test]
    fn managers_are_the_place_and_the_sessions_tutors() {
        assert!(manages(&user(Role::Admin, None, None), &facts(false)));
        assert!(manages(
            &user(Role::Coordinator, Some("m1"), None),
            &facts(false)
        ));
        assert!(!manages(
            &user(Role::Coordinator, Some("m2"), None),
            &facts(false)
        ));
        assert!(manages(&user(Role::Tutor, Some("m1"), None), &facts(true)));
        assert!(!manages(
            &user(Role::Tutor, Some("m1"), None),
            &facts(false)
        ));
        assert!(!manages(
            &user(Role::Teacher, Some("m1"), None),
            &facts(true)
        ));
        let other_region = Facts {
            region_id: Some("r2"),
            ..facts(false)
        };
        assert!(!manages(&user(Role::Admin, None, None), &other_region));
    }

    #[test]
    fn registrations_are_seen_by_managers_owners_and_their_school() {
        let teacher = user(Role::Teacher, Some("m1"), Some("s1"));
        assert!(!sees_people(&teacher, false));
        assert!(sees_people(&teacher, true));
        assert!(sees_people(&user(Role::Observer, None, None), false));
        assert!(sees_registration(&teacher, false, "u1", Some("s2")));
        assert!(!sees_registration(&teacher, false, "u2", Some("s1")));
        let head = user(Role::SchoolAdmin, Some("m1"), Some("s1"));
        assert!(sees_registration(&head, false, "u2", Some("s1")));
        assert!(!sees_registration(&head, false, "u2", Some("s2")));
    }

    #[test]
    fn registration_rules() {
        assert!(may_register(Role::Teacher));
        assert!(may_register(Role::Tutor));
        assert!(!may_register(Role::Coordinator));
        assert_eq!(seat_for(None, 100), RegistrationStatus::Registered);
        assert_eq!(seat_for(Some(2), 1), RegistrationStatus::Registered);
        assert_eq!(seat_for(Some(2), 2), RegistrationStatus::Waitlisted);
        assert!(sees_amendment(false, "outcome"));
        assert!(!sees_amendment(false, "private_notes"));
        assert!(sees_amendment(true, "private_notes"));
    }
}
