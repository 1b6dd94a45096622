//! Operations on users: create, edit, archive, set a password — validated, authorised
//! per object (place and assignable roles), written versioned and audited.

use super::repo::{email_taken, find, normalize_email, place};
use crate::auth::{AuthUser, Place};
use crate::error::{AppError, AppResult};
use crate::store::audit::Scope;
use crate::store::conn::DbConn;
use crate::store::record::now;
use crate::store::schema::{municipalities, schools, users};
use crate::store::{update_audited, Audit};
use crate::{new_bookkeeping, set_versioned};
use diesel::prelude::*;
use tutornet_domain::audit::{AuditAction, AuditEntity};
use tutornet_domain::permissions::{Action, Resource, Role};
use tutornet_domain::text::{collation_key, search_key};
use tutornet_domain::users::{User, UserCreate, UserUpdate};
use tutornet_domain::ProblemCode;

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

pub(crate) fn role_check(actor: &AuthUser, role: Role) -> AppResult<()> {
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
            users::position.eq(tutornet_domain::text::clean(&input.position)),
            users::password_hash.eq(password_hash),
            users::active.eq(true),
            new_bookkeeping!(users, actor.map(|a| a.id.clone())),
        ))
        .execute(conn)
        .map_err(crate::store::record::taken(
            "email",
            "Пользователь с таким адресом уже есть",
        ))?;
    let after = find(conn, id)?;
    let scope = scope(&region, municipality.as_deref());
    crate::store::audit::created(conn, actor, AuditEntity::User, id, scope, &after)?;
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
        Audit::new(
            actor,
            AuditEntity::User,
            id,
            scope(&region, municipality.as_deref()),
        ),
        Some(input.version),
        before.meta.version,
        before.clone(),
        |conn, v| {
            let fields = (
                users::email.eq(&email),
                users::full_name.eq(input.full_name.trim()),
                users::name_sort.eq(collation_key(&input.full_name)),
                users::search.eq(search_key(&format!("{} {}", input.full_name, email))),
                users::role.eq(input.role.as_str()),
                users::region_id.eq(&region),
                users::municipality_id.eq(&municipality),
                users::school_id.eq(&school),
                users::position.eq(tutornet_domain::text::clean(&input.position)),
                users::active.eq(input.active),
            );
            let n = set_versioned!(conn, users, id, v, &actor.id, (fields,))?;
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
    let audit = Audit::new(
        actor,
        AuditEntity::User,
        id,
        scope(&before.region_id, before.municipality_id.as_deref()),
    );
    let after = crate::store::archive_audited(
        conn,
        audit,
        true,
        before.meta.version,
        before.clone(),
        |conn, v| {
            let off = (users::active.eq(false), users::archived_at.eq(Some(now())));
            set_versioned!(conn, users, id, v, &actor.id, (off,))
        },
        |conn| find(conn, id),
    )?;
    crate::auth::refresh_tokens::revoke_user(conn, id)?;
    Ok(after)
}

/// The user `id` if `actor` may edit them (read scope 404, else place and role 403).
pub fn editable(conn: &mut DbConn, actor: &AuthUser, id: &str) -> AppResult<User> {
    let u = find(conn, id)?;
    actor.check(Resource::User, Action::Update, &place(&u))?;
    role_check(actor, u.role)?;
    Ok(u)
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
    let before = if actor.id != id {
        editable(conn, actor, id)?
    } else {
        find(conn, id)?
    };
    diesel::update(users::table.find(id))
        .set((
            users::password_hash.eq(hash),
            users::updated_at.eq(now()),
            users::updated_by.eq(&actor.id),
        ))
        .execute(conn)?;
    if actor.id == id {
        // A password the user chose themselves (own change or a link) ends an initial one.
        diesel::update(users::table.find(id))
            .set(users::must_change_password.eq(false))
            .execute(conn)?;
    }
    crate::auth::refresh_tokens::revoke_user(conn, id)?;
    crate::store::audit::record::<(), _>(
        conn,
        Some(actor),
        action,
        AuditEntity::User,
        id,
        scope(&before.region_id, before.municipality_id.as_deref()),
        None,
        None,
    )
}

/// Marks the user's password as an initial one (from a printed list): they must change
/// it before anything else.
pub fn require_password_change(conn: &mut DbConn, id: &str) -> AppResult<()> {
    diesel::update(users::table.find(id))
        .set(users::must_change_password.eq(true))
        .execute(conn)?;
    Ok(())
}

pub fn scope<'a>(region: &'a str, municipality: Option<&'a str>) -> Scope<'a> {
    Scope {
        region_id: Some(region),
        municipality_id: municipality,
    }
}
