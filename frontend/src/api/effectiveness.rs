//! `/effectiveness`: the October review, the records behind a figure, the effect
//! analytics, the DOCX/XLSX report.

use tutornet_domain::effectiveness::{
    EffectAnalysis, EffectivenessQuery, EffectivenessReview, FigureRecords, RecordsQuery,
};
use tutornet_domain::Problem;

use super::client::{self, query_of};
use super::files::download;

pub async fn review(q: &EffectivenessQuery) -> Result<EffectivenessReview, Problem> {
    client::get("/effectiveness", &query_of(q)).await
}

pub async fn records(q: &RecordsQuery) -> Result<FigureRecords, Problem> {
    client::get("/effectiveness/records", &query_of(q)).await
}

pub async fn effect(q: &EffectivenessQuery) -> Result<EffectAnalysis, Problem> {
    client::get("/effectiveness/effect", &query_of(q)).await
}

/// Downloads the report as `docx` or `xlsx`.
pub async fn report(q: &EffectivenessQuery, ext: &str) -> Result<(), Problem> {
    download(
        &format!("/effectiveness/review.{ext}"),
        &query_of(q),
        &format!("analiz-effektivnosti.{ext}"),
    )
    .await
}
