//! Queries of users: lookups for sign-in, the caller's profile, one user, lists.

use super::rows::UserRow;
use crate::auth::{AuthUser, Place, Reach};
use crate::error::{AppError, AppResult};
use crate::store::conn::DbConn;
use crate::store::conn::MultiBackend;
use crate::store::page::{like_pattern, page_limit, sort_desc, Cursor};
use crate::store::record::{now, Found};
use crate::store::schema::{municipalities, regions, schools, users};
use diesel::prelude::*;
use tutornet_domain::auth::Me;
use tutornet_domain::permissions::{Action, Resource};
use tutornet_domain::users::{User, UserFilter};
use tutornet_domain::Page;

pub(super) fn place(u: &User) -> Place<'_> {
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
    let time_zone = crate::store::zone::of_user(conn, &u.id)?.name().to_string();
    let roles =
        crate::auth::caller::community_roles(conn, &u.id, u.role, u.municipality_id.as_deref())?;
    let must_change_password = users::table
        .find(&u.id)
        .select(users::must_change_password)
        .first(conn)?;
    Ok(Me {
        time_zone,
        roles,
        must_change_password,
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
        .found::<UserRow>("Пользователь не найден")?
        .try_into()
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
    let limit = page_limit(f.limit)?;
    let desc = sort_desc(f.sort.as_deref())?;
    let after = f.cursor.as_deref().map(Cursor::decode).transpose()?;
    let total: i64 = filtered(reach, f).count().get_result(conn)?;
    let q = crate::by_name_after!(filtered(reach, f), users, desc, after);
    let rows: Vec<UserRow> = q.limit(limit + 1).select(UserRow::as_select()).load(conn)?;
    let page = crate::store::page::finish_page(
        rows,
        limit,
        total,
        |r| Cursor::new(r.name_sort.as_str(), &r.id),
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

pub(super) fn email_taken(conn: &mut DbConn, email: &str, except: Option<&str>) -> AppResult<()> {
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
