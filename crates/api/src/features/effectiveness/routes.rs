//! The effectiveness endpoints under `/api/v1/effectiveness`.

use super::{document, review};
use crate::auth::AuthUser;
use crate::docs::{self, DOCX_TYPE, XLSX_TYPE};
use crate::error::AppResult;
use crate::features::composition::routes::BinaryFile;
use crate::http::file;
use crate::openapi::ReadErrors;
use crate::AppState;
use actix_web::{web, HttpResponse};
use tutornet_domain::effectiveness::{
    EffectAnalysis, EffectivenessQuery, EffectivenessReview, FigureRecords, RecordsQuery,
};

/// The October review of a municipality's academic year (coordinators: their own;
/// admins and observers: any in reach): sessions by activity type and form, hours,
/// teachers of ШНОР/ШССУ reached, reviews, ИОМ steps, ratings, materials published, and
/// the failing share of the supported schools against the others.
#[utoipa::path(get, path = "/api/v1/effectiveness", tag = "effectiveness", params(EffectivenessQuery), security(("bearer" = [])),
    responses((status = 200, body = EffectivenessReview), ReadErrors))]
pub async fn get(
    state: web::Data<AppState>,
    user: AuthUser,
    q: web::Query<EffectivenessQuery>,
) -> AppResult<web::Json<EffectivenessReview>> {
    state
        .db_json(move |c| {
            let s = review::scope_for(c, &user, &q)?;
            review::review(c, &s)
        })
        .await
}

/// The records behind one figure of the review (its `key`), each with the card it opens.
#[utoipa::path(get, path = "/api/v1/effectiveness/records", tag = "effectiveness", params(RecordsQuery), security(("bearer" = [])),
    responses((status = 200, body = FigureRecords), ReadErrors))]
pub async fn records(
    state: web::Data<AppState>,
    user: AuthUser,
    q: web::Query<RecordsQuery>,
) -> AppResult<web::Json<FigureRecords>> {
    state
        .db_json(move |c| {
            let s = review::scope(
                c,
                &user,
                q.municipality_id.as_deref(),
                q.academic_year_id.as_deref(),
                None,
            )?;
            review::records(c, &s, &q.key)
        })
        .await
}

/// Effect analytics (a comparison, not a cause): per school, the support received
/// against the change of its failing share, next to similar schools that received less.
#[utoipa::path(get, path = "/api/v1/effectiveness/effect", tag = "effectiveness", params(EffectivenessQuery), security(("bearer" = [])),
    responses((status = 200, body = EffectAnalysis), ReadErrors))]
pub async fn effect(
    state: web::Data<AppState>,
    user: AuthUser,
    q: web::Query<EffectivenessQuery>,
) -> AppResult<web::Json<EffectAnalysis>> {
    state
        .db_json(move |c| {
            let s = review::scope_for(c, &user, &q)?;
            review::analysis(c, &s)
        })
        .await
}

type Both = (EffectivenessReview, EffectAnalysis);

async fn both(state: &AppState, user: AuthUser, q: EffectivenessQuery) -> AppResult<Both> {
    state
        .db(move |c| {
            let s = review::scope_for(c, &user, &q)?;
            Ok((review::review(c, &s)?, review::analysis(c, &s)?))
        })
        .await
}

/// The review as a Word report.
#[utoipa::path(get, path = "/api/v1/effectiveness/review.docx", tag = "effectiveness", params(EffectivenessQuery), security(("bearer" = [])),
    responses((status = 200, description = "Документ DOCX", content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document", body = BinaryFile), ReadErrors))]
pub async fn review_docx(
    state: web::Data<AppState>,
    user: AuthUser,
    q: web::Query<EffectivenessQuery>,
) -> AppResult<HttpResponse> {
    let (r, a) = both(&state, user, q.into_inner()).await?;
    let bytes = docs::form::to_docx(&document::blocks(&r, &a))?;
    let name = format!(
        "Анализ эффективности {} {}.docx",
        r.municipality_name,
        r.academic_year_name.replace('/', "-")
    );
    Ok(file(bytes, DOCX_TYPE, name))
}

/// The review as an Excel workbook (a sheet per table).
#[utoipa::path(get, path = "/api/v1/effectiveness/review.xlsx", tag = "effectiveness", params(EffectivenessQuery), security(("bearer" = [])),
    responses((status = 200, description = "Книга XLSX", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = BinaryFile), ReadErrors))]
pub async fn review_xlsx(
    state: web::Data<AppState>,
    user: AuthUser,
    q: web::Query<EffectivenessQuery>,
) -> AppResult<HttpResponse> {
    let (r, a) = both(&state, user, q.into_inner()).await?;
    let bytes = docs::xlsx::to_xlsx_sheets(&document::sheets(&r, &a))?;
    let name = format!(
        "Анализ эффективности {} {}.xlsx",
        r.municipality_name,
        r.academic_year_name.replace('/', "-")
    );
    Ok(file(bytes, XLSX_TYPE, name))
}

crate::http::endpoints![get, records, effect, review_docx, review_xlsx];
