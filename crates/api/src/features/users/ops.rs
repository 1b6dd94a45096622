//! Users: accounts, roles and their place in the organisation.

use crate::auth::{AuthUser, Place, Reach};
use crate::error::{AppError, AppResult};
use crate::features::audit::ops as audit;
use crate::set_versioned;
use crate::store::conn::DbConn;
use crate::store::conn::MultiBackend;
use crate::store::page::like_pattern;
use crate::store::page::Cursor;
use crate::store::record::meta;
use crate::store::record::now;
use crate::store::schema::{municipalities, regions, schools, users};
use crate::store::stored;
use crate::store::{update_audited, Audit};
use diesel::prelude::*;
use tutornet_domain::audit::{AuditAction, AuditEntity};
use tutornet_domain::auth::Me;
use tutornet_domain::permissions::{Action, Resource, Role};
use tutornet_domain::text::{collation_key, search_key};
use tutornet_domain::users::{User, UserCreate, UserFilter, UserUpdate};
use tutornet_domain::Page;
use tutornet_domain::ProblemCode;

#[derive(Queryable, Selectable)]
#[diesel(table_name = users)]
pub struct UserRow {
    pub id: String,
    pub email: String,
    pub full_name: String,
    pub name_sort: String,
    pub role: String,
    pub region_id: String,
    pub municipality_id: Option<String>,
    pub school_id: Option<String>,
    pub position: Option<String>,
    pub active: bool,
    pub last_login_at: Option<chrono::NaiveDateTime>,
    pub created_at: chrono::NaiveDateTime,
    pub updated_at: chrono::NaiveDateTime,
    pub created_by: Option<String>,
    pub updated_by: Option<String>,
    pub archived_at: Option<chrono::NaiveDateTime>,
    pub version: i32,
}

impl TryFrom<UserRow> for User {
    type Error = AppError;

    fn try_from(r: UserRow) -> AppResult<User> {
        Ok(User {
            id: r.id,
            email: r.email,
            full_name: r.full_name,
            role: stored(&r.role, "users.role", Role::parse)?,
            region_id: r.region_id,
            municipality_id: r.municipality_id,
            school_id: r.school_id,
            position: r.position,
            active: r.active,
            last_login_at: r.last_login_at.map(|t| t.and_utc()),
            meta: meta(
                r.created_at,
                r.updated_at,
                r.created_by,
                r.updated_by,
                r.archived_at,
                r.version,
            ),
        })
    }
}

fn place(u: &User) -> Place<'_> {
    Place {
        region_id: &u.region_id,
        municipality_id: u.municipality_id.as_deref(),
        school_id: u.school_id.as_deref(),
        user_id: Some(&u.id),
    }
}

pub fn normalize_email(e: &str) -> String {
    e.trim().to_lowercase()
}

/// (id, password hash, usable) for an e-mail.
pub fn login_lookup(conn: &mut DbConn, email: &str) -> AppResult<Option<(String, String, bool)>> {
    Ok(users::table
        .filter(users::email.eq(normalize_email(email)))
        .select((
            users::id,
            users::password_hash,
            users::active,
            users::archived_at,
        ))
        .first::<(String, String, bool, Option<chrono::NaiveDateTime>)>(conn)
        .optional()?
        .map(|(id, h, active, archived)| (id, h, active && archived.is_none())))
}

pub fn password_hash(conn: &mut DbConn, id: &str) -> AppResult<String> {
    Ok(users::table
        .find(id)
        .select(users::password_hash)
        .first(conn)?)
}

pub fn touch_login(conn: &mut DbConn, id: &str) -> AppResult<()> {
    diesel::update(users::table.find(id))
        .set(users::last_login_at.eq(Some(now())))
        .execute(conn)?;
    Ok(())
}

pub fn me(conn: &mut DbConn, id: &str) -> AppResult<Me> {
    let u = find(conn, id)?;
    let region_name = regions::table
        .find(&u.region_id)
        .select(regions::name)
        .first::<String>(conn)
        .optional()?
        .unwrap_or_default();
    let municipality_name = match &u.municipality_id {
        Some(m) => municipalities::table
            .find(m)
            .select(municipalities::name)
            .first::<String>(conn)
            .optional()?,
        None => None,
    };
    let school_name = match &u.school_id {
        Some(s) => schools::table
            .find(s)
            .select(schools::short_name)
            .first::<String>(conn)
            .optional()?,
        None => None,
    };
    Ok(Me {
        id: u.id,
        email: u.email,
        full_name: u.full_name,
        role: u.role,
        region_id: u.region_id,
        region_name,
        municipality_id: u.municipality_id,
        municipality_name,
        school_id: u.school_id,
        school_name,
        position: u.position,
    })
}

pub fn find(conn: &mut DbConn, id: &str) -> AppResult<User> {
    users::table
        .find(id)
        .select(UserRow::as_select())
        .first(conn)
        .optional()?
        .map(User::try_from)
        .ok_or_else(|| AppError::NotFound("Пользователь не найден".into()))?
}

pub fn get(conn: &mut DbConn, user: &AuthUser, id: &str) -> AppResult<User> {
    let u = find(conn, id)?;
    user.check(Resource::User, Action::Read, &place(&u))?;
    Ok(u)
}

type Boxed<'a> = users::BoxedQuery<'a, MultiBackend>;

fn filtered<'a>(reach: &Reach, f: &UserFilter) -> Boxed<'a> {
    let mut q = users::table.into_boxed();
    q = crate::in_reach!(
        q, reach,
        region: (users::region_id),
        municipality: (users::municipality_id),
        school: (users::school_id),
        own: (users::id),
    );
    q = q.filter(users::archived_at.is_null());
    if let Some(text) = f.q.as_deref().filter(|s| !s.trim().is_empty()) {
        q = q.filter(users::search.like(like_pattern(text)).escape('\\'));
    }
    if let Some(r) = f.role {
        q = q.filter(users::role.eq(r.as_str()));
    }
    if let Some(m) = &f.municipality_id {
        q = q.filter(users::municipality_id.eq(m.clone()));
    }
    if let Some(s) = &f.school_id {
        q = q.filter(users::school_id.eq(s.clone()));
    }
    if let Some(a) = f.active {
        q = q.filter(users::active.eq(a));
    }
    q
}

pub fn list(conn: &mut DbConn, reach: &Reach, f: &UserFilter) -> AppResult<Page<User>> {
    let limit = crate::store::page::page_limit(f.limit)?;
    let desc = crate::store::page::sort_desc(f.sort.as_deref())?;
    let after = f.cursor.as_deref().map(Cursor::decode).transpose()?;
    let total: i64 = filtered(reach, f).count().get_result(conn)?;
    let mut q = filtered(reach, f);
    if let Some(c) = after {
        q = if desc {
            q.filter(
                users::name_sort
                    .lt(c.k.clone())
                    .or(users::name_sort.eq(c.k).and(users::id.lt(c.id))),
            )
        } else {
            q.filter(
                users::name_sort
                    .gt(c.k.clone())
                    .or(users::name_sort.eq(c.k).and(users::id.gt(c.id))),
            )
        };
    }
    q = if desc {
        q.order((users::name_sort.desc(), users::id.desc()))
    } else {
        q.order((users::name_sort.asc(), users::id.asc()))
    };
    let rows: Vec<UserRow> = q.limit(limit + 1).select(UserRow::as_select()).load(conn)?;
    let page = crate::store::page::finish_page(
        rows,
        limit,
        total,
        |r| Cursor {
            k: r.name_sort.clone(),
            id: r.id.clone(),
        },
        |r| r,
    );
    Ok(Page {
        items: page
            .items
            .into_iter()
            .map(User::try_from)
            .collect::<AppResult<_>>()?,
        total: page.total,
        next_cursor: page.next_cursor,
    })
}

/// Resolves and checks the organisation place of a (new or edited) user.
fn resolve_place(
    conn: &mut DbConn,
    actor: Option<&AuthUser>,
    default_region: &str,
    municipality_id: &Option<String>,
    school_id: &Option<String>,
) -> AppResult<(String, Option<String>, Option<String>)> {
    let mut municipality = municipality_id.clone().filter(|s| !s.is_empty());
    let school = school_id.clone().filter(|s| !s.is_empty());
    if let Some(s) = &school {
        let sm: Option<String> = schools::table
            .find(s)
            .filter(schools::archived_at.is_null())
            .select(schools::municipality_id)
            .first(conn)
            .optional()?;
        let sm = sm
            .ok_or_else(|| AppError::field("school_id", "invalid_reference", "Школа не найдена"))?;
        match &municipality {
            Some(m) if *m != sm => {
                return Err(AppError::field(
                    "school_id",
                    "invalid_reference",
                    "Школа относится к другому муниципалитету",
                ))
            }
            _ => municipality = Some(sm),
        }
    }
    let region = match &municipality {
        Some(m) => municipalities::table
            .find(m)
            .select(municipalities::region_id)
            .first::<String>(conn)
            .optional()?
            .ok_or_else(|| {
                AppError::field(
                    "municipality_id",
                    "invalid_reference",
                    "Муниципалитет не найден",
                )
            })?,
        None => default_region.to_string(),
    };
    if let Some(a) = actor {
        let reach = a.reach(Resource::User, Action::Create)?;
        let p = Place {
            region_id: &region,
            municipality_id: municipality.as_deref(),
            school_id: school.as_deref(),
            user_id: None,
        };
        if !reach.covers(&p) {
            return Err(AppError::field(
                "municipality_id",
                "out_of_scope",
                "Можно назначать пользователей только своего муниципалитета",
            ));
        }
    }
    Ok((region, municipality, school))
}

fn role_check(actor: &AuthUser, role: Role) -> AppResult<()> {
    if actor.role.can_assign(role) {
        Ok(())
    } else {
        Err(AppError::field(
            "role",
            "role_not_allowed",
            format!("Вы не можете назначать роль «{}»", role.label_ru()),
        ))
    }
}

fn email_taken(conn: &mut DbConn, email: &str, except: Option<&str>) -> AppResult<()> {
    let mut q = users::table.filter(users::email.eq(email)).into_boxed();
    if let Some(id) = except {
        q = q.filter(users::id.ne(id.to_string()));
    }
    let n: i64 = q.count().get_result(conn)?;
    if n > 0 {
        Err(AppError::field(
            "email",
            "already_exists",
            "Пользователь с таким адресом уже есть",
        ))
    } else {
        Ok(())
    }
}

/// Creates a user; `password_hash` is computed by the caller outside the transaction.
/// `default_region` places users without a municipality (admins, regional observers).
pub fn create(
    conn: &mut DbConn,
    actor: Option<&AuthUser>,
    default_region: &str,
    id: &str,
    input: &UserCreate,
    password_hash: &str,
) -> AppResult<User> {
    if let Some(a) = actor {
        a.reach(Resource::User, Action::Create)?;
    }
    input.validate().map_err(AppError::Validation)?;
    let role = input.role.unwrap_or(Role::Observer);
    if let Some(a) = actor {
        role_check(a, role)?;
    }
    let (region, municipality, school) = resolve_place(
        conn,
        actor,
        default_region,
        &input.municipality_id,
        &input.school_id,
    )?;
    let email = normalize_email(&input.email);
    email_taken(conn, &email, None)?;
    let t = now();
    let who = actor.map(|a| a.id.clone());
    diesel::insert_into(users::table)
        .values((
            users::id.eq(id),
            users::email.eq(&email),
            users::full_name.eq(input.full_name.trim()),
            users::name_sort.eq(collation_key(&input.full_name)),
            users::search.eq(search_key(&format!("{} {}", input.full_name, email))),
            users::role.eq(role.as_str()),
            users::region_id.eq(&region),
            users::municipality_id.eq(&municipality),
            users::school_id.eq(&school),
            users::position.eq(crate::features::schools::ops::clean(&input.position)),
            users::password_hash.eq(password_hash),
            users::active.eq(true),
            users::created_at.eq(t),
            users::updated_at.eq(t),
            users::created_by.eq(&who),
            users::updated_by.eq(&who),
            users::version.eq(1),
        ))
        .execute(conn)?;
    let after = find(conn, id)?;
    let scope = audit::Scope {
        region_id: Some(&region),
        municipality_id: municipality.as_deref(),
    };
    audit::record(
        conn,
        actor,
        AuditAction::Create,
        AuditEntity::User,
        id,
        scope,
        None,
        Some(&after),
    )?;
    Ok(after)
}

pub fn update(
    conn: &mut DbConn,
    actor: &AuthUser,
    id: &str,
    input: &UserUpdate,
) -> AppResult<User> {
    let before = find(conn, id)?;
    actor.check(Resource::User, Action::Update, &place(&before))?;
    role_check(actor, before.role)?;
    role_check(actor, input.role)?;
    input.validate().map_err(AppError::Validation)?;
    if id == actor.id && (!input.active || input.role != before.role) {
        return Err(AppError::field(
            "active",
            "self_lockout",
            "Нельзя отключить себя или сменить себе роль",
        ));
    }
    let (region, municipality, school) = resolve_place(
        conn,
        Some(actor),
        &actor.region_id,
        &input.municipality_id,
        &input.school_id,
    )?;
    let email = normalize_email(&input.email);
    email_taken(conn, &email, Some(id))?;
    update_audited(
        conn,
        Audit {
            actor,
            entity: AuditEntity::User,
            id,
            scope: crate::store::audit::Scope {
                region_id: Some(&region),
                municipality_id: municipality.as_deref(),
            },
        },
        Some(input.version),
        before.meta.version,
        before.clone(),
        |conn, v| {
            let n = set_versioned!(
                conn,
                users,
                id,
                v,
                &actor.id,
                (
                    users::email.eq(&email),
                    users::full_name.eq(input.full_name.trim()),
                    users::name_sort.eq(collation_key(&input.full_name)),
                    users::search.eq(search_key(&format!("{} {}", input.full_name, email))),
                    users::role.eq(input.role.as_str()),
                    users::region_id.eq(&region),
                    users::municipality_id.eq(&municipality),
                    users::school_id.eq(&school),
                    users::position.eq(crate::features::schools::ops::clean(&input.position)),
                    users::active.eq(input.active),
                )
            )?;
            if !input.active {
                crate::auth::refresh_tokens::revoke_user(conn, id)?;
            }
            Ok(n)
        },
        |conn| find(conn, id),
    )
}

/// Archives a user: deactivated, sessions revoked, hidden from lists, history kept.
pub fn archive(conn: &mut DbConn, actor: &AuthUser, id: &str) -> AppResult<User> {
    let before = find(conn, id)?;
    actor.check(Resource::User, Action::Archive, &place(&before))?;
    role_check(actor, before.role)?;
    if id == actor.id {
        return Err(AppError::Conflict {
            code: ProblemCode::SelfLockout,
            detail: "Нельзя архивировать собственную учётную запись".into(),
        });
    }
    if set_versioned!(
        conn,
        users,
        id,
        before.meta.version,
        &actor.id,
        (users::active.eq(false), users::archived_at.eq(Some(now())),)
    )? == 0
    {
        return Err(AppError::version_conflict(before.meta.version + 1));
    }
    crate::auth::refresh_tokens::revoke_user(conn, id)?;
    let after = find(conn, id)?;
    let scope = audit::Scope {
        region_id: Some(&before.region_id),
        municipality_id: before.municipality_id.as_deref(),
    };
    audit::record(
        conn,
        Some(actor),
        AuditAction::Archive,
        AuditEntity::User,
        id,
        scope,
        Some(&before),
        Some(&after),
    )?;
    Ok(after)
}

/// Sets a password hash (reset by an admin/coordinator, or the user's own change) and
/// signs the user out everywhere.
pub fn set_password(
    conn: &mut DbConn,
    actor: &AuthUser,
    id: &str,
    hash: &str,
    action: AuditAction,
) -> AppResult<()> {
    let before = find(conn, id)?;
    if actor.id != id {
        actor.check(Resource::User, Action::Update, &place(&before))?;
        role_check(actor, before.role)?;
    }
    diesel::update(users::table.find(id))
        .set((
            users::password_hash.eq(hash),
            users::updated_at.eq(now()),
            users::updated_by.eq(&actor.id),
        ))
        .execute(conn)?;
    crate::auth::refresh_tokens::revoke_user(conn, id)?;
    let scope = audit::Scope {
        region_id: Some(&before.region_id),
        municipality_id: before.municipality_id.as_deref(),
    };
    audit::record::<(), _>(
        conn,
        Some(actor),
        action,
        AuditEntity::User,
        id,
        scope,
        None,
        None,
    )
}
