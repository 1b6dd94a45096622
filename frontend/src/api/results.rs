//! `/results`: dynamics of a school or municipality, the risk list, the table import.

use tutornet_domain::results::{
    Dynamics, DynamicsQuery, ResultsImportPreview, ResultsImportRequest, ResultsImportResult,
    RiskList, RiskQuery,
};
use tutornet_domain::Problem;

use super::client::{self, query_of};

pub async fn school_dynamics(id: &str, q: &DynamicsQuery) -> Result<Dynamics, Problem> {
    client::get(&format!("/results/schools/{id}/dynamics"), &query_of(q)).await
}

pub async fn municipality_dynamics(id: &str, q: &DynamicsQuery) -> Result<Dynamics, Problem> {
    client::get(
        &format!("/results/municipalities/{id}/dynamics"),
        &query_of(q),
    )
    .await
}

pub async fn risks(q: &RiskQuery) -> Result<RiskList, Problem> {
    client::get("/results/risks", &query_of(q)).await
}

pub async fn import_preview(r: &ResultsImportRequest) -> Result<ResultsImportPreview, Problem> {
    client::post("/results/import/preview", r).await
}

pub async fn import_confirm(r: &ResultsImportRequest) -> Result<ResultsImportResult, Problem> {
    client::post("/results/import/confirm", r).await
}
