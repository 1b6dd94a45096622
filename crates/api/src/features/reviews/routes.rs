use super::conclusion::ConclusionView;
use crate::auth::AuthUser;
use crate::docs::DOCX_TYPE;
use crate::error::AppResult;
use crate::features::composition::routes::BinaryFile;
use crate::http::created;
use crate::http::file;
use crate::openapi::{ReadErrors, WriteErrors};
use crate::AppState;
use actix_web::{web, HttpResponse};
use tutornet_domain::files::{StoredFile, UploadParams};
use tutornet_domain::reviews::{
    ConclusionInput, ExpertChoice, Review, ReviewDetail, ReviewFilter, ReviewInput,
    ReviewSchoolCount, ReviewTemplate, ReviewTransition, TemplateInput, VerdictsInput,
};
use tutornet_domain::Page;

/// Reviews in the caller's scope, newest first (coordinator: municipality; school
/// administration: school; teacher: submitted by them; expert: assigned to them).
#[utoipa::path(get, path = "/api/v1/reviews", tag = "reviews", params(ReviewFilter), security(("bearer" = [])),
    responses((status = 200, body = Page<Review>), ReadErrors))]
pub async fn list(
    state: web::Data<AppState>,
    user: AuthUser,
    q: web::Query<ReviewFilter>,
) -> AppResult<web::Json<Page<Review>>> {
    state
        .db_json(move |c| super::rules::list(c, &user, &q))
        .await
}

/// Submits a document for review (teacher for themselves, school administration for
/// the school, coordinator on a school's behalf); its checklist is the current template.
#[utoipa::path(post, path = "/api/v1/reviews", tag = "reviews", request_body = ReviewInput, security(("bearer" = [])),
    responses((status = 201, body = Review), WriteErrors))]
pub async fn create(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<ReviewInput>,
) -> AppResult<HttpResponse> {
    let r = state
        .tx(move |c| super::rules::create(c, &user, &body))
        .await?;
    Ok(created(format!("/api/v1/reviews/{}", r.id), &r))
}

/// Reviews per school in the caller's scope: open, accepted, rejected, stale (14 days).
#[utoipa::path(get, path = "/api/v1/reviews/by-school", tag = "reviews", security(("bearer" = [])),
    responses((status = 200, body = Vec<ReviewSchoolCount>), ReadErrors))]
pub async fn by_school(
    state: web::Data<AppState>,
    user: AuthUser,
) -> AppResult<web::Json<Vec<ReviewSchoolCount>>> {
    state
        .db_json(move |c| super::rules::per_school(c, &user))
        .await
}

/// A review with its checklist, rounds, conclusion, history and the caller's actions.
#[utoipa::path(get, path = "/api/v1/reviews/{id}", tag = "reviews", params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = ReviewDetail), ReadErrors))]
pub async fn get(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> AppResult<web::Json<ReviewDetail>> {
    state
        .db_json(move |c| super::rules::detail(c, &user, &id))
        .await
}

/// A workflow step: assign (expert_id, confirm_same_school, due_on), start (no_conflict),
/// return (comment), resubmit (comment), accept, reject. Illegal steps are 409.
#[utoipa::path(post, path = "/api/v1/reviews/{id}/transitions", tag = "reviews", params(("id" = String, Path)), request_body = ReviewTransition,
    security(("bearer" = [])), responses((status = 200, body = ReviewDetail), WriteErrors))]
pub async fn transition(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    body: web::Json<ReviewTransition>,
) -> AppResult<web::Json<ReviewDetail>> {
    state
        .tx_json(move |c| super::rules::transition(c, &user, &id, &body))
        .await
}

/// Tutors the coordinator may assign as the expert: those of other schools first, then
/// by fewer open reviews.
#[utoipa::path(get, path = "/api/v1/reviews/{id}/experts", tag = "reviews", params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = Vec<ExpertChoice>), ReadErrors))]
pub async fn experts(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> AppResult<web::Json<Vec<ExpertChoice>>> {
    state
        .db_json(move |c| super::rules::experts(c, &user, &id))
        .await
}

/// The expert's verdicts on the current round (on the review's version; stale → 409).
#[utoipa::path(put, path = "/api/v1/reviews/{id}/verdicts", tag = "reviews", params(("id" = String, Path)), request_body = VerdictsInput,
    security(("bearer" = [])), responses((status = 200, body = ReviewDetail), WriteErrors))]
pub async fn verdicts(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    body: web::Json<VerdictsInput>,
) -> AppResult<web::Json<ReviewDetail>> {
    state
        .tx_json(move |c| super::rules::save_verdicts(c, &user, &id, &body))
        .await
}

/// The expert edits the conclusion of an accepted or rejected review; `sign` signs it off.
#[utoipa::path(put, path = "/api/v1/reviews/{id}/conclusion", tag = "reviews", params(("id" = String, Path)), request_body = ConclusionInput,
    security(("bearer" = [])), responses((status = 200, body = ReviewDetail), WriteErrors))]
pub async fn conclusion(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    body: web::Json<ConclusionInput>,
) -> AppResult<web::Json<ReviewDetail>> {
    state
        .tx_json(move |c| super::rules::conclude(c, &user, &id, &body))
        .await
}

/// The conclusion in Word: `view=teacher` (default) or `coordinator` (with private notes).
#[utoipa::path(get, path = "/api/v1/reviews/{id}/conclusion.docx", tag = "reviews", params(("id" = String, Path), ConclusionView), security(("bearer" = [])),
    responses((status = 200, description = "Документ DOCX", content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document", body = BinaryFile), ReadErrors))]
pub async fn conclusion_docx(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    q: web::Query<ConclusionView>,
) -> AppResult<HttpResponse> {
    let (name, bytes) = state
        .db(move |c| super::conclusion::docx(c, &user, &id, &q))
        .await?;
    Ok(file(bytes, DOCX_TYPE, name))
}

/// Adds the document under review (PDF, DOCX, XLSX, ODT up to 20 MB; the type is read
/// from the content): the author, the expert or the coordinator, while the review is open.
#[utoipa::path(post, path = "/api/v1/reviews/{id}/files", tag = "reviews", params(("id" = String, Path), UploadParams),
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "The file's bytes"),
    security(("bearer" = [])), responses((status = 201, body = StoredFile), WriteErrors))]
pub async fn add_file(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    q: web::Query<UploadParams>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    let f = state
        .tx(move |c| super::files::add(c, &user, &id, &q.name, &body))
        .await?;
    Ok(created(f.url.clone(), &f))
}

/// The current checklist templates of the caller's municipality, one per document type.
#[utoipa::path(get, path = "/api/v1/review-templates", tag = "reviews", security(("bearer" = [])),
    responses((status = 200, body = Vec<ReviewTemplate>), ReadErrors))]
pub async fn templates(
    state: web::Data<AppState>,
    user: AuthUser,
) -> AppResult<web::Json<Vec<ReviewTemplate>>> {
    state
        .db_json(move |c| super::templates::list(c, &user))
        .await
}

/// The current checklist template of a document type.
#[utoipa::path(get, path = "/api/v1/review-templates/{type}", tag = "reviews", params(("type" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = ReviewTemplate), ReadErrors))]
pub async fn template(
    state: web::Data<AppState>,
    user: AuthUser,
    t: web::Path<String>,
) -> AppResult<web::Json<ReviewTemplate>> {
    state
        .db_json(move |c| super::templates::get(c, &user, &t))
        .await
}

/// A coordinator's edit of a template: stored as the next version (reviews keep theirs).
#[utoipa::path(put, path = "/api/v1/review-templates/{type}", tag = "reviews", params(("type" = String, Path)), request_body = TemplateInput,
    security(("bearer" = [])), responses((status = 200, body = ReviewTemplate), WriteErrors))]
pub async fn put_template(
    state: web::Data<AppState>,
    user: AuthUser,
    t: web::Path<String>,
    body: web::Json<TemplateInput>,
) -> AppResult<web::Json<ReviewTemplate>> {
    state
        .tx_json(move |c| super::templates::put(c, &user, &t, &body))
        .await
}

crate::http::endpoints![
    list,
    create,
    by_school,
    get,
    transition,
    experts,
    verdicts,
    conclusion,
    conclusion_docx,
    add_file,
    templates,
    template,
    put_template
];
