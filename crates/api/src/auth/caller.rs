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
use tutornet_domain::permissions::Role;
use tutornet_domain::ProblemCode;

/// The caller behind a token: active, not archived.
pub fn load(conn: &mut DbConn, id: &str) -> AppResult<Option<AuthUser>> {
    type Row = (
        String,
        String,
        String,
        String,
        Option<String>,
        Option<String>,
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
        ))
        .first(conn)
        .optional()?;
    row.map(
        |(id, full_name, role, region_id, municipality_id, school_id)| {
            Ok(AuthUser {
                role: stored(&role, "users.role", Role::parse)?,
                id,
                full_name,
                region_id,
                municipality_id,
                school_id,
            })
        },
    )
    .transpose()
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
        Box::pin(async move {
            let state = state.ok_or_else(|| AppError::Internal("no app state".into()))?;
            let claims = verify_access_token(&state.config.jwt_secret, &token?)?;
            let user = state.db(move |c| load(c, &claims.sub)).await?;
            user.ok_or(AppError::Unauthorized {
                code: ProblemCode::InvalidToken,
                detail: "Учётная запись не найдена или отключена".into(),
                field: None,
            })
        })
    }
}
