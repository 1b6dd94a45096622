//! Subjects (учебные предметы): one dictionary for the whole installation.

use crate::auth::AuthUser;
use crate::error::{AppError, AppResult};
use crate::store::audit::Scope;
use crate::store::conn::DbConn;
use crate::store::record::{new_id, taken, Found};
use crate::store::schema::subjects;
use crate::store::{update_audited, Audit};
use crate::{archive_versioned, bookkeeping, new_bookkeeping, set_versioned};
use diesel::prelude::*;
use tutornet_domain::audit::AuditEntity;
use tutornet_domain::org::{Subject, SubjectInput, SEED_SUBJECTS};
use tutornet_domain::permissions::{Action, Resource};
use tutornet_domain::text::collation_key;
use tutornet_domain::Page;

const TAKEN: &str = "Такой предмет уже есть";

bookkeeping!(SubjectBook, subjects);

#[derive(Queryable, Selectable)]
#[diesel(table_name = subjects)]
pub struct SubjectRow {
    pub id: String,
    pub name: String,
    #[diesel(embed)]
    pub book: SubjectBook,
}

impl From<SubjectRow> for Subject {
    fn from(r: SubjectRow) -> Subject {
        Subject {
            id: r.id,
            name: r.name,
            meta: r.book.into(),
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
    diesel::insert_into(subjects::table)
        .values((
            subjects::id.eq(id),
            subjects::name.eq(name.trim()),
            subjects::name_sort.eq(collation_key(name)),
            new_bookkeeping!(subjects, actor.map(|a| a.id.clone())),
        ))
        .execute(conn)
        .map_err(taken("name", TAKEN))?;
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
    let rows = q
        .order((subjects::name_sort, subjects::id))
        .select(SubjectRow::as_select())
        .load(conn)?;
    Ok(Page::whole(rows))
}

pub fn find(conn: &mut DbConn, id: &str) -> AppResult<Subject> {
    subjects::table
        .find(id)
        .select(SubjectRow::as_select())
        .first(conn)
        .found("Предмет не найден")
}

pub fn get(conn: &mut DbConn, user: &AuthUser, id: &str) -> AppResult<Subject> {
    user.reach(Resource::Subject, Action::Read)?;
    find(conn, id)
}

fn audit<'a>(user: &'a AuthUser, id: &'a str) -> Audit<'a> {
    Audit::new(
        user,
        AuditEntity::Subject,
        id,
        Scope::region(&user.region_id),
    )
}

pub fn create(conn: &mut DbConn, user: &AuthUser, input: &SubjectInput) -> AppResult<Subject> {
    user.reach(Resource::Subject, Action::Create)?;
    input.validate().map_err(AppError::Validation)?;
    let id = new_id();
    insert(conn, Some(user), &id, &input.name)?;
    let after = find(conn, &id)?;
    audit(user, &id).created(conn, &after)?;
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
        audit(user, id),
        input.version,
        before.meta.version,
        before.clone(),
        |conn, v| {
            let names = (
                subjects::name.eq(input.name.trim()),
                subjects::name_sort.eq(collation_key(&input.name)),
            );
            set_versioned!(conn, subjects, id, v, &user.id, (names,)).map_err(taken("name", TAKEN))
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
    archive_versioned!(conn, subjects, audit(user, id), archived, before, |conn| {
        find(conn, id)
    })
}
