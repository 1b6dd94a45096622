//! Pure decisions about nominations.

use crate::error::{AppError, AppResult};
use crate::features::composition::shared::conflict;
use tutornet_domain::composition::NominationStatus;
use tutornet_domain::ProblemCode;

pub(crate) fn already_decided() -> AppError {
    conflict(
        ProblemCode::AlreadyDecided,
        "Решение по выдвижению уже принято",
    )
}

/// A nomination is decided once (409 `already_decided` after that).
pub(crate) fn ensure_pending(status: NominationStatus) -> AppResult<()> {
    if status == NominationStatus::Pending {
        Ok(())
    } else {
        Err(already_decided())
    }
}

/// The status a decision leads to.
pub(crate) fn decided(approve: bool) -> NominationStatus {
    if approve {
        NominationStatus::Approved
    } else {
        NominationStatus::Declined
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decided_once() {
        assert!(ensure_pending(NominationStatus::Pending).is_ok());
        for s in [NominationStatus::Approved, NominationStatus::Declined] {
            assert!(matches!(
                ensure_pending(s),
                Err(AppError::Conflict {
                    code: ProblemCode::AlreadyDecided,
                    ..
                })
            ));
        }
        assert_eq!(decided(true), NominationStatus::Approved);
        assert_eq!(decided(false), NominationStatus::Declined);
    }
}
