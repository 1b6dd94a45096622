//! Logging in and out, the silent refresh and the user's own password.

use tutornet_domain::accounts::{PasswordResetRequest, PasswordSet, ResetAccepted};
use tutornet_domain::auth::TokenResponse;
use tutornet_domain::users::PasswordChange;
use tutornet_domain::Problem;

use super::client;

pub use super::client::{login, logout, on_session, refresh, set_token};

/// Changes the user's own password; the server may answer with renewed tokens.
pub async fn change_password(body: &PasswordChange) -> Result<Option<TokenResponse>, Problem> {
    client::post_maybe("/auth/password", body).await
}

/// Asks for a password-reset link by e-mail (the answer is the same for every address).
pub async fn request_reset(body: &PasswordResetRequest) -> Result<ResetAccepted, Problem> {
    client::post("/auth/password-reset", body).await
}

/// Sets a password with the token of an invitation or reset link.
pub async fn set_password(body: &PasswordSet) -> Result<(), Problem> {
    client::post_maybe::<_, serde_json::Value>("/auth/password-set", body)
        .await
        .map(|_| ())
}
