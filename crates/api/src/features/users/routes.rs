use crate::auth::{hash_password, AuthUser, NO_PASSWORD};
use crate::error::{AppError, AppResult};
use crate::features::accounts::rules::LinkConfig;
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

/// Creates a user (admins any role; coordinators any role but admin, in their
/// municipality) with an initial password, or without one: then the user is invited by
/// e-mail at once (as by `POST /users/{id}/invitation`) and cannot log in until they set
/// a password from the link.
#[utoipa::path(post, path = "/api/v1/users", tag = "users", request_body = UserCreate, security(("bearer" = [])),
    responses((status = 201, body = User), WriteErrors))]
pub async fn create(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<UserCreate>,
) -> AppResult<HttpResponse> {
    user.reach(Resource::User, Action::Create)?;
    body.validate().map_err(AppError::Validation)?;
    let hash = match body.password.clone() {
        Some(p) => web::block(move || hash_password(&p)).await??,
        None => NO_PASSWORD.to_string(),
    };
    let links = LinkConfig::invite(&state.config);
    let u = state
        .tx(move |c| {
            let id = crate::store::record::new_id();
            let u = crate::features::users::rules::create(
                c,
                Some(&user),
                &user.region_id,
                &id,
                &body,
                &hash,
            )?;
            if body.password.is_none() {
                crate::features::accounts::rules::invite(c, &user, &id, &links)?;
            }
            Ok(u)
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
