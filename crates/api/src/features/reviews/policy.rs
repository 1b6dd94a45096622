//! Pure decisions about reviews: who sees one, in which capacity the caller acts on it,
//! who reads the private notes, and the messages of refused transitions.

use crate::access::relations::{covers, Related};
use crate::auth::{AuthUser, Reach};
use tutornet_domain::permissions::{Relation, Resource, Role};
use tutornet_domain::reviews::{ReviewAction, ReviewActor, ReviewStatus};

/// What the decisions need to know about a review.
pub(super) struct Facts<'a> {
    pub municipality_id: &'a str,
    pub region_id: Option<&'a str>,
    pub school_id: &'a str,
    pub author_id: &'a str,
    pub expert_id: Option<&'a str>,
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
            Relation::ReviewAuthor => self.author_id == user_id,
            Relation::ReviewExpert => self.expert_id == Some(user_id),
            _ => false,
        }
    }
}

/// Whether a reach over reviews covers this one.
pub(super) fn visible(reach: Option<&Reach>, r: &Facts) -> bool {
    covers(reach, Resource::Review, r)
}

/// The capacities the caller has for this review.
pub(super) fn actors(user: &AuthUser, r: &Facts) -> Vec<ReviewActor> {
    let mut v = Vec::new();
    let coordinates = match user.role {
        Role::Admin => true,
        Role::Coordinator => user.municipality_id.as_deref() == Some(r.municipality_id),
        _ => false,
    };
    if coordinates {
        v.push(ReviewActor::Coordinator);
    }
    if r.holds(Relation::ReviewExpert, &user.id) {
        v.push(ReviewActor::Expert);
    }
    let school_admin_of =
        user.role == Role::SchoolAdmin && user.school_id.as_deref() == Some(r.school_id);
    if r.holds(Relation::ReviewAuthor, &user.id) || school_admin_of {
        v.push(ReviewActor::Author);
    }
    v
}

/// Whether one of `mine` may take the action.
pub(super) fn may_take(action: ReviewAction, mine: &[ReviewActor]) -> bool {
    action.actors().iter().any(|a| mine.contains(a))
}

/// Private notes are the expert's and the coordinator's, never the author's.
pub(super) fn reads_private_notes(mine: &[ReviewActor]) -> bool {
    mine.contains(&ReviewActor::Coordinator) || mine.contains(&ReviewActor::Expert)
}

/// The expert writes the conclusion once the checklist is closed (accepted or rejected),
/// until it is signed off.
pub(super) fn may_conclude(status: ReviewStatus, signed: bool, mine: &[ReviewActor]) -> bool {
    mine.contains(&ReviewActor::Expert)
        && matches!(status, ReviewStatus::Accepted | ReviewStatus::Rejected)
        && !signed
}

/// Why an action is not possible from a status, with what is.
pub(super) fn invalid_transition(from: ReviewStatus, action: ReviewAction) -> String {
    let allowed: Vec<String> = ReviewAction::allowed_from(from)
        .iter()
        .map(|a| format!("{} ({})", a.label_ru(), a.as_str()))
        .collect();
    format!(
        "Из статуса «{}» действие «{}» невозможно. Допустимо: {}",
        from.label_ru(),
        action.label_ru(),
        if allowed.is_empty() {
            "ничего (экспертиза завершена)".into()
        } else {
            allowed.join(", ")
        }
    )
}

/// The message when a step that needs a comment came without one.
pub(super) fn missing_comment(action: ReviewAction) -> Option<&'static str> {
    match action {
        ReviewAction::Return => Some("Напишите, что нужно доработать"),
        ReviewAction::Resubmit => Some("Напишите, что исправлено"),
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
        author_id: "teacher",
        expert_id: Some("expert"),
    };

    #[test]
    fn visibility_by_reach() {
        assert!(visible(Some(&Reach::Municipality("m1".into())), &FACTS));
        assert!(!visible(Some(&Reach::Municipality("m2".into())), &FACTS));
        assert!(visible(Some(&Reach::School("s1".into())), &FACTS));
        assert!(visible(Some(&Reach::Own("teacher".into())), &FACTS));
        assert!(visible(Some(&Reach::Own("expert".into())), &FACTS));
        assert!(!visible(Some(&Reach::Own("other".into())), &FACTS));
        assert!(visible(
            Some(&Reach::SchoolOrOwn("s2".into(), "expert".into())),
            &FACTS
        ));
        assert!(!visible(None, &FACTS));
    }

    #[test]
    fn capacities_and_notes() {
        let coord = user("c", Role::Coordinator, Some("m1"), None);
        assert_eq!(actors(&coord, &FACTS), vec![ReviewActor::Coordinator]);
        let expert = user("expert", Role::Tutor, Some("m1"), None);
        assert_eq!(actors(&expert, &FACTS), vec![ReviewActor::Expert]);
        let teacher = user("teacher", Role::Teacher, Some("m1"), Some("s1"));
        let mine = actors(&teacher, &FACTS);
        assert_eq!(mine, vec![ReviewActor::Author]);
        assert!(!reads_private_notes(&mine));
        assert!(reads_private_notes(&[ReviewActor::Coordinator]));
        let head = user("h", Role::SchoolAdmin, Some("m1"), Some("s1"));
        assert_eq!(actors(&head, &FACTS), vec![ReviewActor::Author]);
        assert!(actors(&user("x", Role::Coordinator, Some("m2"), None), &FACTS).is_empty());
    }

    #[test]
    fn conclusion_and_messages() {
        let e = [ReviewActor::Expert];
        assert!(may_conclude(ReviewStatus::Accepted, false, &e));
        assert!(!may_conclude(ReviewStatus::Accepted, true, &e));
        assert!(!may_conclude(ReviewStatus::InReview, false, &e));
        assert!(!may_conclude(
            ReviewStatus::Accepted,
            false,
            &[ReviewActor::Author]
        ));
        let closed = invalid_transition(ReviewStatus::Accepted, ReviewAction::Start);
        assert!(
            closed.ends_with("ничего (экспертиза завершена)"),
            "{closed}"
        );
        assert!(missing_comment(ReviewAction::Return).is_some());
        assert!(missing_comment(ReviewAction::Accept).is_none());
    }
}
