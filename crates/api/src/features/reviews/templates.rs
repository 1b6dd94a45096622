//! Checklist templates per document type, versioned per municipality: version 1 is the
//! seeded default (`tutornet_domain::reviews::default_criteria`); each coordinator's edit
//! stores the next version. A review keeps the checklist it took (its snapshot), so an
//! edit never changes reviews already submitted.

use super::repo;
use super::rows::NewTemplate;
use crate::auth::AuthUser;
use crate::error::{AppError, AppResult};
use crate::store::conn::DbConn;
use crate::store::record::{new_id, now};
use tutornet_domain::audit::{AuditAction, AuditEntity};
use tutornet_domain::permissions::{Action, Resource, Role};
use tutornet_domain::reviews::{default_criteria, DocumentType, ReviewTemplate, TemplateInput};

/// The current template of a type in a municipality.
pub(super) fn current(
    conn: &mut DbConn,
    municipality_id: &str,
    t: DocumentType,
) -> AppResult<ReviewTemplate> {
    let stored = repo::latest_template(conn, municipality_id, t.as_str())?;
    let Some((version, json, at, by)) = stored else {
        return Ok(ReviewTemplate {
            document_type: t,
            document_type_label: t.label_ru().into(),
            version: 1,
            criteria: default_criteria(t),
            updated_at: None,
            updated_by_name: None,
        });
    };
    let criteria = serde_json::from_str(&json)
        .map_err(|e| AppError::Internal(format!("review_templates.criteria: {e}")))?;
    let names = crate::store::names::user_names(conn, by.iter().cloned().collect())?;
    Ok(ReviewTemplate {
        document_type: t,
        document_type_label: t.label_ru().into(),
        version,
        criteria,
        updated_at: Some(at.and_utc()),
        updated_by_name: by.and_then(|b| names.get(&b).cloned()),
    })
}

fn parse_type(s: &str) -> AppResult<DocumentType> {
    DocumentType::parse(s).ok_or_else(|| AppError::NotFound(format!("Нет вида документа «{s}»")))
}

/// The caller's municipality (the templates are the municipality's).
fn municipality(user: &AuthUser) -> AppResult<String> {
    user.municipality_id
        .clone()
        .ok_or_else(|| AppError::Forbidden("Чек-листы экспертизы ведутся в муниципалитете".into()))
}

/// The current template of a type for the caller's municipality.
pub fn get(conn: &mut DbConn, user: &AuthUser, t: &str) -> AppResult<ReviewTemplate> {
    user.reach(Resource::Review, Action::Read)?;
    let t = parse_type(t)?;
    current(conn, &municipality(user)?, t)
}

/// Every current template of the caller's municipality.
pub fn list(conn: &mut DbConn, user: &AuthUser) -> AppResult<Vec<ReviewTemplate>> {
    user.reach(Resource::Review, Action::Read)?;
    let m = municipality(user)?;
    DocumentType::ALL
        .iter()
        .map(|t| current(conn, &m, *t))
        .collect()
}

/// A coordinator's edit: stored as the next version (409 when based on an old one).
pub fn put(
    conn: &mut DbConn,
    user: &AuthUser,
    t: &str,
    input: &TemplateInput,
) -> AppResult<ReviewTemplate> {
    let t = parse_type(t)?;
    if user.role != Role::Coordinator {
        return Err(AppError::Forbidden(
            "Чек-листы экспертизы меняет координатор сообщества".into(),
        ));
    }
    let m = municipality(user)?;
    let before = current(conn, &m, t)?;
    crate::store::record::check_version(Some(input.version), before.version)?;
    input.validate().map_err(AppError::Validation)?;
    let mut criteria = input.criteria.clone();
    for c in &mut criteria {
        c.code = c.code.trim().to_string();
        c.title = c.title.trim().to_string();
    }
    if criteria == before.criteria {
        return Ok(before);
    }
    repo::insert_template(
        conn,
        &NewTemplate {
            id: new_id(),
            municipality_id: &m,
            document_type: t.as_str(),
            version: before.version + 1,
            criteria: serde_json::to_string(&criteria)
                .map_err(|e| AppError::Internal(e.to_string()))?,
            created_at: now(),
            created_by: &user.id,
        },
    )?;
    let after = current(conn, &m, t)?;
    crate::store::audit::record_in_municipality(
        conn,
        user,
        AuditAction::Update,
        AuditEntity::ReviewTemplate,
        t.as_str(),
        &m,
        Some(&before),
        Some(&after),
    )?;
    Ok(after)
}
