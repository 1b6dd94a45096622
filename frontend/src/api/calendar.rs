//! `/calendar/feeds`: personal and municipal iCal feeds.

use tutornet_domain::community::CalendarFeed;
use tutornet_domain::Problem;

use super::client;

pub async fn create_feed(municipal: bool) -> Result<CalendarFeed, Problem> {
    client::post(
        "/calendar/feeds",
        &serde_json::json!({ "municipal": municipal }),
    )
    .await
}

pub async fn revoke_feed(id: &str) -> Result<(), Problem> {
    client::delete_empty(&format!("/calendar/feeds/{id}")).await
}
