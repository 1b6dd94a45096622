//! `/sessions`: the schedule — sessions, registration, the log, amendments, ratings.

use tutornet_domain::community::{
    AmendmentInput, RatingInput, Session, SessionCancel, SessionDetail, SessionFilter,
    SessionInput, SessionLogInput,
};
use tutornet_domain::{Page, Problem};

use super::client::{self, query_of};

pub async fn list(filter: &SessionFilter) -> Result<Page<Session>, Problem> {
    client::get("/sessions", &query_of(filter)).await
}

pub async fn get(id: &str) -> Result<SessionDetail, Problem> {
    client::get(&format!("/sessions/{id}"), &Vec::new()).await
}

/// Creates a session (or a recurring series: one per date).
pub async fn create(input: &SessionInput) -> Result<Vec<Session>, Problem> {
    client::post("/sessions", input).await
}

pub async fn update(id: &str, input: &SessionInput) -> Result<Session, Problem> {
    client::put(&format!("/sessions/{id}"), input).await
}

pub async fn cancel(id: &str, body: &SessionCancel) -> Result<Session, Problem> {
    client::post(&format!("/sessions/{id}/cancel"), body).await
}

/// Registers the user for a group session (`on`) or withdraws the registration.
pub async fn register(id: &str, on: bool) -> Result<SessionDetail, Problem> {
    let path = format!("/sessions/{id}/registration");
    if on {
        client::post(&path, &serde_json::json!({})).await
    } else {
        client::delete(&path).await
    }
}

pub async fn save_log(id: &str, input: &SessionLogInput) -> Result<SessionDetail, Problem> {
    client::post(&format!("/sessions/{id}/log"), input).await
}

pub async fn amend(id: &str, input: &AmendmentInput) -> Result<SessionDetail, Problem> {
    client::post(&format!("/sessions/{id}/amendments"), input).await
}

pub async fn rate(id: &str, input: &RatingInput) -> Result<SessionDetail, Problem> {
    client::post(&format!("/sessions/{id}/ratings"), input).await
}

/// The tutors' sessions over `from..=to` (their busy times), with local times.
pub async fn busy(
    filter: &tutornet_domain::community::BusyFilter,
) -> Result<Vec<tutornet_domain::community::BusySlot>, Problem> {
    client::get("/sessions/busy", &query_of(filter)).await
}
