//! People who log in.

use crate::org::Meta;
use crate::permissions::Role;
use crate::problem::{Errors, FieldError};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub const MIN_PASSWORD_LEN: usize = 10;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct User {
    pub id: String,
    pub email: String,
    /// ФИО полностью.
    pub full_name: String,
    pub role: Role,
    pub region_id: String,
    pub municipality_id: Option<String>,
    pub school_id: Option<String>,
    /// Должность, e.g. «учитель математики», «заместитель директора по УВР».
    pub position: Option<String>,
    /// Deactivated users cannot log in.
    pub active: bool,
    pub last_login_at: Option<DateTime<Utc>>,
    #[serde(flatten)]
    pub meta: Meta,
}

/// Creating a user (by an admin or coordinator).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UserCreate {
    pub email: String,
    pub full_name: String,
    pub role: Option<Role>,
    #[serde(default)]
    pub municipality_id: Option<String>,
    #[serde(default)]
    pub school_id: Option<String>,
    #[serde(default)]
    pub position: Option<String>,
    /// Initial password, at least 10 characters; the user should change it. Without
    /// one, the user is invited by e-mail at once (a one-time link to set a password)
    /// and cannot log in until they have set it.
    #[serde(default)]
    pub password: Option<String>,
}

/// Editing a user (by an admin or coordinator).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UserUpdate {
    pub email: String,
    pub full_name: String,
    pub role: Role,
    #[serde(default)]
    pub municipality_id: Option<String>,
    #[serde(default)]
    pub school_id: Option<String>,
    #[serde(default)]
    pub position: Option<String>,
    pub active: bool,
    pub version: i32,
}

/// Filters of the users list.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct UserFilter {
    /// Case-insensitive substring of the name or e-mail.
    pub q: Option<String>,
    pub role: Option<Role>,
    pub municipality_id: Option<String>,
    pub school_id: Option<String>,
    pub active: Option<bool>,
    /// `name` (Russian alphabetical, default) or `-name`.
    pub sort: Option<String>,
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

pub fn validate_email(e: &mut Errors, field: &str, email: &str) {
    let email = email.trim();
    let ok = email.len() <= 254
        && email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
        })
        && !email.contains(char::is_whitespace);
    if !ok {
        e.add(
            field,
            "invalid_email",
            "Введите адрес электронной почты, например ivanova@school.ru",
        );
    }
}

pub fn validate_password(e: &mut Errors, field: &str, password: &str) {
    if password.chars().count() < MIN_PASSWORD_LEN {
        e.add(
            field,
            "password_too_short",
            format!("Пароль должен быть не короче {MIN_PASSWORD_LEN} символов"),
        );
    } else if password.len() > 200 {
        e.add(field, "too_long", "Пароль не длиннее 200 символов");
    }
}

fn validate_person(
    e: &mut Errors,
    full_name: &str,
    role: Role,
    municipality_id: &Option<String>,
    school_id: &Option<String>,
    position: &Option<String>,
) {
    e.required("full_name", full_name, 200);
    if role.needs_municipality() && municipality_id.as_deref().unwrap_or("").is_empty() {
        e.add(
            "municipality_id",
            "required",
            "Для этой роли выберите муниципалитет",
        );
    }
    if role.needs_school() && school_id.as_deref().unwrap_or("").is_empty() {
        e.add("school_id", "required", "Для этой роли выберите школу");
    }
    if let Some(p) = position {
        e.max_len("position", p, 300);
    }
}

impl UserCreate {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        validate_email(&mut e, "email", &self.email);
        match self.role {
            None => {
                e.required("full_name", &self.full_name, 200);
                e.add("role", "required", "Выберите роль");
            }
            Some(role) => validate_person(
                &mut e,
                &self.full_name,
                role,
                &self.municipality_id,
                &self.school_id,
                &self.position,
            ),
        }
        if let Some(p) = &self.password {
            validate_password(&mut e, "password", p);
        }
        e.finish()
    }
}

impl UserUpdate {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        validate_email(&mut e, "email", &self.email);
        validate_person(
            &mut e,
            &self.full_name,
            self.role,
            &self.municipality_id,
            &self.school_id,
            &self.position,
        );
        e.finish()
    }
}

impl User {
    pub fn to_update(&self) -> UserUpdate {
        UserUpdate {
            email: self.email.clone(),
            full_name: self.full_name.clone(),
            role: self.role,
            municipality_id: self.municipality_id.clone(),
            school_id: self.school_id.clone(),
            position: self.position.clone(),
            active: self.active,
            version: self.meta.version,
        }
    }
}

/// An admin or coordinator sets a new password for a user.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PasswordReset {
    pub new_password: String,
}

/// A user changes their own password.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PasswordChange {
    pub current_password: String,
    pub new_password: String,
}

impl PasswordChange {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        if self.current_password.is_empty() {
            e.add("current_password", "required", "Введите текущий пароль");
        }
        validate_password(&mut e, "new_password", &self.new_password);
        if self.current_password == self.new_password && !self.new_password.is_empty() {
            e.add(
                "new_password",
                "same_password",
                "Новый пароль совпадает с текущим",
            );
        }
        e.finish()
    }
}

impl PasswordReset {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        validate_password(&mut e, "new_password", &self.new_password);
        e.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn teacher_needs_school() {
        let u = UserCreate {
            email: "a@b.ru".into(),
            full_name: "Иванова Анна Петровна".into(),
            role: Some(Role::Teacher),
            municipality_id: Some("m".into()),
            password: Some("0123456789".into()),
            ..Default::default()
        };
        let errs = u.validate().unwrap_err();
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].field, "school_id");
    }

    #[test]
    fn bad_email_and_short_password() {
        let mut e = Errors::default();
        validate_email(&mut e, "email", "нет-почты");
        validate_password(&mut e, "password", "123");
        assert_eq!(e.0.len(), 2);
    }
}
