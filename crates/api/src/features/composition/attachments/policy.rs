//! Pure decisions about attachments.

use crate::error::AppResult;
use crate::features::composition::shared::conflict;
use tutornet_domain::composition::MemberStatus;
use tutornet_domain::ProblemCode;

/// Only an approved, not removed tutor may be attached (409 `member_not_approved`).
pub(crate) fn ensure_attachable(status: MemberStatus, archived: bool) -> AppResult<()> {
    if status == MemberStatus::Approved && !archived {
        Ok(())
    } else {
        Err(conflict(
            ProblemCode::MemberNotApproved,
            "Закрепить можно только утверждённого приказом тьютора",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_active_approved_tutors_are_attached() {
        assert!(ensure_attachable(MemberStatus::Approved, false).is_ok());
        assert!(ensure_attachable(MemberStatus::Approved, true).is_err());
        assert!(ensure_attachable(MemberStatus::Nominated, false).is_err());
        assert!(ensure_attachable(MemberStatus::Excluded, false).is_err());
    }
}
