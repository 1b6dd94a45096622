//! The session a tutor or room conflict is about. The API names it in
//! `Problem::conflict_id`; a server that does not fill that field yet is asked through the
//! list endpoint for the overlapping session instead (structured data, never the Russian
//! `detail` text).

use chrono::TimeDelta;
use tutornet_domain::community::{Session, SessionFilter, SessionInput, SessionStatus};
use tutornet_domain::page::MAX_LIMIT;
use tutornet_domain::{Problem, ProblemCode};

use crate::api;

/// A tutor or room is already taken at that time.
pub fn is_slot_conflict(p: &Problem) -> bool {
    matches!(
        p.kind(),
        Some(ProblemCode::TutorConflict | ProblemCode::RoomConflict)
    )
}

fn overlaps(s: &Session, input: &SessionInput, own: Option<&str>) -> bool {
    Some(s.id.as_str()) != own
        && s.status == SessionStatus::Planned
        && s.starts_at < input.ends_at
        && s.ends_at > input.starts_at
}

/// The id of the session that holds the tutor or the room `input` asked for.
pub async fn conflicting_session(
    p: &Problem,
    input: &SessionInput,
    own: Option<String>,
) -> Option<String> {
    if !is_slot_conflict(p) {
        return None;
    }
    if let Some(id) = p.conflict_id.clone() {
        return Some(id);
    }
    let window = SessionFilter {
        from: Some(input.starts_at - TimeDelta::days(1)),
        to: Some(input.ends_at),
        status: Some(SessionStatus::Planned),
        limit: Some(MAX_LIMIT),
        ..Default::default()
    };
    let room = p.is(ProblemCode::RoomConflict);
    let filters: Vec<SessionFilter> = if room || input.tutor_ids.is_empty() {
        vec![SessionFilter {
            mine: (!room).then_some(true),
            ..window
        }]
    } else {
        input
            .tutor_ids
            .iter()
            .map(|t| SessionFilter {
                tutor_id: Some(t.clone()),
                ..window.clone()
            })
            .collect()
    };
    for f in filters {
        let Ok(page) = api::sessions::list(&f).await else {
            continue;
        };
        let found = page.items.into_iter().find(|s| {
            overlaps(s, input, own.as_deref())
                && (!room || (s.place.is_some() && s.place == input.place))
        });
        if let Some(s) = found {
            return Some(s.id);
        }
    }
    None
}
