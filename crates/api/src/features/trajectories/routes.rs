//! Individual educational trajectories (ИОМ): list, card, drawing up and editing, steps,
//! their completion with evidence, the workflow and the printable table.

use super::{document, rules, steps};
use crate::auth::AuthUser;
use crate::docs::{self, DOCX_TYPE};
use crate::error::AppResult;
use crate::features::composition::routes::BinaryFile;
use crate::http::{created, file};
use crate::openapi::{ReadErrors, WriteErrors};
use crate::AppState;
use actix_web::{web, HttpResponse};
use tutornet_domain::growth::trajectories::{
    StepCompletion, StepInput, Trajectory, TrajectoryFilter, TrajectoryInput, TrajectorySummary,
    TrajectoryTransition, VersionQuery,
};
use tutornet_domain::Page;

/// Trajectories in the caller's reach (a teacher: their own; a tutor: those they lead;
/// a school: its people's; the municipality: all), newest first, with progress.
#[utoipa::path(get, path = "/api/v1/trajectories", tag = "trajectories", params(TrajectoryFilter), security(("bearer" = [])),
    responses((status = 200, body = Page<TrajectorySummary>), ReadErrors))]
pub async fn list(
    state: web::Data<AppState>,
    user: AuthUser,
    q: web::Query<TrajectoryFilter>,
) -> AppResult<web::Json<Page<TrajectorySummary>>> {
    state.db_json(move |c| rules::list(c, &user, &q)).await
}

/// Draws up a trajectory for a teacher or leader (their mentor — by default the calling
/// tutor — or the municipality's coordinator); the scores «before» come from diagnostics.
#[utoipa::path(post, path = "/api/v1/trajectories", tag = "trajectories", request_body = TrajectoryInput, security(("bearer" = [])),
    responses((status = 201, body = Trajectory), WriteErrors))]
pub async fn create(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<TrajectoryInput>,
) -> AppResult<HttpResponse> {
    let t = state.tx(move |c| rules::create(c, &user, &body)).await?;
    Ok(created(format!("/api/v1/trajectories/{}", t.id), &t))
}

/// One trajectory with its deficits (before/after), steps, evidence and progress.
#[utoipa::path(get, path = "/api/v1/trajectories/{id}", tag = "trajectories", params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = Trajectory), ReadErrors))]
pub async fn get(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> AppResult<web::Json<Trajectory>> {
    state.db_json(move |c| rules::get(c, &user, &id)).await
}

/// Changes the title, mentor and deficits (`version` required; a draft's agreements are withdrawn).
#[utoipa::path(put, path = "/api/v1/trajectories/{id}", tag = "trajectories", params(("id" = String, Path)), request_body = TrajectoryInput,
    security(("bearer" = [])), responses((status = 200, body = Trajectory), WriteErrors))]
pub async fn update(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    body: web::Json<TrajectoryInput>,
) -> AppResult<web::Json<Trajectory>> {
    state
        .tx_json(move |c| rules::update(c, &user, &id, &body))
        .await
}

/// Agree (the learner and the mentor each; both make it agreed), complete (every step
/// done) or reopen; 409 `invalid_transition` with the reason otherwise.
#[utoipa::path(post, path = "/api/v1/trajectories/{id}/transitions", tag = "trajectories", params(("id" = String, Path)), request_body = TrajectoryTransition,
    security(("bearer" = [])), responses((status = 200, body = Trajectory), WriteErrors))]
pub async fn transition(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    body: web::Json<TrajectoryTransition>,
) -> AppResult<web::Json<Trajectory>> {
    state
        .tx_json(move |c| rules::transition(c, &user, &id, &body))
        .await
}

/// Adds a step (the mentor or the coordinator).
#[utoipa::path(post, path = "/api/v1/trajectories/{id}/steps", tag = "trajectories", params(("id" = String, Path)), request_body = StepInput,
    security(("bearer" = [])), responses((status = 200, body = Trajectory), WriteErrors))]
pub async fn add_step(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    body: web::Json<StepInput>,
) -> AppResult<web::Json<Trajectory>> {
    state
        .tx_json(move |c| steps::add(c, &user, &id, &body))
        .await
}

/// Changes a step.
#[utoipa::path(put, path = "/api/v1/trajectories/{id}/steps/{step_id}", tag = "trajectories", params(("id" = String, Path), ("step_id" = String, Path)),
    request_body = StepInput, security(("bearer" = [])), responses((status = 200, body = Trajectory), WriteErrors))]
pub async fn update_step(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<(String, String)>,
    body: web::Json<StepInput>,
) -> AppResult<web::Json<Trajectory>> {
    state
        .tx_json(move |c| steps::update(c, &user, &path.0, &path.1, &body))
        .await
}

/// Removes a step (`?version=` the trajectory's current one).
#[utoipa::path(delete, path = "/api/v1/trajectories/{id}/steps/{step_id}", tag = "trajectories", params(("id" = String, Path), ("step_id" = String, Path), VersionQuery),
    security(("bearer" = [])), responses((status = 200, body = Trajectory), WriteErrors))]
pub async fn remove_step(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<(String, String)>,
    q: web::Query<VersionQuery>,
) -> AppResult<web::Json<Trajectory>> {
    state
        .tx_json(move |c| steps::remove(c, &user, &path.0, &path.1, q.version))
        .await
}

/// Marks a step done with its evidence: a held session the learner attended (checked),
/// or a description. The learner, the mentor or the coordinator.
#[utoipa::path(post, path = "/api/v1/trajectories/{id}/steps/{step_id}/completion", tag = "trajectories", params(("id" = String, Path), ("step_id" = String, Path)),
    request_body = StepCompletion, security(("bearer" = [])), responses((status = 200, body = Trajectory), WriteErrors))]
pub async fn complete_step(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<(String, String)>,
    body: web::Json<StepCompletion>,
) -> AppResult<web::Json<Trajectory>> {
    state
        .tx_json(move |c| steps::complete(c, &user, &path.0, &path.1, &body))
        .await
}

/// The ИОМ as a Word table (дефицит · задача · мероприятия · сроки · продукт · отметка).
#[utoipa::path(get, path = "/api/v1/trajectories/{id}/document.docx", tag = "trajectories", params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, description = "Документ DOCX", content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document", body = BinaryFile), ReadErrors))]
pub async fn document_docx(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> AppResult<HttpResponse> {
    let t = state.db(move |c| rules::get(c, &user, &id)).await?;
    let bytes = docs::docx::to_docx(&document::table(&t))?;
    Ok(file(bytes, DOCX_TYPE, format!("ИОМ {}.docx", t.full_name)))
}

crate::http::endpoints![
    list,
    create,
    get,
    update,
    transition,
    add_step,
    update_step,
    remove_step,
    complete_step,
    document_docx
];
