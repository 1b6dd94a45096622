use crate::auth::{hash_password, AuthUser};
use crate::error::{AppError, AppResult};
use crate::http::created;
use crate::openapi::{ReadErrors, WriteErrors};
use crate::AppState;
use actix_web::{web, HttpResponse};
use tutornet_domain::audit::AuditAction;
use tutornet_domain::permissions::{Action, Resource};
use tutornet_domain::users::{PasswordReset, User, UserCreate, UserFilter, UserUpdate};
use tutornet_domain::Page;

/// Users in the caller's scope (admin: region, coordinator: municipality, school
/// administrator: school; others only themselves), Russian alphabetical order.
#[utoipa::path(get, path = "/api/v1/users", tag = "users", params(UserFilter), security(("bearer" = [])),
    responses((status = 200, body = Page<User>), ReadErrors))]
pub async fn list(
    state: web::Data<AppState>,
    user: AuthUser,
    q: web::Query<UserFilter>,
) -> AppResult<web::Json<Page<User>>> {
    let reach = user.reach(Resource::User, Action::Read)?;
    state
        .db_json(move |c| crate::features::users::repo::list(c, &reach, &q))
        .await
}

/// Creates a user with an initial password (admins any role; coordinators any role but
/// admin, in their municipality).
#[utoipa::path(post, path = "/api/v1/users", tag = "users", request_body = UserCreate, security(("bearer" = [])),
    responses((status = 201, body = User), WriteErrors))]
pub async fn create(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<UserCreate>,
) -> AppResult<HttpResponse> {
    user.reach(Resource::User, Action::Create)?;
    body.validate().map_err(AppError::Validation)?;
    let hash = web::block({
        let p = body.password.clone();
        move || hash_password(&p)
    })
    .await??;
    let u = state
        .tx(move |c| {
            crate::features::users::rules::create(
                c,
                Some(&user),
                &user.region_id,
                &crate::store::record::new_id(),
                &body,
                &hash,
            )
        })
        .await?;
    Ok(created(format!("/api/v1/users/{}", u.id), &u))
}

#[utoipa::path(get, path = "/api/v1/users/{id}", tag = "users", params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = User), ReadErrors))]
pub async fn get(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> AppResult<web::Json<User>> {
    state
        .db_json(move |c| crate::features::users::repo::get(c, &user, &id))
        .await
}

/// Edits a user: name, e-mail, role, place, `active` (false deactivates and signs out).
#[utoipa::path(put, path = "/api/v1/users/{id}", tag = "users", params(("id" = String, Path)), request_body = UserUpdate,
    security(("bearer" = [])), responses((status = 200, body = User), WriteErrors))]
pub async fn update(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    body: web::Json<UserUpdate>,
) -> AppResult<web::Json<User>> {
    state
        .tx_json(move |c| crate::features::users::rules::update(c, &user, &id, &body))
        .await
}

/// Archives a user: deactivated, signed out, hidden from lists; history is kept.
#[utoipa::path(delete, path = "/api/v1/users/{id}", tag = "users", params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = User), WriteErrors))]
pub async fn archive(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> AppResult<web::Json<User>> {
    state
        .tx_json(move |c| crate::features::users::rules::archive(c, &user, &id))
        .await
}

/// Sets a new password for a user (admin/coordinator) and signs them out everywhere.
#[utoipa::path(post, path = "/api/v1/users/{id}/password", tag = "users", params(("id" = String, Path)), request_body = PasswordReset,
    security(("bearer" = [])), responses((status = 204, description = "Пароль изменён"), WriteErrors))]
pub async fn reset_password(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    body: web::Json<PasswordReset>,
) -> AppResult<HttpResponse> {
    body.validate().map_err(AppError::Validation)?;
    // Check permission before spending time on hashing.
    let (u2, id2) = (user.clone(), id.clone());
    state
        .db(move |c| {
            let target = crate::features::users::repo::find(c, &id2)?;
            let _ = crate::features::users::repo::get(c, &u2, &target.id)?;
            if u2.try_reach(Resource::User, Action::Update).is_none() {
                return Err(AppError::forbidden());
            }
            Ok(())
        })
        .await?;
    let hash = web::block(move || hash_password(&body.new_password)).await??;
    state
        .tx(move |c| {
            crate::features::users::rules::set_password(
                c,
                &user,
                &id,
                &hash,
                AuditAction::PasswordReset,
            )
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

crate::http::endpoints![list, create, get, update, archive, reset_password];
