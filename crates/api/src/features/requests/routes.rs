use crate::auth::AuthUser;
use crate::error::AppResult;
use crate::http::created;
use crate::openapi::{ReadErrors, WriteErrors};
use crate::AppState;
use actix_web::{web, HttpResponse};
use tutornet_domain::community::{
    Request, RequestDetail, RequestFilter, RequestInput, RequestTransition, TutorSuggestion,
};
use tutornet_domain::Page;

/// Requests in the caller's scope, newest first (coordinator: municipality; school
/// administrator: school; teacher: filed by them; tutor: assigned to them).
#[utoipa::path(get, path = "/api/v1/requests", tag = "requests", params(RequestFilter), security(("bearer" = [])),
    responses((status = 200, body = Page<Request>), ReadErrors))]
pub async fn list(
    state: web::Data<AppState>,
    user: AuthUser,
    q: web::Query<RequestFilter>,
) -> AppResult<web::Json<Page<Request>>> {
    state
        .db_json(move |c| crate::features::requests::ops::list(c, &user, &q))
        .await
}

/// Files a request (teacher for themselves, school administration for the school).
#[utoipa::path(post, path = "/api/v1/requests", tag = "requests", request_body = RequestInput, security(("bearer" = [])),
    responses((status = 201, body = Request), WriteErrors))]
pub async fn create(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<RequestInput>,
) -> AppResult<HttpResponse> {
    let r = state
        .tx(move |c| crate::features::requests::ops::create(c, &user, &body))
        .await?;
    Ok(created(format!("/api/v1/requests/{}", r.id), &r))
}

/// A request with its full history and the actions the caller may take.
#[utoipa::path(get, path = "/api/v1/requests/{id}", tag = "requests", params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = RequestDetail), ReadErrors))]
pub async fn get(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> AppResult<web::Json<RequestDetail>> {
    state
        .db_json(move |c| crate::features::requests::ops::detail(c, &user, &id))
        .await
}

/// A workflow step: ask_info, answer, accept (assign a tutor), schedule, complete,
/// decline (reason), cancel. An illegal step is 409 naming the allowed ones.
#[utoipa::path(post, path = "/api/v1/requests/{id}/transitions", tag = "requests", params(("id" = String, Path)), request_body = RequestTransition,
    security(("bearer" = [])), responses((status = 200, body = RequestDetail), WriteErrors))]
pub async fn transition(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    body: web::Json<RequestTransition>,
) -> AppResult<web::Json<RequestDetail>> {
    state
        .tx_json(move |c| crate::features::requests::ops::transition(c, &user, &id, &body))
        .await
}

/// Tutors of the current composition ranked for the request (subject, attachment,
/// load, feedback); tutors of the requester's own school come last, flagged.
#[utoipa::path(get, path = "/api/v1/requests/{id}/tutor-suggestions", tag = "requests", params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = Vec<TutorSuggestion>), ReadErrors))]
pub async fn suggestions(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> AppResult<web::Json<Vec<TutorSuggestion>>> {
    state
        .db_json(move |c| crate::features::requests::ops::suggestions(c, &user, &id))
        .await
}

crate::http::endpoints![list, create, get, transition, suggestions];
