//! Authentication: who is calling. Access tokens (`jwt`), passwords (`password`), login
//! throttling (`throttle`) and the `AuthUser` extractor (`caller`). What the caller may
//! do is `crate::access`.

pub mod caller;
pub mod jwt;
pub mod password;
pub mod refresh_tokens;
pub mod throttle;

pub use crate::access::{AuthUser, Place, Reach};
pub use jwt::{issue_access_token, verify_access_token, Claims, AUDIENCE, ISSUER};
pub use password::{dummy_hash, hash_password, verify_password, NO_PASSWORD};
pub use throttle::Throttle;

/// The httpOnly cookie that carries the SPA's refresh token.
pub const REFRESH_COOKIE: &str = "tutornet_refresh";
