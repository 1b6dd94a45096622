//! `/notifications`: the inbox.

use tutornet_domain::community::NotificationPage;
use tutornet_domain::notifications::{NotificationSettings, NotificationSettingsInput};
use tutornet_domain::Problem;

use super::client;

pub async fn list(only_unread: bool) -> Result<NotificationPage, Problem> {
    let q = if only_unread {
        vec![("unread".to_string(), "true".to_string())]
    } else {
        Vec::new()
    };
    client::get("/notifications", &q).await
}

pub async fn mark_read(id: &str) -> Result<(), Problem> {
    client::post_empty(&format!("/notifications/{id}/read"), &serde_json::json!({})).await
}

pub async fn mark_all_read() -> Result<(), Problem> {
    client::post_empty("/notifications/read-all", &serde_json::json!({})).await
}

pub async fn settings() -> Result<NotificationSettings, Problem> {
    client::get("/notifications/settings", client::NO_QUERY).await
}

pub async fn set_settings(
    input: &NotificationSettingsInput,
) -> Result<NotificationSettings, Problem> {
    client::put("/notifications/settings", input).await
}
