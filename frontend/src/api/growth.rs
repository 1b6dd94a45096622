//! `/diagnostics` and `/trajectories`: deficit diagnostics and individual trajectories (ИОМ).

use tutornet_domain::growth::diagnostics::{
    Campaign, CampaignFilter, CampaignInput, CampaignResults, Deficit, DiagnosticImport,
    DiagnosticImportPreview, DiagnosticImportResult, Indicator,
};
use tutornet_domain::growth::trajectories::{
    StepCompletion, StepInput, Trajectory, TrajectoryFilter, TrajectoryInput, TrajectorySummary,
    TrajectoryTransition,
};
use tutornet_domain::{Page, Problem};

use super::client::{self, query_of};

pub async fn indicators() -> Result<Vec<Indicator>, Problem> {
    client::get("/diagnostics/indicators", &Vec::new()).await
}

pub async fn campaigns(f: &CampaignFilter) -> Result<Page<Campaign>, Problem> {
    client::get("/diagnostics/campaigns", &query_of(f)).await
}

pub async fn create_campaign(i: &CampaignInput) -> Result<Campaign, Problem> {
    client::post("/diagnostics/campaigns", i).await
}

pub async fn campaign(id: &str) -> Result<CampaignResults, Problem> {
    client::get(&format!("/diagnostics/campaigns/{id}"), &Vec::new()).await
}

pub async fn import_preview(
    id: &str,
    i: &DiagnosticImport,
) -> Result<DiagnosticImportPreview, Problem> {
    client::post(&format!("/diagnostics/campaigns/{id}/import/preview"), i).await
}

pub async fn import_confirm(
    id: &str,
    i: &DiagnosticImport,
) -> Result<DiagnosticImportResult, Problem> {
    client::post(&format!("/diagnostics/campaigns/{id}/import/confirm"), i).await
}

pub async fn deficits(user_id: &str) -> Result<Vec<Deficit>, Problem> {
    client::get(
        "/diagnostics/deficits",
        &vec![("user_id".to_string(), user_id.to_string())],
    )
    .await
}

pub async fn trajectories(f: &TrajectoryFilter) -> Result<Page<TrajectorySummary>, Problem> {
    client::get("/trajectories", &query_of(f)).await
}

pub async fn trajectory(id: &str) -> Result<Trajectory, Problem> {
    client::get(&format!("/trajectories/{id}"), &Vec::new()).await
}

pub async fn create_trajectory(i: &TrajectoryInput) -> Result<Trajectory, Problem> {
    client::post("/trajectories", i).await
}

pub async fn transition(id: &str, t: &TrajectoryTransition) -> Result<Trajectory, Problem> {
    client::post(&format!("/trajectories/{id}/transitions"), t).await
}

pub async fn add_step(id: &str, s: &StepInput) -> Result<Trajectory, Problem> {
    client::post(&format!("/trajectories/{id}/steps"), s).await
}

pub async fn remove_step(id: &str, step: &str, version: i32) -> Result<Trajectory, Problem> {
    client::delete(&format!(
        "/trajectories/{id}/steps/{step}?version={version}"
    ))
    .await
}

pub async fn complete_step(
    id: &str,
    step: &str,
    c: &StepCompletion,
) -> Result<Trajectory, Problem> {
    client::post(&format!("/trajectories/{id}/steps/{step}/completion"), c).await
}

/// Downloads the ИОМ as a DOCX table.
pub async fn document_docx(id: &str) -> Result<(), Problem> {
    super::files::download(
        &format!("/trajectories/{id}/document.docx"),
        &Vec::new(),
        "iom.docx",
    )
    .await
}
