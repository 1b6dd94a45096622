//! `/users`: accounts.

use tutornet_domain::accounts::Invitation;
use tutornet_domain::page::MAX_LIMIT;
use tutornet_domain::users::{PasswordReset, User, UserCreate, UserFilter, UserUpdate};
use tutornet_domain::{Page, Problem};

use super::client::{self, all_pages, query_of};

pub async fn list(filter: &UserFilter) -> Result<Page<User>, Problem> {
    client::get("/users", &query_of(filter)).await
}

/// Every user matching `filter`, following `next_cursor` to the last page.
pub async fn list_all(filter: &UserFilter) -> Result<Vec<User>, Problem> {
    all_pages(|cursor| {
        let f = UserFilter {
            limit: Some(MAX_LIMIT),
            cursor,
            ..filter.clone()
        };
        async move { list(&f).await }
    })
    .await
}

pub async fn get(id: &str) -> Result<User, Problem> {
    client::get(&format!("/users/{id}"), &Vec::new()).await
}

pub async fn create(input: &UserCreate) -> Result<User, Problem> {
    client::post("/users", input).await
}

pub async fn update(id: &str, input: &UserUpdate) -> Result<User, Problem> {
    client::put(&format!("/users/{id}"), input).await
}

/// Sets a new password for another user (an administrator's reset).
pub async fn reset_password(id: &str, body: &PasswordReset) -> Result<(), Problem> {
    client::post_maybe::<_, serde_json::Value>(&format!("/users/{id}/password"), body)
        .await
        .map(|_| ())
}

/// Invites the user by e-mail: a new one-time link to set a password.
pub async fn invite(id: &str) -> Result<Invitation, Problem> {
    client::post(&format!("/users/{id}/invitation"), &serde_json::json!({})).await
}
