use crate::auth::AuthUser;
use crate::error::{AppError, AppResult};
use crate::features::composition::routes::BinaryFile;
use crate::http::created;
use crate::openapi::{ReadErrors, WriteErrors};
use crate::AppState;
use actix_web::{web, HttpResponse};
use futures_util::StreamExt;
use tutornet_domain::files::{StoredFile, UploadParams};
use tutornet_domain::library::{
    LibraryDetail, LibraryInput, LibraryItem, LibrarySearch, LibraryTransition, ReportInput,
    SearchResult, TrustInput, MAX_LIBRARY_FILE_BYTES,
};

/// Searches the published materials the caller sees: words in any form (Russian
/// stemming; «ВПР» finds «всероссийские проверочные работы»), filters by type, subject,
/// grade and tag; ranked, with highlighted snippets and facet counts.
#[utoipa::path(get, path = "/api/v1/library", tag = "library", params(LibrarySearch), security(("bearer" = [])),
    responses((status = 200, body = SearchResult), ReadErrors))]
pub async fn search(
    state: web::Data<AppState>,
    user: AuthUser,
    q: web::Query<LibrarySearch>,
) -> AppResult<web::Json<SearchResult>> {
    state.db_json(move |c| super::search(c, &user, &q)).await
}

/// Creates a material as a draft (tutors, teachers, school administrations,
/// coordinators of a municipality).
#[utoipa::path(post, path = "/api/v1/library", tag = "library", request_body = LibraryInput, security(("bearer" = [])),
    responses((status = 201, body = LibraryDetail), WriteErrors))]
pub async fn create(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<LibraryInput>,
) -> AppResult<HttpResponse> {
    let d = state
        .tx(move |c| super::rules::create(c, &user, &body))
        .await?;
    Ok(created(format!("/api/v1/library/{}", d.item.id), &d))
}

/// The caller's own materials in every status.
#[utoipa::path(get, path = "/api/v1/library/mine", tag = "library", security(("bearer" = [])),
    responses((status = 200, body = Vec<LibraryItem>), ReadErrors))]
pub async fn mine(
    state: web::Data<AppState>,
    user: AuthUser,
) -> AppResult<web::Json<Vec<LibraryItem>>> {
    state.db_json(move |c| super::rules::mine(c, &user)).await
}

/// The moderation queue (coordinators, admins): versions waiting for a decision and
/// materials with open reports, the longest waiting first.
#[utoipa::path(get, path = "/api/v1/library/queue", tag = "library", security(("bearer" = [])),
    responses((status = 200, body = Vec<LibraryItem>), ReadErrors))]
pub async fn queue(
    state: web::Data<AppState>,
    user: AuthUser,
) -> AppResult<web::Json<Vec<LibraryItem>>> {
    state.db_json(move |c| super::rules::queue(c, &user)).await
}

/// A material: the version the caller sees (the working one to its author and the
/// moderator, the published one to others), versions, history, the caller's actions.
/// Counts a view.
#[utoipa::path(get, path = "/api/v1/library/{id}", tag = "library", params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = LibraryDetail), ReadErrors))]
pub async fn get(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> AppResult<web::Json<LibraryDetail>> {
    state
        .db_json(move |c| super::rules::detail(c, &user, &id, true))
        .await
}

/// Edits a material on its version: a draft or a returned version in place; a
/// published one as a new version (the published one stays public until the new one
/// is published). 409 while on review.
#[utoipa::path(put, path = "/api/v1/library/{id}", tag = "library", params(("id" = String, Path)), request_body = LibraryInput,
    security(("bearer" = [])), responses((status = 200, body = LibraryDetail), WriteErrors))]
pub async fn update(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    body: web::Json<LibraryInput>,
) -> AppResult<web::Json<LibraryDetail>> {
    state
        .tx_json(move |c| super::rules::update(c, &user, &id, &body))
        .await
}

/// A moderation step: submit, resubmit (comment), publish, return (remarks per field
/// and/or comment), unpublish (comment = reason). Illegal steps are 409.
#[utoipa::path(post, path = "/api/v1/library/{id}/transitions", tag = "library", params(("id" = String, Path)), request_body = LibraryTransition,
    security(("bearer" = [])), responses((status = 200, body = LibraryDetail), WriteErrors))]
pub async fn transition(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    body: web::Json<LibraryTransition>,
) -> AppResult<web::Json<LibraryDetail>> {
    state
        .tx_json(move |c| super::rules::transition(c, &user, &id, &body))
        .await
}

/// Reports a material (anyone who sees it), with a reason; the coordinators hear of it.
#[utoipa::path(post, path = "/api/v1/library/{id}/reports", tag = "library", params(("id" = String, Path)), request_body = ReportInput,
    security(("bearer" = [])), responses((status = 200, body = LibraryDetail), WriteErrors))]
pub async fn report(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    body: web::Json<ReportInput>,
) -> AppResult<web::Json<LibraryDetail>> {
    state
        .tx_json(move |c| super::rules::report(c, &user, &id, &body))
        .await
}

/// Adds a file (PDF, DOCX, XLSX, PPTX, ODT up to 50 MB; the type is read from the
/// content) to the version being edited.
#[utoipa::path(post, path = "/api/v1/library/{id}/files", tag = "library", params(("id" = String, Path), UploadParams),
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "The file's bytes"),
    security(("bearer" = [])), responses((status = 201, body = StoredFile), WriteErrors))]
pub async fn add_file(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    q: web::Query<UploadParams>,
    mut payload: web::Payload,
) -> AppResult<HttpResponse> {
    let mut body = web::BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|e| AppError::BadRequest {
            code: tutornet_domain::ProblemCode::BadRequest,
            detail: format!("Файл не получен: {e}"),
        })?;
        if body.len() + chunk.len() > MAX_LIBRARY_FILE_BYTES {
            return Err(AppError::TooLarge(format!(
                "Файл больше {} МБ",
                MAX_LIBRARY_FILE_BYTES / 1024 / 1024
            )));
        }
        body.extend_from_slice(&chunk);
    }
    let body = body.freeze();
    let f = state
        .tx(move |c| super::files::add(c, &user, &id, &q.name, &body))
        .await?;
    Ok(created(f.url.clone(), &f))
}

/// Downloads a file of a material (as its visibility allows); counts the download.
#[utoipa::path(get, path = "/api/v1/library/{id}/files/{file_id}", tag = "library", params(("id" = String, Path), ("file_id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, description = "The file", content_type = "application/octet-stream", body = BinaryFile), ReadErrors))]
pub async fn download(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<(String, String)>,
) -> AppResult<HttpResponse> {
    let (id, file_id) = path.into_inner();
    let (name, ct, data) = state
        .db(move |c| super::files::download(c, &user, &id, &file_id))
        .await?;
    Ok(crate::http::file(data, &ct, name))
}

/// Takes a file out of the version being edited.
#[utoipa::path(delete, path = "/api/v1/library/{id}/files/{file_id}", tag = "library", params(("id" = String, Path), ("file_id" = String, Path)), security(("bearer" = [])),
    responses((status = 204, description = "Файл убран"), WriteErrors))]
pub async fn remove_file(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<(String, String)>,
) -> AppResult<HttpResponse> {
    let (id, file_id) = path.into_inner();
    state
        .tx(move |c| super::files::remove(c, &user, &id, &file_id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Lets an author publish without review, or takes the right back (coordinator of the
/// author's municipality, admin).
#[utoipa::path(put, path = "/api/v1/library/trusted-authors/{user_id}", tag = "library", params(("user_id" = String, Path)), request_body = TrustInput,
    security(("bearer" = [])), responses((status = 200, body = TrustInput), WriteErrors))]
pub async fn trust(
    state: web::Data<AppState>,
    user: AuthUser,
    user_id: web::Path<String>,
    body: web::Json<TrustInput>,
) -> AppResult<web::Json<TrustInput>> {
    state
        .tx_json(move |c| super::rules::trust(c, &user, &user_id, &body))
        .await
}

crate::http::endpoints![
    search,
    create,
    mine,
    queue,
    get,
    update,
    transition,
    report,
    add_file,
    download,
    remove_file,
    trust
];
