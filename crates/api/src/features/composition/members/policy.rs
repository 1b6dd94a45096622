//! Pure decisions about members.

use crate::error::AppResult;
use tutornet_domain::composition::MemberStatus;
use tutornet_domain::ProblemCode;

/// Only a nominated member may be edited or removed; approved and excluded members
/// change only by an order (409 `composition_approved`).
pub(crate) fn ensure_editable(status: MemberStatus) -> AppResult<()> {
    if status == MemberStatus::Nominated {
        Ok(())
    } else {
        Err(super::super::shared::conflict(
            ProblemCode::CompositionApproved,
            "Участник уже утверждён приказом (или исключён): состав меняется только приказом о внесении изменений",
        ))
    }
}

/// Subject ids in the order given, trimmed, without blanks and repeats.
pub(crate) fn dedup(ids: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for i in ids.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        if !out.iter().any(|o| o == i) {
            out.push(i.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::AppError;

    #[test]
    fn only_nominated_members_are_editable() {
        assert!(ensure_editable(MemberStatus::Nominated).is_ok());
        for s in [MemberStatus::Approved, MemberStatus::Excluded] {
            assert!(matches!(
                ensure_editable(s),
                Err(AppError::Conflict {
                    code: ProblemCode::CompositionApproved,
                    ..
                })
            ));
        }
    }

    #[test]
    fn subject_ids_keep_order_without_repeats() {
        let v = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(dedup(&v(&[" b", "a", "", "b "])), v(&["b", "a"]));
    }
}
