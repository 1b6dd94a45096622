//! Academic years (учебные годы), 1 September – 31 August; exactly one is current.

use crate::auth::AuthUser;
use crate::error::{AppError, AppResult};
use crate::store::audit::Scope;
use crate::store::conn::DbConn;
use crate::store::record::{new_id, Found};
use crate::store::schema::academic_years;
use crate::store::{update_audited, Audit};
use crate::{archive_versioned, bookkeeping, new_bookkeeping, set_versioned};
use diesel::prelude::*;
use tutornet_domain::audit::AuditEntity;
use tutornet_domain::org::{AcademicYear, AcademicYearInput};
use tutornet_domain::permissions::{Action, Resource};
use tutornet_domain::Page;
use tutornet_domain::ProblemCode;

bookkeeping!(YearBook, academic_years);

#[derive(Queryable, Selectable)]
#[diesel(table_name = academic_years)]
pub struct YearRow {
    pub id: String,
    pub name: String,
    pub starts_on: chrono::NaiveDate,
    pub ends_on: chrono::NaiveDate,
    pub is_current: bool,
    #[diesel(embed)]
    pub book: YearBook,
}

impl From<YearRow> for AcademicYear {
    fn from(r: YearRow) -> AcademicYear {
        AcademicYear {
            id: r.id,
            name: r.name,
            starts_on: r.starts_on,
            ends_on: r.ends_on,
            is_current: r.is_current,
            meta: r.book.into(),
        }
    }
}

pub fn list(conn: &mut DbConn, user: &AuthUser) -> AppResult<Page<AcademicYear>> {
    user.reach(Resource::AcademicYear, Action::Read)?;
    let rows = academic_years::table
        .filter(academic_years::archived_at.is_null())
        .order(academic_years::starts_on.desc())
        .select(YearRow::as_select())
        .load(conn)?;
    Ok(Page::whole(rows))
}

pub fn current(conn: &mut DbConn) -> AppResult<Option<AcademicYear>> {
    Ok(academic_years::table
        .filter(academic_years::is_current.eq(true))
        .filter(academic_years::archived_at.is_null())
        .select(YearRow::as_select())
        .first(conn)
        .optional()?
        .map(AcademicYear::from))
}

/// The current year, or 409 `no_current_year` when none is set.
pub fn require_current(conn: &mut DbConn) -> AppResult<AcademicYear> {
    current(conn)?.ok_or(AppError::Conflict {
        code: ProblemCode::NoCurrentYear,
        detail: "Не задан текущий учебный год".into(),
    })
}

/// The academic year a work day belongs to, for planning: the current one or a later one
/// that already exists (planning ahead). 422 on `field` for a past year or one not yet
/// created.
pub fn for_planning(
    conn: &mut DbConn,
    day: chrono::NaiveDate,
    field: &str,
) -> AppResult<AcademicYear> {
    let current = require_current(conn)?;
    let found: Option<AcademicYear> = academic_years::table
        .filter(academic_years::archived_at.is_null())
        .filter(academic_years::starts_on.le(day))
        .filter(academic_years::ends_on.ge(day))
        .select(YearRow::as_select())
        .first(conn)
        .optional()?
        .map(AcademicYear::from);
    let date = tutornet_domain::text::format_date_ru(day);
    match found {
        Some(y) if y.starts_on >= current.starts_on => Ok(y),
        Some(y) => Err(AppError::field(
            field,
            "outside_academic_year",
            format!(
                "{date} — в прошедшем учебном году {}; планировать можно с текущего {} ({} – {})",
                y.name,
                current.name,
                tutornet_domain::text::format_date_ru(current.starts_on),
                tutornet_domain::text::format_date_ru(current.ends_on)
            ),
        )),
        None => {
            let (name, _, _) = tutornet_domain::org::academic_year_bounds(
                tutornet_domain::org::academic_start_year(day),
            );
            Err(AppError::field(
                field,
                "outside_academic_year",
                if day < current.starts_on {
                    format!("{date} — раньше текущего учебного года {}", current.name)
                } else {
                    format!(
                        "{date} — в учебном году {name}, которого ещё нет в системе; \
                         планировать на него можно, когда администратор его заведёт"
                    )
                },
            ))
        }
    }
}

pub fn find(conn: &mut DbConn, id: &str) -> AppResult<AcademicYear> {
    academic_years::table
        .find(id)
        .select(YearRow::as_select())
        .first(conn)
        .found("Учебный год не найден")
}

pub fn get(conn: &mut DbConn, user: &AuthUser, id: &str) -> AppResult<AcademicYear> {
    user.reach(Resource::AcademicYear, Action::Read)?;
    find(conn, id)
}

fn audit<'a>(user: &'a AuthUser, id: &'a str) -> Audit<'a> {
    Audit::new(
        user,
        AuditEntity::AcademicYear,
        id,
        Scope::region(&user.region_id),
    )
}

fn unset_current(conn: &mut DbConn, except: &str) -> AppResult<()> {
    diesel::update(academic_years::table.filter(academic_years::id.ne(except)))
        .set(academic_years::is_current.eq(false))
        .execute(conn)?;
    Ok(())
}

pub fn create(
    conn: &mut DbConn,
    user: Option<&AuthUser>,
    input: &AcademicYearInput,
) -> AppResult<AcademicYear> {
    if let Some(u) = user {
        u.reach(Resource::AcademicYear, Action::Create)?;
    }
    input.validate().map_err(AppError::Validation)?;
    let (name, starts, ends) = input.bounds();
    let exists: i64 = academic_years::table
        .filter(academic_years::name.eq(&name))
        .count()
        .get_result(conn)?;
    if exists > 0 {
        return Err(AppError::field(
            "start_year",
            "already_exists",
            format!("Учебный год {name} уже есть"),
        ));
    }
    let none_current = current(conn)?.is_none();
    let id = new_id();
    diesel::insert_into(academic_years::table)
        .values((
            academic_years::id.eq(&id),
            academic_years::name.eq(&name),
            academic_years::starts_on.eq(starts),
            academic_years::ends_on.eq(ends),
            academic_years::is_current.eq(input.is_current || none_current),
            new_bookkeeping!(academic_years, user.map(|u| u.id.clone())),
        ))
        .execute(conn)?;
    if input.is_current {
        unset_current(conn, &id)?;
    }
    let after = find(conn, &id)?;
    if let Some(u) = user {
        audit(u, &id).created(conn, &after)?;
    }
    Ok(after)
}

/// Only `is_current` is editable: the dates follow from the year.
pub fn update(
    conn: &mut DbConn,
    user: &AuthUser,
    id: &str,
    input: &AcademicYearInput,
) -> AppResult<AcademicYear> {
    let before = get(conn, user, id)?;
    user.reach(Resource::AcademicYear, Action::Update)?;
    let (name, _, _) = input.bounds();
    if name != before.name {
        return Err(AppError::field(
            "start_year",
            "immutable",
            "Год начала не меняется; создайте другой учебный год",
        ));
    }
    if before.is_current && !input.is_current {
        return Err(AppError::field(
            "is_current",
            "current_required",
            "Нужен текущий учебный год: отметьте текущим другой год",
        ));
    }
    update_audited(
        conn,
        audit(user, id),
        input.version,
        before.meta.version,
        before.clone(),
        |conn, v| {
            let n = set_versioned!(
                conn,
                academic_years,
                id,
                v,
                &user.id,
                (academic_years::is_current.eq(input.is_current),)
            )?;
            if input.is_current {
                unset_current(conn, id)?;
            }
            Ok(n)
        },
        |conn| find(conn, id),
    )
}

pub fn archive(conn: &mut DbConn, user: &AuthUser, id: &str) -> AppResult<AcademicYear> {
    let before = get(conn, user, id)?;
    user.reach(Resource::AcademicYear, Action::Archive)?;
    if before.is_current {
        return Err(AppError::Conflict {
            code: ProblemCode::CurrentYear,
            detail: "Текущий учебный год нельзя архивировать".into(),
        });
    }
    archive_versioned!(
        conn,
        academic_years,
        audit(user, id),
        true,
        before,
        |conn| { find(conn, id) }
    )
}
