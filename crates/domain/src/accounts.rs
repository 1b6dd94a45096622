//! Accounts: invitations and password resets by one-time links.

use crate::problem::{Errors, FieldError};
use crate::users::{validate_email, validate_password};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Where a one-time link leads in the SPA (`?token=…` follows).
pub const SET_PASSWORD_PATH: &str = "/password/set";

/// How long an invitation link works (7 days).
pub const INVITE_TTL_SECS: i64 = 7 * 24 * 3600;

/// How long a password-reset link works (1 hour).
pub const RESET_TTL_SECS: i64 = 3600;

/// The answer to every reset request, whether the address is known or not.
pub const RESET_ACCEPTED: &str =
    "Если адрес зарегистрирован, мы отправили на него письмо со ссылкой";

/// A new invitation: the one-time link (also e-mailed to the user) and when it expires.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Invitation {
    /// The link to the SPA's «set a password» page; works once.
    pub url: String,
    pub expires_at: DateTime<Utc>,
}

/// Asks for a password-reset link by e-mail.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PasswordResetRequest {
    pub email: String,
}

/// The same answer for every reset request (no account enumeration).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResetAccepted {
    pub detail: String,
}

/// Sets a password with the token of a one-time link (invitation or reset).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PasswordSet {
    pub token: String,
    pub password: String,
}

impl PasswordResetRequest {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        validate_email(&mut e, "email", &self.email);
        e.finish()
    }
}

impl PasswordSet {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        if self.token.trim().is_empty() || self.token.len() > 200 {
            e.add(
                "token",
                "required",
                "Ссылка неполная: откройте её из письма целиком",
            );
        }
        validate_password(&mut e, "password", &self.password);
        e.finish()
    }
}

/// The SPA path of a one-time link.
pub fn set_password_link(token: &str) -> String {
    format!("{SET_PASSWORD_PATH}?token={token}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_set_needs_token_and_long_password() {
        let p = PasswordSet {
            token: String::new(),
            password: "short".into(),
        };
        assert_eq!(p.validate().unwrap_err().len(), 2);
        let ok = PasswordSet {
            token: "abc".into(),
            password: "0123456789".into(),
        };
        assert!(ok.validate().is_ok());
    }
}
