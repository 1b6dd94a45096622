//! Logging in and out, the silent refresh and the user's own password.

use tutornet_domain::auth::TokenResponse;
use tutornet_domain::users::PasswordChange;
use tutornet_domain::Problem;

use super::client;

pub use super::client::{login, logout, on_session, refresh, set_token};

/// Changes the user's own password; the server may answer with renewed tokens.
pub async fn change_password(body: &PasswordChange) -> Result<Option<TokenResponse>, Problem> {
    client::post_maybe("/auth/password", body).await
}
