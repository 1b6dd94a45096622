//! Enums are stored as their stable text codes; reading one back maps it to the domain
//! enum, and a value this build does not know is an error, never a silent default.

use crate::error::{AppError, AppResult};

/// Maps a stored code to its enum; `column` names where it came from for the log.
pub fn stored<E>(value: &str, column: &str, parse: impl Fn(&str) -> Option<E>) -> AppResult<E> {
    parse(value)
        .ok_or_else(|| AppError::Internal(format!("unknown stored value {value:?} in {column}")))
}

#[cfg(test)]
mod tests {
    use super::stored;
    use tutornet_domain::Role;

    #[test]
    fn known_values_map_and_unknown_ones_fail() {
        assert_eq!(
            stored("tutor", "users.role", Role::parse).ok(),
            Some(Role::Tutor)
        );
        assert!(stored("wizard", "users.role", Role::parse).is_err());
    }
}
