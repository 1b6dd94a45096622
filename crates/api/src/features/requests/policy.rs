//! Pure decisions about requests: who sees one, in which capacity the caller acts on
//! it, which actions they may take, and the messages of refused transitions.

use crate::access::relations::{covers, Related};
use crate::auth::{AuthUser, Reach};
use tutornet_domain::community::{Actor, RequestAction, RequestStatus};
use tutornet_domain::permissions::{Relation, Resource, Role};

/// What the decisions need to know about a request.
pub(super) struct Facts<'a> {
    pub municipality_id: &'a str,
    /// The region of the request's municipality.
    pub region_id: Option<&'a str>,
    pub school_id: &'a str,
    pub requester_id: &'a str,
    pub tutor_user_id: Option<&'a str>,
}

impl Related for Facts<'_> {
    fn municipality_id(&self) -> Option<&str> {
        Some(self.municipality_id)
    }

    fn region_id(&self) -> Option<&str> {
        self.region_id
    }

    fn school_id(&self) -> Option<&str> {
        Some(self.school_id)
    }

    fn holds(&self, relation: Relation, user_id: &str) -> bool {
        match relation {
            Relation::Requester => self.requester_id == user_id,
            Relation::AssignedTutor => self.tutor_user_id == Some(user_id),
            _ => false,
        }
    }
}

/// Whether a reach over requests covers this one.
pub(super) fn visible(reach: Option<&Reach>, r: &Facts) -> bool {
    covers(reach, Resource::Request, r)
}

/// The actor roles the caller has for this request.
pub(super) fn actors(user: &AuthUser, r: &Facts) -> Vec<Actor> {
    let mut v = Vec::new();
    let coordinates = match user.role {
        Role::Admin => true,
        Role::Coordinator => user.municipality_id.as_deref() == Some(r.municipality_id),
        _ => false,
    };
    if coordinates {
        v.push(Actor::Coordinator);
    }
    if r.holds(Relation::AssignedTutor, &user.id) {
        v.push(Actor::AssignedTutor);
    }
    let school_admin_of =
        user.role == Role::SchoolAdmin && user.school_id.as_deref() == Some(r.school_id);
    if r.holds(Relation::Requester, &user.id) || school_admin_of {
        v.push(Actor::Requester);
    }
    v
}

/// Whether one of `mine` may take the action.
pub(super) fn may_take(action: RequestAction, mine: &[Actor]) -> bool {
    action.actors().iter().any(|a| mine.contains(a))
}

/// The actions the caller may take from the status.
pub(super) fn allowed(status: RequestStatus, mine: &[Actor]) -> Vec<RequestAction> {
    RequestAction::allowed_from(status)
        .into_iter()
        .filter(|a| may_take(*a, mine))
        .collect()
}

/// Why an action is not possible from a status, with what is.
pub(super) fn invalid_transition(from: RequestStatus, action: RequestAction) -> String {
    let allowed: Vec<String> = RequestAction::allowed_from(from)
        .iter()
        .map(|a| format!("{} ({})", a.label_ru(), a.as_str()))
        .collect();
    format!(
        "Из статуса «{}» действие «{}» невозможно. Допустимо: {}",
        from.label_ru(),
        action.label_ru(),
        if allowed.is_empty() {
            "ничего (заявка закрыта)".into()
        } else {
            allowed.join(", ")
        }
    )
}

/// The message when an action that needs a comment came without one.
pub(super) fn missing_comment(action: RequestAction) -> Option<&'static str> {
    match action {
        RequestAction::AskInfo => Some("Напишите, что нужно уточнить"),
        RequestAction::Answer => Some("Напишите ответ на уточнение"),
        RequestAction::Decline => Some("Укажите причину отклонения"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(id: &str, role: Role, municipality: Option<&str>, school: Option<&str>) -> AuthUser {
        AuthUser {
            id: id.into(),
            full_name: "Петров".into(),
            role,
            roles: vec![role],
            region_id: "r1".into(),
            municipality_id: municipality.map(str::to_string),
            school_id: school.map(str::to_string),
        }
    }

    const FACTS: Facts<'static> = Facts {
        municipality_id: "m1",
        region_id: Some("r1"),
        school_id: "s1",
        requester_id: "teacher",
        tutor_user_id: Some("tutor"),
    };

    #[test]
    fn visibility_by_reach() {
        assert!(visible(Some(&Reach::Region("r1".into())), &FACTS));
        assert!(!visible(Some(&Reach::Region("r2".into())), &FACTS));
        assert!(visible(Some(&Reach::Municipality("m1".into())), &FACTS));
        assert!(visible(Some(&Reach::School("s1".into())), &FACTS));
        assert!(!visible(Some(&Reach::School("s2".into())), &FACTS));
        assert!(visible(Some(&Reach::Own("teacher".into())), &FACTS));
        assert!(visible(Some(&Reach::Own("tutor".into())), &FACTS));
        assert!(!visible(Some(&Reach::Own("other".into())), &FACTS));
        assert!(!visible(None, &FACTS));
    }

    #[test]
    fn actors_of_a_request() {
        let coord = user("c", Role::Coordinator, Some("m1"), None);
        assert_eq!(actors(&coord, &FACTS), vec![Actor::Coordinator]);
        let stranger = user("c", Role::Coordinator, Some("m2"), None);
        assert!(actors(&stranger, &FACTS).is_empty());
        let tutor = user("tutor", Role::Tutor, Some("m1"), None);
        assert_eq!(actors(&tutor, &FACTS), vec![Actor::AssignedTutor]);
        let head = user("h", Role::SchoolAdmin, Some("m1"), Some("s1"));
        assert_eq!(actors(&head, &FACTS), vec![Actor::Requester]);
        let teacher = user("teacher", Role::Teacher, Some("m1"), Some("s1"));
        assert_eq!(actors(&teacher, &FACTS), vec![Actor::Requester]);
        assert!(actors(&user("a", Role::Admin, None, None), &FACTS).contains(&Actor::Coordinator));
    }

    #[test]
    fn allowed_actions_follow_status_and_actor() {
        let all = [Actor::Coordinator, Actor::AssignedTutor, Actor::Requester];
        for status in RequestStatus::ALL.iter() {
            let everything = RequestAction::allowed_from(*status);
            assert_eq!(allowed(*status, &all), everything);
            assert!(allowed(*status, &[]).is_empty());
            for a in everything {
                assert!(!invalid_transition(*status, a).is_empty());
            }
        }
    }

    #[test]
    fn comments_needed() {
        assert!(missing_comment(RequestAction::Decline).is_some());
        assert!(missing_comment(RequestAction::AskInfo).is_some());
        assert!(missing_comment(RequestAction::Answer).is_some());
        assert!(missing_comment(RequestAction::Accept).is_none());
        let closed = invalid_transition(RequestStatus::Done, RequestAction::Accept);
        assert!(closed.ends_with("ничего (заявка закрыта)"), "{closed}");
    }
}
