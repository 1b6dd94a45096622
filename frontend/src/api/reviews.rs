//! `/reviews`: documents sent for an expert review, the checklist, the conclusion.

use tutornet_domain::reviews::{
    ConclusionInput, ExpertChoice, Review, ReviewDetail, ReviewFilter, ReviewInput,
    ReviewSchoolCount, ReviewTransition, VerdictsInput,
};
use tutornet_domain::{Page, Problem};

use super::client::{self, query_of};

pub async fn list(filter: &ReviewFilter) -> Result<Page<Review>, Problem> {
    client::get("/reviews", &query_of(filter)).await
}

pub async fn by_school() -> Result<Vec<ReviewSchoolCount>, Problem> {
    client::get("/reviews/by-school", &Vec::new()).await
}

pub async fn get(id: &str) -> Result<ReviewDetail, Problem> {
    client::get(&format!("/reviews/{id}"), &Vec::new()).await
}

pub async fn create(input: &ReviewInput) -> Result<Review, Problem> {
    client::post("/reviews", input).await
}

pub async fn transition(id: &str, body: &ReviewTransition) -> Result<ReviewDetail, Problem> {
    client::post(&format!("/reviews/{id}/transitions"), body).await
}

pub async fn experts(id: &str) -> Result<Vec<ExpertChoice>, Problem> {
    client::get(&format!("/reviews/{id}/experts"), &Vec::new()).await
}

pub async fn verdicts(id: &str, body: &VerdictsInput) -> Result<ReviewDetail, Problem> {
    client::put(&format!("/reviews/{id}/verdicts"), body).await
}

pub async fn conclusion(id: &str, body: &ConclusionInput) -> Result<ReviewDetail, Problem> {
    client::put(&format!("/reviews/{id}/conclusion"), body).await
}

/// Downloads the conclusion in Word: for the teacher, or (`coordinator`) with the notes.
pub async fn conclusion_docx(id: &str, coordinator: bool) -> Result<(), Problem> {
    let q = if coordinator {
        vec![("view".to_string(), "coordinator".to_string())]
    } else {
        Vec::new()
    };
    super::files::download(
        &format!("/reviews/{id}/conclusion.docx"),
        &q,
        "zaklyuchenie.docx",
    )
    .await
}
