//! Pure decisions about library materials: who sees the published version, who sees
//! the working one, in which capacity the caller acts, and the messages of refusals.

use crate::auth::AuthUser;
use tutornet_domain::library::{LibraryAction, LibraryActor, LibraryStatus, Visibility};
use tutornet_domain::permissions::Role;

/// What the decisions need to know about a material.
pub(super) struct Facts<'a> {
    pub municipality_id: &'a str,
    pub region_id: &'a str,
    pub owner_id: &'a str,
    /// Whether a version is public, and its visibility.
    pub published: Option<Visibility>,
}

/// The coordinator of the material's municipality, or the region's admin.
pub(super) fn moderates(user: &AuthUser, f: &Facts) -> bool {
    match user.role {
        Role::Admin => user.region_id == f.region_id,
        Role::Coordinator => user.municipality_id.as_deref() == Some(f.municipality_id),
        _ => false,
    }
}

/// Members of the municipality's tutor community: its tutors and coordinators.
pub(super) fn in_community(user: &AuthUser, municipality_id: &str) -> bool {
    user.municipality_id.as_deref() == Some(municipality_id)
        && (user.acts_as(Role::Tutor) || user.acts_as(Role::Coordinator))
}

/// Whether the caller sees the working version (drafts, versions in review).
pub(super) fn sees_working(user: &AuthUser, f: &Facts) -> bool {
    f.owner_id == user.id || moderates(user, f)
}

/// Whether the caller sees the published version.
pub(super) fn sees_published(user: &AuthUser, f: &Facts) -> bool {
    let Some(visibility) = f.published else {
        return false;
    };
    if user.region_id != f.region_id {
        return false;
    }
    let same_municipality = user.municipality_id.as_deref() == Some(f.municipality_id);
    let regional_reader =
        user.municipality_id.is_none() && matches!(user.role, Role::Admin | Role::Observer);
    match visibility {
        Visibility::Region => true,
        Visibility::Municipality => same_municipality || regional_reader,
        Visibility::Community => in_community(user, f.municipality_id) || moderates(user, f),
    }
}

pub(super) fn visible(user: &AuthUser, f: &Facts) -> bool {
    sees_working(user, f) || sees_published(user, f)
}

/// The capacities the caller has for this material (`trusted`: the owner may publish
/// without review).
pub(super) fn actors(user: &AuthUser, f: &Facts, trusted: bool) -> Vec<LibraryActor> {
    let mut v = Vec::new();
    if moderates(user, f) {
        v.push(LibraryActor::Coordinator);
    }
    if f.owner_id == user.id {
        v.push(LibraryActor::Author);
        if trusted {
            v.push(LibraryActor::TrustedAuthor);
        }
    }
    v
}

/// Whether the caller may edit the material now.
pub(super) fn may_edit(user: &AuthUser, f: &Facts, status: LibraryStatus) -> bool {
    sees_working(user, f) && status.edit_mode().is_some()
}

/// Why an action is not possible from a status, with what is.
pub(super) fn invalid_transition(
    from: LibraryStatus,
    public: bool,
    action: LibraryAction,
) -> String {
    let allowed: Vec<String> = LibraryAction::allowed_from(from, public)
        .iter()
        .map(|a| format!("{} ({})", a.label_ru(), a.as_str()))
        .collect();
    format!(
        "Из статуса «{}» действие «{}» невозможно. Допустимо: {}",
        from.label_ru(),
        action.label_ru(),
        if allowed.is_empty() {
            "ничего".into()
        } else {
            allowed.join(", ")
        }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(id: &str, role: Role, municipality: Option<&str>) -> AuthUser {
        AuthUser {
            id: id.into(),
            full_name: "Петров".into(),
            role,
            roles: vec![role],
            region_id: "r1".into(),
            municipality_id: municipality.map(str::to_string),
            school_id: None,
        }
    }

    fn facts(published: Option<Visibility>) -> Facts<'static> {
        Facts {
            municipality_id: "m1",
            region_id: "r1",
            owner_id: "author",
            published,
        }
    }

    #[test]
    fn drafts_are_the_authors_and_the_moderators() {
        let f = facts(None);
        assert!(visible(&user("author", Role::Tutor, Some("m1")), &f));
        assert!(visible(&user("c", Role::Coordinator, Some("m1")), &f));
        assert!(!visible(&user("t", Role::Teacher, Some("m1")), &f));
        assert!(!visible(&user("c2", Role::Coordinator, Some("m2")), &f));
        assert!(visible(&user("a", Role::Admin, None), &f));
    }

    #[test]
    fn published_follows_visibility() {
        let teacher_here = user("t", Role::Teacher, Some("m1"));
        let teacher_there = user("t2", Role::Teacher, Some("m2"));
        let tutor_here = user("tu", Role::Tutor, Some("m1"));
        let region = facts(Some(Visibility::Region));
        assert!(visible(&teacher_there, &region));
        let municipality = facts(Some(Visibility::Municipality));
        assert!(visible(&teacher_here, &municipality));
        assert!(!visible(&teacher_there, &municipality));
        let community = facts(Some(Visibility::Community));
        assert!(!visible(&teacher_here, &community));
        assert!(visible(&tutor_here, &community));
        let mut member = teacher_here.clone();
        member.roles.push(Role::Tutor);
        assert!(visible(&member, &community));
    }

    #[test]
    fn capacities() {
        let f = facts(None);
        let author = user("author", Role::Tutor, Some("m1"));
        assert_eq!(actors(&author, &f, false), vec![LibraryActor::Author]);
        assert_eq!(
            actors(&author, &f, true),
            vec![LibraryActor::Author, LibraryActor::TrustedAuthor]
        );
        let c = user("c", Role::Coordinator, Some("m1"));
        assert_eq!(actors(&c, &f, false), vec![LibraryActor::Coordinator]);
        assert!(may_edit(&author, &f, LibraryStatus::Draft));
        assert!(!may_edit(&author, &f, LibraryStatus::OnReview));
        let m = invalid_transition(LibraryStatus::Draft, false, LibraryAction::Return);
        assert!(m.contains("submit"), "{m}");
    }
}
