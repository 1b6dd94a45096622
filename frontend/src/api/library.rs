//! `/library`: the methodological library — search, materials, moderation.

use tutornet_domain::library::{
    LibraryDetail, LibraryInput, LibraryItem, LibrarySearch, LibraryTransition, ReportInput,
    SearchResult,
};
use tutornet_domain::Problem;

use super::client::{self, query_of};

pub async fn search(q: &LibrarySearch) -> Result<SearchResult, Problem> {
    client::get("/library", &query_of(q)).await
}

pub async fn mine() -> Result<Vec<LibraryItem>, Problem> {
    client::get("/library/mine", &Vec::new()).await
}

pub async fn queue() -> Result<Vec<LibraryItem>, Problem> {
    client::get("/library/queue", &Vec::new()).await
}

pub async fn get(id: &str) -> Result<LibraryDetail, Problem> {
    client::get(&format!("/library/{id}"), &Vec::new()).await
}

pub async fn create(input: &LibraryInput) -> Result<LibraryDetail, Problem> {
    client::post("/library", input).await
}

pub async fn update(id: &str, input: &LibraryInput) -> Result<LibraryDetail, Problem> {
    client::put(&format!("/library/{id}"), input).await
}

pub async fn transition(id: &str, body: &LibraryTransition) -> Result<LibraryDetail, Problem> {
    client::post(&format!("/library/{id}/transitions"), body).await
}

pub async fn report(id: &str, body: &ReportInput) -> Result<LibraryDetail, Problem> {
    client::post(&format!("/library/{id}/reports"), body).await
}
