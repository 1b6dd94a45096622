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

crate::labelled_enum!(
    /// How new accounts reach their people.
    Delivery {
        /// An initial password is generated for each account and shown once, with a
        /// printable list (XLSX); it must be changed on first login.
        Password = "password" => "список начальных паролей (XLSX)",
        /// A one-time link to set a password is e-mailed to each person.
        Invitation = "invitation" => "приглашение по электронной почте",
    }
);

/// Gives a member of the composition an account: link an existing user of the member's
/// municipality (`user_id`), or create one (`email` and `delivery`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MemberAccount {
    #[serde(default)]
    pub user_id: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub delivery: Option<Delivery>,
}

/// One member and the e-mail of the account to create for them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MemberEmail {
    pub member_id: String,
    pub email: String,
}

/// Creates accounts for several approved members at once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MemberAccountsBulk {
    pub accounts: Vec<MemberEmail>,
    pub delivery: Delivery,
}

/// An account made or linked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IssuedAccount {
    pub user_id: String,
    /// The member the account belongs to (member flows).
    pub member_id: Option<String>,
    pub full_name: String,
    /// The login.
    pub email: String,
    /// The generated initial password: only in this answer and its file, never stored
    /// in clear; it must be changed on first login.
    pub initial_password: Option<String>,
    /// Until when the e-mailed invitation works (invitation delivery).
    pub invited_until: Option<DateTime<Utc>>,
    /// An existing user was linked (nothing was created).
    pub linked: bool,
}

/// What creating accounts answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountsIssued {
    pub accounts: Vec<IssuedAccount>,
    /// The printable list of initial passwords (XLSX, base64): generated once, given only
    /// in this answer.
    pub file_name: Option<String>,
    pub file_base64: Option<String>,
    /// Rows of an upload left out (errors or existing e-mails).
    #[serde(default)]
    pub skipped: usize,
}

/// The columns of the printable list of initial passwords.
pub const PASSWORD_LIST_COLUMNS: [&str; 5] = [
    "№ п/п",
    "ФИО",
    "Логин (e-mail)",
    "Начальный пароль",
    "Примечание",
];

/// What the list says of each password.
pub const CHANGE_ON_FIRST_LOGIN: &str = "сменить при первом входе";

/// An upload of people to create accounts for: an XLSX table (base64) with the columns
/// ФИО · e-mail · роль · школа/муниципалитет · должность.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UserImportRequest {
    pub content: String,
    /// Needed to confirm.
    #[serde(default)]
    pub delivery: Option<Delivery>,
}

/// One row of an upload as the preview shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserImportRow {
    /// The row of the sheet (from 1).
    pub line: i32,
    pub full_name: String,
    pub email: String,
    pub role: Option<crate::permissions::Role>,
    pub municipality_id: Option<String>,
    pub municipality_name: Option<String>,
    pub school_id: Option<String>,
    pub school_name: Option<String>,
    pub position: Option<String>,
    /// A user with this e-mail exists (or the e-mail is repeated above): left out.
    pub duplicate: bool,
    pub errors: Vec<FieldError>,
}

/// The preview of an upload: every row; confirm creates those without errors and not
/// duplicates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserImportPreview {
    pub rows: Vec<UserImportRow>,
    pub valid: usize,
    pub invalid: usize,
    pub duplicates: usize,
}

impl MemberAccount {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        let user = self
            .user_id
            .as_deref()
            .is_some_and(|s| !s.trim().is_empty());
        match (&self.email, user) {
            (Some(_), true) => e.add(
                "user_id",
                "conflicting",
                "Либо выберите пользователя, либо укажите адрес для новой учётной записи",
            ),
            (Some(m), false) => {
                validate_email(&mut e, "email", m);
                if self.delivery.is_none() {
                    e.add(
                        "delivery",
                        "required",
                        "Выберите: список паролей или приглашение по почте",
                    );
                }
            }
            (None, false) => e.add(
                "email",
                "required",
                "Укажите адрес для новой учётной записи или выберите пользователя",
            ),
            (None, true) => {}
        }
        e.finish()
    }
}

impl MemberAccountsBulk {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        if self.accounts.is_empty() {
            e.add("accounts", "required", "Отметьте хотя бы одного участника");
        }
        if self.accounts.len() > 200 {
            e.add("accounts", "too_many", "Не больше 200 участников за раз");
        }
        let mut seen: Vec<String> = Vec::new();
        for (n, a) in self.accounts.iter().enumerate() {
            let field = format!("accounts[{n}].email");
            validate_email(&mut e, &field, &a.email);
            let key = a.email.trim().to_lowercase();
            if seen.contains(&key) {
                e.add(&field, "duplicate", "Этот адрес уже указан выше");
            }
            seen.push(key);
        }
        e.finish()
    }
}
