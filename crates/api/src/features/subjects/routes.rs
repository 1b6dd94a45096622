use crate::auth::AuthUser;
use crate::error::AppResult;
use crate::http::{created, ArchivedParam};
use crate::openapi::{ReadErrors, WriteErrors};
use crate::AppState;
use actix_web::{web, HttpResponse};
use tutornet_domain::org::{Subject, SubjectInput};
use tutornet_domain::Page;

/// Subjects, in Russian alphabetical order.
#[utoipa::path(get, path = "/api/v1/subjects", tag = "subjects", params(ArchivedParam), security(("bearer" = [])),
    responses((status = 200, body = Page<Subject>), ReadErrors))]
pub async fn list(
    state: web::Data<AppState>,
    user: AuthUser,
    q: web::Query<ArchivedParam>,
) -> AppResult<web::Json<Page<Subject>>> {
    let archived = q.include_archived.unwrap_or(false);
    state
        .db_json(move |c| crate::features::subjects::ops::list(c, &user, archived))
        .await
}

#[utoipa::path(post, path = "/api/v1/subjects", tag = "subjects", request_body = SubjectInput, security(("bearer" = [])),
    responses((status = 201, body = Subject), WriteErrors))]
pub async fn create(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<SubjectInput>,
) -> AppResult<HttpResponse> {
    let s = state
        .tx(move |c| crate::features::subjects::ops::create(c, &user, &body))
        .await?;
    Ok(created(format!("/api/v1/subjects/{}", s.id), &s))
}

#[utoipa::path(get, path = "/api/v1/subjects/{id}", tag = "subjects", params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = Subject), ReadErrors))]
pub async fn get(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> AppResult<web::Json<Subject>> {
    state
        .db_json(move |c| crate::features::subjects::ops::get(c, &user, &id))
        .await
}

#[utoipa::path(put, path = "/api/v1/subjects/{id}", tag = "subjects", params(("id" = String, Path)), request_body = SubjectInput,
    security(("bearer" = [])), responses((status = 200, body = Subject), WriteErrors))]
pub async fn update(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    body: web::Json<SubjectInput>,
) -> AppResult<web::Json<Subject>> {
    state
        .tx_json(move |c| crate::features::subjects::ops::update(c, &user, &id, &body))
        .await
}

#[utoipa::path(delete, path = "/api/v1/subjects/{id}", tag = "subjects", params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = Subject), WriteErrors))]
pub async fn archive(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> AppResult<web::Json<Subject>> {
    state
        .tx_json(move |c| crate::features::subjects::ops::set_archived(c, &user, &id, true))
        .await
}

crate::http::endpoints![list, create, get, update, archive];
