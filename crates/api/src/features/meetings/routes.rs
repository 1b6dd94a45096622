//! Meetings: list, card, creation (invitees from the composition), editing the whole
//! meeting, hold / sign, поручения marked done, and the protocol as DOCX.

use super::{document, rules};
use crate::auth::AuthUser;
use crate::docs::DOCX_TYPE;
use crate::error::AppResult;
use crate::features::composition::routes::BinaryFile;
use crate::http::{created, file};
use crate::openapi::{ReadErrors, WriteErrors};
use crate::AppState;
use actix_web::{web, HttpResponse};
use tutornet_domain::files::{StoredFile, UploadParams};
use tutornet_domain::meetings::{
    Decision, DecisionMark, Meeting, MeetingFilter, MeetingInput, MeetingSummary,
    MeetingTransition, MeetingUpdate,
};
use tutornet_domain::Page;

/// Meetings in the caller's reach (the municipality's; for a tutor or teacher those they
/// are invited to or own a поручение of), the latest first.
#[utoipa::path(get, path = "/api/v1/meetings", tag = "meetings", params(MeetingFilter), security(("bearer" = [])),
    responses((status = 200, body = Page<MeetingSummary>), ReadErrors))]
pub async fn list(
    state: web::Data<AppState>,
    user: AuthUser,
    q: web::Query<MeetingFilter>,
) -> AppResult<web::Json<Page<MeetingSummary>>> {
    state.db_json(move |c| rules::list(c, &user, &q)).await
}

/// Calls a meeting (the municipality's coordinator): invited are the members of the
/// composition in force on its date, grouped by specialisation; others are added later.
#[utoipa::path(post, path = "/api/v1/meetings", tag = "meetings", request_body = MeetingInput, security(("bearer" = [])),
    responses((status = 201, body = Meeting), WriteErrors))]
pub async fn create(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<MeetingInput>,
) -> AppResult<HttpResponse> {
    let m = state.tx(move |c| rules::create(c, &user, &body)).await?;
    Ok(created(format!("/api/v1/meetings/{}", m.id), &m))
}

/// One meeting with invitees and attendance, the agenda with decisions, the signatories
/// and the open поручения of earlier meetings («Контроль исполнения»).
#[utoipa::path(get, path = "/api/v1/meetings/{id}", tag = "meetings", params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = Meeting), ReadErrors))]
pub async fn get(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> AppResult<web::Json<Meeting>> {
    state.db_json(move |c| rules::get(c, &user, &id)).await
}

/// Writes the whole meeting — details, invitees and attendance, agenda, decisions,
/// «Разное», signatories — under its `version`; 409 once the protocol is signed.
#[utoipa::path(put, path = "/api/v1/meetings/{id}", tag = "meetings", params(("id" = String, Path)), request_body = MeetingUpdate,
    security(("bearer" = [])), responses((status = 200, body = Meeting), WriteErrors))]
pub async fn update(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    body: web::Json<MeetingUpdate>,
) -> AppResult<web::Json<Meeting>> {
    state
        .tx_json(move |c| rules::update(c, &user, &id, &body))
        .await
}

/// `hold` (its date has come) or `sign` (the protocol becomes read-only); 409
/// `invalid_transition` with the reason otherwise.
#[utoipa::path(post, path = "/api/v1/meetings/{id}/transitions", tag = "meetings", params(("id" = String, Path)), request_body = MeetingTransition,
    security(("bearer" = [])), responses((status = 200, body = Meeting), WriteErrors))]
pub async fn transition(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    body: web::Json<MeetingTransition>,
) -> AppResult<web::Json<Meeting>> {
    state
        .tx_json(move |c| rules::transition(c, &user, &id, &body))
        .await
}

/// Marks a поручение done or open again (its owner or the coordinator; `version` the
/// decision's own).
#[utoipa::path(post, path = "/api/v1/meetings/{id}/decisions/{decision_id}/mark", tag = "meetings",
    params(("id" = String, Path), ("decision_id" = String, Path)), request_body = DecisionMark,
    security(("bearer" = [])), responses((status = 200, body = Decision), WriteErrors))]
pub async fn mark(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<(String, String)>,
    body: web::Json<DecisionMark>,
) -> AppResult<web::Json<Decision>> {
    state
        .tx_json(move |c| rules::mark(c, &user, &path.0, &path.1, &body))
        .await
}

/// The protocol as Word, in seed 002's layout.
#[utoipa::path(get, path = "/api/v1/meetings/{id}/protocol.docx", tag = "meetings", params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, description = "Документ DOCX", content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document", body = BinaryFile), ReadErrors))]
pub async fn protocol_docx(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> AppResult<HttpResponse> {
    let m = state.db(move |c| rules::get(c, &user, &id)).await?;
    let bytes = crate::docs::form::to_docx(&document::blocks(&m))?;
    Ok(file(
        bytes,
        DOCX_TYPE,
        format!(
            "Протокол {}.docx",
            tutornet_domain::text::format_date_ru(m.held_on)
        ),
    ))
}

/// Attaches a file to a meeting (PDF, DOCX, XLSX, PPTX, ODT up to 20 MB; the type is
/// read from the content): its organiser, until the protocol is signed. Downloaded and
/// removed through `/files/{id}`.
#[utoipa::path(post, path = "/api/v1/meetings/{id}/files", tag = "meetings", params(("id" = String, Path), UploadParams),
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

crate::http::endpoints![
    list,
    create,
    get,
    update,
    transition,
    mark,
    protocol_docx,
    add_file
];
