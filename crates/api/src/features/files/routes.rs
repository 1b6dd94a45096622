use crate::auth::AuthUser;
use crate::error::AppResult;
use crate::features::files::OwnerKind;
use crate::openapi::{ReadErrors, WriteErrors};
use crate::AppState;
use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use tutornet_domain::files::{StoredFile, UploadParams};

fn content_type(req: &HttpRequest) -> String {
    req.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string()
}

/// Uploads (replaces) the scan of an order: the raw file as the body with its
/// Content-Type (PDF, JPEG, PNG, DOCX, XLSX, PPTX, DOC, ODT, TXT; up to 20 MB).
#[utoipa::path(put, path = "/api/v1/composition/orders/{id}/file", tag = "composition", params(("id" = String, Path), UploadParams),
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "The file's bytes; send its real Content-Type"),
    security(("bearer" = [])), responses((status = 200, body = StoredFile), WriteErrors))]
pub async fn put_order_file(
    state: web::Data<AppState>,
    user: AuthUser,
    req: HttpRequest,
    id: web::Path<String>,
    q: web::Query<UploadParams>,
    body: web::Bytes,
) -> AppResult<web::Json<StoredFile>> {
    let ct = content_type(&req);
    state
        .tx_json(move |c| {
            crate::features::files::ops::put_order_file(c, &user, &id, &q.name, &ct, &body)
        })
        .await
}

/// Adds a material file to a session (its tutors and coordinators).
#[utoipa::path(post, path = "/api/v1/sessions/{id}/files", tag = "sessions", params(("id" = String, Path), UploadParams),
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "The file's bytes; send its real Content-Type"),
    security(("bearer" = [])), responses((status = 201, body = StoredFile), WriteErrors))]
pub async fn add_session_file(
    state: web::Data<AppState>,
    user: AuthUser,
    req: HttpRequest,
    id: web::Path<String>,
    q: web::Query<UploadParams>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    add(
        state,
        user,
        &req,
        (OwnerKind::Session, id.into_inner()),
        q,
        body,
    )
    .await
}

/// Adds a file to a record that keeps several; 201 with its download path.
async fn add(
    state: web::Data<AppState>,
    user: AuthUser,
    req: &HttpRequest,
    (kind, id): (OwnerKind, String),
    q: web::Query<UploadParams>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    let ct = content_type(req);
    let f = state
        .tx(move |c| {
            crate::features::files::rules::add_file(c, &user, (kind, &id), &q.name, &ct, &body)
        })
        .await?;
    Ok(crate::http::created(f.url.clone(), &f))
}

/// Attaches a document to a request (the work for an expert review, a letter): the
/// requester, the assigned tutor or the coordinator, while the request is open.
#[utoipa::path(post, path = "/api/v1/requests/{id}/files", tag = "requests", params(("id" = String, Path), UploadParams),
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "The file's bytes; send its real Content-Type"),
    security(("bearer" = [])), responses((status = 201, body = StoredFile), WriteErrors))]
pub async fn add_request_file(
    state: web::Data<AppState>,
    user: AuthUser,
    req: HttpRequest,
    id: web::Path<String>,
    q: web::Query<UploadParams>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    add(
        state,
        user,
        &req,
        (OwnerKind::Request, id.into_inner()),
        q,
        body,
    )
    .await
}

/// Downloads a file, for those who may see the order, session or request it belongs to.
#[utoipa::path(get, path = "/api/v1/files/{id}", tag = "sessions", params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, description = "The file", content_type = "application/octet-stream", body = Vec<u8>), ReadErrors))]
pub async fn download(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> AppResult<HttpResponse> {
    let (name, ct, data) = state
        .db(move |c| crate::features::files::ops::download(c, &user, &id))
        .await?;
    let disposition = header::ContentDisposition {
        disposition: header::DispositionType::Attachment,
        parameters: vec![header::DispositionParam::FilenameExt(
            header::ExtendedValue {
                charset: header::Charset::Ext("UTF-8".into()),
                language_tag: None,
                value: name.into_bytes(),
            },
        )],
    };
    Ok(HttpResponse::Ok()
        .content_type(ct)
        .insert_header(disposition)
        .insert_header(("X-Content-Type-Options", "nosniff"))
        .body(data))
}

/// Removes (archives) a file.
#[utoipa::path(delete, path = "/api/v1/files/{id}", tag = "sessions", params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 204, description = "Файл удалён"), WriteErrors))]
pub async fn archive(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> AppResult<HttpResponse> {
    state
        .tx(move |c| crate::features::files::ops::archive(c, &user, &id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

crate::http::endpoints![
    put_order_file,
    add_session_file,
    add_request_file,
    download,
    archive
];
