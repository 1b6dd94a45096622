//! `/consultation-points`: the municipality's consultation points.

use tutornet_domain::consultation_points::{
    ConsultationPoint, ConsultationPointFilter, ConsultationPointInput,
};
use tutornet_domain::page::MAX_LIMIT;
use tutornet_domain::{Page, Problem};

use super::client::{self, query_of};

pub async fn list(filter: &ConsultationPointFilter) -> Result<Page<ConsultationPoint>, Problem> {
    client::get("/consultation-points", &query_of(filter)).await
}

pub async fn get(id: &str) -> Result<ConsultationPoint, Problem> {
    client::get(&format!("/consultation-points/{id}"), &Vec::new()).await
}

pub async fn create(input: &ConsultationPointInput) -> Result<ConsultationPoint, Problem> {
    client::post("/consultation-points", input).await
}

pub async fn update(
    id: &str,
    input: &ConsultationPointInput,
) -> Result<ConsultationPoint, Problem> {
    client::put(&format!("/consultation-points/{id}"), input).await
}

/// (id, name) of the active points the user sees, for pick-lists; empty when unreadable.
pub async fn choices() -> Vec<(String, String)> {
    let f = ConsultationPointFilter {
        limit: Some(MAX_LIMIT),
        ..Default::default()
    };
    list(&f)
        .await
        .map(|p| p.items.into_iter().map(|x| (x.id, x.name)).collect())
        .unwrap_or_default()
}

pub async fn archive(id: &str) -> Result<ConsultationPoint, Problem> {
    client::delete(&format!("/consultation-points/{id}")).await
}

pub async fn restore(id: &str) -> Result<ConsultationPoint, Problem> {
    client::post(
        &format!("/consultation-points/{id}/restore"),
        &serde_json::json!({}),
    )
    .await
}
