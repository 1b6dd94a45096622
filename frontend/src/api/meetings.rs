//! `/meetings`: meetings, their protocols and поручения.

use tutornet_domain::meetings::{
    Decision, DecisionMark, Meeting, MeetingFilter, MeetingInput, MeetingSummary,
    MeetingTransition, MeetingUpdate,
};
use tutornet_domain::{Page, Problem};

use super::client::{self, query_of};

pub async fn list(f: &MeetingFilter) -> Result<Page<MeetingSummary>, Problem> {
    client::get("/meetings", &query_of(f)).await
}

pub async fn get(id: &str) -> Result<Meeting, Problem> {
    client::get(&format!("/meetings/{id}"), &Vec::new()).await
}

pub async fn create(i: &MeetingInput) -> Result<Meeting, Problem> {
    client::post("/meetings", i).await
}

pub async fn update(id: &str, u: &MeetingUpdate) -> Result<Meeting, Problem> {
    client::put(&format!("/meetings/{id}"), u).await
}

pub async fn transition(id: &str, t: &MeetingTransition) -> Result<Meeting, Problem> {
    client::post(&format!("/meetings/{id}/transitions"), t).await
}

pub async fn mark(id: &str, decision: &str, m: &DecisionMark) -> Result<Decision, Problem> {
    client::post(&format!("/meetings/{id}/decisions/{decision}/mark"), m).await
}

/// Downloads the protocol as DOCX.
pub async fn protocol_docx(id: &str) -> Result<(), Problem> {
    super::files::download(
        &format!("/meetings/{id}/protocol.docx"),
        &Vec::new(),
        "protocol.docx",
    )
    .await
}
