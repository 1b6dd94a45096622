//! Logging in and the current user.

use crate::permissions::Role;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    pub email: String,
    pub password: String,
}

/// Sent to `/auth/refresh` and `/auth/logout` by API clients; the SPA sends nothing and
/// relies on the httpOnly cookie instead.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RefreshRequest {
    #[serde(default)]
    pub refresh_token: Option<String>,
}

/// Issued on login and on refresh.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TokenResponse {
    /// Bearer JWT (HS256) for the `Authorization` header.
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds until the access token expires.
    pub expires_in: i64,
    /// Single-use refresh token (also set as an httpOnly cookie). Using a rotated one
    /// again revokes the whole session.
    pub refresh_token: String,
    pub user: Me,
}

/// The logged-in user with the names of the places they belong to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Me {
    pub id: String,
    pub email: String,
    pub full_name: String,
    /// The main role (`users.role`).
    pub role: Role,
    /// Every role the user holds: the main one first, then those that follow from the
    /// community — an approved member of the current composition of their municipality
    /// is also a tutor ([`crate::permissions::held_roles`]). The SPA shows the union of
    /// their menus.
    #[serde(default)]
    pub roles: Vec<Role>,
    /// An initial password from a printed list: change it before anything else.
    #[serde(default)]
    pub must_change_password: bool,
    pub region_id: String,
    pub region_name: String,
    pub municipality_id: Option<String>,
    pub municipality_name: Option<String>,
    pub school_id: Option<String>,
    pub school_name: Option<String>,
    pub position: Option<String>,
    /// The time zone (IANA) of the user's municipality, else region: the SPA shows every
    /// date and time in it.
    pub time_zone: String,
}
