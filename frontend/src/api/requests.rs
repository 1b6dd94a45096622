//! `/requests`: schools' requests for tutor support and their workflow.

use tutornet_domain::community::{
    Request, RequestDetail, RequestFilter, RequestInput, RequestTransition, TutorSuggestion,
};
use tutornet_domain::page::MAX_LIMIT;
use tutornet_domain::{Page, Problem};

use super::client::{self, all_pages, query_of};

pub async fn list(filter: &RequestFilter) -> Result<Page<Request>, Problem> {
    client::get("/requests", &query_of(filter)).await
}

/// Every request matching `filter`, following `next_cursor` to the last page.
pub async fn list_all(filter: &RequestFilter) -> Result<Vec<Request>, Problem> {
    all_pages(|cursor| {
        let f = RequestFilter {
            limit: Some(MAX_LIMIT),
            cursor,
            ..filter.clone()
        };
        async move { list(&f).await }
    })
    .await
}

pub async fn get(id: &str) -> Result<RequestDetail, Problem> {
    client::get(&format!("/requests/{id}"), &Vec::new()).await
}

pub async fn create(input: &RequestInput) -> Result<Request, Problem> {
    client::post("/requests", input).await
}

pub async fn transition(id: &str, body: &RequestTransition) -> Result<RequestDetail, Problem> {
    client::post(&format!("/requests/{id}/transitions"), body).await
}

pub async fn tutor_suggestions(id: &str) -> Result<Vec<TutorSuggestion>, Problem> {
    client::get(&format!("/requests/{id}/tutor-suggestions"), &Vec::new()).await
}
