//! The `AuthUser` extractor: a Bearer access token, verified, and the caller loaded
//! from the database on every request (a deactivated user's token stops working at once).

use super::jwt::verify_access_token;
use crate::access::AuthUser;
use crate::error::{AppError, AppResult};
use crate::store::schema::users;
use crate::store::stored;
use crate::store::DbConn;
use crate::AppState;
use actix_web::{dev::Payload, web, FromRequest, HttpRequest};
use diesel::prelude::*;
use std::future::Future;
use std::pin::Pin;
use tutornet_domain::permissions::{held_roles, Role};
use tutornet_domain::ProblemCode;

/// The caller behind a token: active, not archived; with every role they hold.
pub fn load(conn: &mut DbConn, id: &str) -> AppResult<Option<AuthUser>> {
    Ok(load_checked(conn, id)?.map(|(u, _)| u))
}

/// The caller and whether they must change an initial password first.
fn load_checked(conn: &mut DbConn, id: &str) -> AppResult<Option<(AuthUser, bool)>> {
    type Row = (
        String,
        String,
        String,
        String,
        Option<String>,
        Option<String>,
        bool,
    );
    let row: Option<Row> = users::table
        .find(id)
        .filter(users::active.eq(true))
        .filter(users::archived_at.is_null())
        .select((
            users::id,
            users::full_name,
            users::role,
            users::region_id,
            users::municipality_id,
            users::school_id,
            users::must_change_password,
        ))
        .first(conn)
        .optional()?;
    let Some((id, full_name, role, region_id, municipality_id, school_id, must_change)) = row
    else {
        return Ok(None);
    };
    let role = stored(&role, "users.role", Role::parse)?;
    Ok(Some((
        AuthUser {
            roles: community_roles(conn, &id, role, municipality_id.as_deref())?,
            role,
            id,
            full_name,
            region_id,
            municipality_id,
            school_id,
        },
        must_change,
    )))
}

/// The main role and those that follow from the composition (`held_roles`): only
/// teachers and school administrators can gain one, so only they are looked up.
pub fn community_roles(
    conn: &mut DbConn,
    id: &str,
    role: Role,
    municipality_id: Option<&str>,
) -> AppResult<Vec<Role>> {
    let member = match (role, municipality_id) {
        (Role::Teacher | Role::SchoolAdmin, Some(m)) => {
            crate::features::composition::ops::is_current_tutor(conn, id, m)?
        }
        _ => false,
    };
    Ok(held_roles(role, member))
}

/// Paths a user with an initial password may still use: signing in and out, their own
/// profile and changing the password.
fn open_before_change(path: &str) -> bool {
    path.starts_with("/api/v1/auth/")
}

fn bearer(req: &HttpRequest) -> AppResult<&str> {
    let h = req
        .headers()
        .get(actix_web::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| AppError::Unauthorized {
            code: ProblemCode::Unauthenticated,
            detail: "Войдите в систему".into(),
            field: None,
        })?;
    h.strip_prefix("Bearer ")
        .or_else(|| h.strip_prefix("bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| AppError::Unauthorized {
            code: ProblemCode::InvalidToken,
            detail: "Заголовок Authorization должен иметь вид «Bearer <токен>»".into(),
            field: None,
        })
}

impl FromRequest for AuthUser {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let token = bearer(req).map(str::to_string);
        let path = req.path().to_string();
        Box::pin(async move {
            let state = state.ok_or_else(|| AppError::Internal("no app state".into()))?;
            let claims = verify_access_token(&state.config.jwt_secret, &token?)?;
            let user = state.db(move |c| load_checked(c, &claims.sub)).await?;
            let (user, must_change) = user.ok_or(AppError::Unauthorized {
                code: ProblemCode::InvalidToken,
                detail: "Учётная запись не найдена или отключена".into(),
                field: None,
            })?;
            if must_change && !open_before_change(&path) {
                return Err(AppError::Forbidden(
                    "Сначала смените начальный пароль: «Профиль» → «Сменить пароль»".into(),
                ));
            }
            Ok(user)
        })
    }
}
