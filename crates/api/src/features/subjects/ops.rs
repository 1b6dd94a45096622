//! Subjects (учебные предметы): one dictionary for the whole installation.

use crate::auth::AuthUser;
use crate::error::{AppError, AppResult};
use crate::features::audit::ops as audit;
use crate::set_versioned;
use crate::store::conn::DbConn;
use crate::store::record::meta;
use crate::store::record::new_id;
use crate::store::record::now;
use crate::store::schema::subjects;
use crate::store::{archive_audited, update_audited, Audit};
use diesel::prelude::*;
use tutornet_domain::audit::{AuditAction, AuditEntity};
use tutornet_domain::org::{Subject, SubjectInput, SEED_SUBJECTS};
use tutornet_domain::permissions::{Action, Resource};
use tutornet_domain::text::collation_key;
use tutornet_domain::Page;

#[derive(Queryable, Selectable)]
#[diesel(table_name = subjects)]
pub struct SubjectRow {
    pub id: String,
    pub name: String,
    pub created_at: chrono::NaiveDateTime,
    pub updated_at: chrono::NaiveDateTime,
    pub created_by: Option<String>,
    pub updated_by: Option<String>,
    pub archived_at: Option<chrono::NaiveDateTime>,
    pub version: i32,
}

impl From<SubjectRow> for Subject {
    fn from(r: SubjectRow) -> Subject {
        Subject {
            id: r.id,
            name: r.name,
            meta: meta(
                r.created_at,
                r.updated_at,
                r.created_by,
                r.updated_by,
                r.archived_at,
                r.version,
            ),
        }
    }
}

/// Loads the seed documents' subjects into an empty dictionary.
pub fn seed_reference(conn: &mut DbConn) -> AppResult<()> {
    let n: i64 = subjects::table.count().get_result(conn)?;
    if n > 0 {
        return Ok(());
    }
    for name in SEED_SUBJECTS {
        insert(conn, None, &new_id(), name)?;
    }
    Ok(())
}

fn insert(conn: &mut DbConn, actor: Option<&AuthUser>, id: &str, name: &str) -> AppResult<()> {
    let t = now();
    let who = actor.map(|a| a.id.clone());
    diesel::insert_into(subjects::table)
        .values((
            subjects::id.eq(id),
            subjects::name.eq(name.trim()),
            subjects::name_sort.eq(collation_key(name)),
            subjects::created_at.eq(t),
            subjects::updated_at.eq(t),
            subjects::created_by.eq(&who),
            subjects::updated_by.eq(&who),
            subjects::version.eq(1),
        ))
        .execute(conn)
        .map_err(|e| match AppError::from(e) {
            AppError::Conflict { .. } => {
                AppError::field("name", "already_exists", "Такой предмет уже есть")
            }
            other => other,
        })?;
    Ok(())
}

pub fn list(
    conn: &mut DbConn,
    user: &AuthUser,
    include_archived: bool,
) -> AppResult<Page<Subject>> {
    user.reach(Resource::Subject, Action::Read)?;
    let mut q = subjects::table.into_boxed();
    if !include_archived {
        q = q.filter(subjects::archived_at.is_null());
    }
    let items: Vec<Subject> = q
        .order((subjects::name_sort, subjects::id))
        .select(SubjectRow::as_select())
        .load(conn)?
        .into_iter()
        .map(Subject::from)
        .collect();
    Ok(Page {
        total: items.len() as i64,
        items,
        next_cursor: None,
    })
}

pub fn find(conn: &mut DbConn, id: &str) -> AppResult<Subject> {
    subjects::table
        .find(id)
        .select(SubjectRow::as_select())
        .first(conn)
        .optional()?
        .map(Subject::from)
        .ok_or_else(|| AppError::NotFound("Предмет не найден".into()))
}

pub fn get(conn: &mut DbConn, user: &AuthUser, id: &str) -> AppResult<Subject> {
    user.reach(Resource::Subject, Action::Read)?;
    find(conn, id)
}

fn scope(user: &AuthUser) -> audit::Scope<'_> {
    audit::Scope {
        region_id: Some(&user.region_id),
        municipality_id: None,
    }
}

pub fn create(conn: &mut DbConn, user: &AuthUser, input: &SubjectInput) -> AppResult<Subject> {
    user.reach(Resource::Subject, Action::Create)?;
    input.validate().map_err(AppError::Validation)?;
    let id = new_id();
    insert(conn, Some(user), &id, &input.name)?;
    let after = find(conn, &id)?;
    audit::record(
        conn,
        Some(user),
        AuditAction::Create,
        AuditEntity::Subject,
        &id,
        scope(user),
        None,
        Some(&after),
    )?;
    Ok(after)
}

pub fn update(
    conn: &mut DbConn,
    user: &AuthUser,
    id: &str,
    input: &SubjectInput,
) -> AppResult<Subject> {
    let before = get(conn, user, id)?;
    user.reach(Resource::Subject, Action::Update)?;
    input.validate().map_err(AppError::Validation)?;
    update_audited(
        conn,
        Audit {
            actor: user,
            entity: AuditEntity::Subject,
            id,
            scope: scope(user),
        },
        input.version,
        before.meta.version,
        before.clone(),
        |conn, v| {
            let n = set_versioned!(
                conn,
                subjects,
                id,
                v,
                &user.id,
                (
                    subjects::name.eq(input.name.trim()),
                    subjects::name_sort.eq(collation_key(&input.name)),
                )
            )
            .map_err(|e| match AppError::from(e) {
                AppError::Conflict { .. } => {
                    AppError::field("name", "already_exists", "Такой предмет уже есть")
                }
                other => other,
            })?;
            Ok(n)
        },
        |conn| find(conn, id),
    )
}

pub fn set_archived(
    conn: &mut DbConn,
    user: &AuthUser,
    id: &str,
    archived: bool,
) -> AppResult<Subject> {
    let before = get(conn, user, id)?;
    user.reach(Resource::Subject, Action::Archive)?;
    archive_audited(
        conn,
        Audit {
            actor: user,
            entity: AuditEntity::Subject,
            id,
            scope: scope(user),
        },
        archived,
        before.meta.version,
        before.clone(),
        |conn, v| {
            set_versioned!(
                conn,
                subjects,
                id,
                v,
                &user.id,
                (subjects::archived_at.eq(archived.then(now)),)
            )
        },
        |conn| find(conn, id),
    )
}
