//! The session a tutor or room conflict is about: the API names it in
//! `Problem::conflict_id` (never parsed out of the Russian `detail` text).

use tutornet_domain::{Problem, ProblemCode};

/// The id of the session that already holds the tutor or the room.
pub fn conflicting_session(p: &Problem) -> Option<String> {
    matches!(
        p.kind(),
        Some(ProblemCode::TutorConflict | ProblemCode::RoomConflict)
    )
    .then(|| p.conflict_id.clone())
    .flatten()
}
