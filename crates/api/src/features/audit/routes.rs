use crate::auth::AuthUser;
use crate::error::AppResult;
use crate::AppState;
use actix_web::web;
use tutornet_domain::audit::{AuditEntry, AuditFilter};
use tutornet_domain::permissions::{Action, Resource};
use tutornet_domain::Page;

/// The audit log of writes in the caller's scope, newest first (admins: region,
/// coordinators: municipality).
#[utoipa::path(get, path = "/api/v1/audit", tag = "audit", params(AuditFilter), security(("bearer" = [])),
    responses((status = 200, body = Page<AuditEntry>), crate::openapi::ReadErrors))]
pub async fn list(
    state: web::Data<AppState>,
    user: AuthUser,
    q: web::Query<AuditFilter>,
) -> AppResult<web::Json<Page<AuditEntry>>> {
    let reach = user.reach(Resource::Audit, Action::Read)?;
    state
        .db_json(move |c| crate::features::audit::ops::list(c, &reach, &q))
        .await
}

crate::http::endpoints![list];
