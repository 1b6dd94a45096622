//! Deficit diagnostics: the framework of indicators, campaigns, their import and results,
//! and a person's deficits.

use super::{import, rules};
use crate::auth::AuthUser;
use crate::error::AppResult;
use crate::http::created;
use crate::openapi::{ReadErrors, WriteErrors};
use crate::AppState;
use actix_web::{web, HttpResponse};
use tutornet_domain::growth::diagnostics::{
    Campaign, CampaignFilter, CampaignInput, CampaignResults, Deficit, DeficitQuery,
    DiagnosticImport, DiagnosticImportPreview, DiagnosticImportResult, Indicator, IndicatorInput,
};
use tutornet_domain::Page;

/// The framework: competency indicators by area, in their order.
#[utoipa::path(get, path = "/api/v1/diagnostics/indicators", tag = "diagnostics", security(("bearer" = [])),
    responses((status = 200, body = Vec<Indicator>), ReadErrors))]
pub async fn indicators(
    state: web::Data<AppState>,
    _signed_in: AuthUser,
) -> AppResult<web::Json<Vec<Indicator>>> {
    state.db_json(rules::indicators).await
}

/// Adds an indicator to the framework (admins and coordinators).
#[utoipa::path(post, path = "/api/v1/diagnostics/indicators", tag = "diagnostics", request_body = IndicatorInput, security(("bearer" = [])),
    responses((status = 201, body = Indicator), WriteErrors))]
pub async fn add_indicator(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<IndicatorInput>,
) -> AppResult<HttpResponse> {
    let i = state
        .tx(move |c| rules::add_indicator(c, &user, &body))
        .await?;
    Ok(created("/api/v1/diagnostics/indicators".into(), &i))
}

/// Campaigns in the caller's reach (a teacher: those with their results), newest first.
#[utoipa::path(get, path = "/api/v1/diagnostics/campaigns", tag = "diagnostics", params(CampaignFilter), security(("bearer" = [])),
    responses((status = 200, body = Page<Campaign>), ReadErrors))]
pub async fn list(
    state: web::Data<AppState>,
    user: AuthUser,
    q: web::Query<CampaignFilter>,
) -> AppResult<web::Json<Page<Campaign>>> {
    state
        .db_json(move |c| rules::list_campaigns(c, &user, &q))
        .await
}

/// A new campaign of the municipality (its coordinators).
#[utoipa::path(post, path = "/api/v1/diagnostics/campaigns", tag = "diagnostics", request_body = CampaignInput, security(("bearer" = [])),
    responses((status = 201, body = Campaign), WriteErrors))]
pub async fn create(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<CampaignInput>,
) -> AppResult<HttpResponse> {
    let c = state
        .tx(move |c| rules::create_campaign(c, &user, &body))
        .await?;
    Ok(created(
        format!("/api/v1/diagnostics/campaigns/{}", c.id),
        &c,
    ))
}

/// A campaign with the results the caller may see and the heat map per school and area.
#[utoipa::path(get, path = "/api/v1/diagnostics/campaigns/{id}", tag = "diagnostics", params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = CampaignResults), ReadErrors))]
pub async fn get(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> AppResult<web::Json<CampaignResults>> {
    state.db_json(move |c| rules::results(c, &user, &id)).await
}

/// Reads a results table and shows how it would load, with per-row errors; writes nothing.
#[utoipa::path(post, path = "/api/v1/diagnostics/campaigns/{id}/import/preview", tag = "diagnostics", params(("id" = String, Path)), request_body = DiagnosticImport,
    security(("bearer" = [])), responses((status = 200, body = DiagnosticImportPreview), WriteErrors))]
pub async fn import_preview(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    body: web::Json<DiagnosticImport>,
) -> AppResult<web::Json<DiagnosticImportPreview>> {
    state
        .db_json(move |c| import::preview(c, &user, &id, &body))
        .await
}

/// Loads the table when no row has an error (422 with every row's errors otherwise); a
/// person's earlier scores in the campaign are replaced.
#[utoipa::path(post, path = "/api/v1/diagnostics/campaigns/{id}/import/confirm", tag = "diagnostics", params(("id" = String, Path)), request_body = DiagnosticImport,
    security(("bearer" = [])), responses((status = 200, body = DiagnosticImportResult), WriteErrors))]
pub async fn import_confirm(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    body: web::Json<DiagnosticImport>,
) -> AppResult<web::Json<DiagnosticImportResult>> {
    state
        .tx_json(move |c| import::confirm(c, &user, &id, &body))
        .await
}

/// A person's open deficits: per indicator, the latest score when it is below the threshold.
#[utoipa::path(get, path = "/api/v1/diagnostics/deficits", tag = "diagnostics", params(DeficitQuery), security(("bearer" = [])),
    responses((status = 200, body = Vec<Deficit>), ReadErrors))]
pub async fn deficits(
    state: web::Data<AppState>,
    user: AuthUser,
    q: web::Query<DeficitQuery>,
) -> AppResult<web::Json<Vec<Deficit>>> {
    state
        .db_json(move |c| rules::deficits(c, &user, &q.user_id))
        .await
}

crate::http::endpoints![
    indicators,
    add_indicator,
    list,
    create,
    get,
    import_preview,
    import_confirm,
    deficits
];
