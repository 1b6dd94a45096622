//! `/nominations`: schools' nominations of teachers to the composition.

use tutornet_domain::composition::{
    Nomination, NominationDecision, NominationFilter, NominationInput,
};
use tutornet_domain::{Page, Problem};

use super::client::{self, query_of};

pub async fn list(filter: &NominationFilter) -> Result<Page<Nomination>, Problem> {
    client::get("/nominations", &query_of(filter)).await
}

pub async fn create(input: &NominationInput) -> Result<Nomination, Problem> {
    client::post("/nominations", input).await
}

pub async fn decide(id: &str, body: &NominationDecision) -> Result<Nomination, Problem> {
    client::post(&format!("/nominations/{id}/decision"), body).await
}
