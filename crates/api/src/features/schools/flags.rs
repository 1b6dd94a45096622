//! A school's support flags (ШНОР, ШССУ, «500+») per academic year, each with its basis
//! (the list or order it rests on). The current year's flags are also the school's own
//! columns: setting them here updates the school, and a school edit that changes its
//! flags records them for the current year — one history, whichever way they were set.

use super::repo::find;
use crate::auth::AuthUser;
use crate::error::{AppError, AppResult};
use crate::store::audit::Scope;
use crate::store::conn::DbConn;
use crate::store::record::Found;
use crate::store::record::{new_id, now};
use crate::store::schema::{academic_years, school_flags, schools};
use crate::store::{update_audited, Audit};
use crate::{bookkeeping, new_bookkeeping, set_versioned};
use diesel::prelude::*;
use tutornet_domain::audit::AuditEntity;
use tutornet_domain::org::{School, SchoolYearFlags, SchoolYearFlagsInput};
use tutornet_domain::permissions::{Action, Role};
use tutornet_domain::text::clean;

bookkeeping!(FlagsBook, school_flags);

#[derive(Queryable, Selectable)]
#[diesel(table_name = school_flags)]
struct FlagsRow {
    id: String,
    school_id: String,
    academic_year_id: String,
    is_low_results: bool,
    is_difficult_conditions: bool,
    is_500plus: bool,
    basis: Option<String>,
    #[diesel(embed)]
    book: FlagsBook,
}

fn to_flags((r, year): (FlagsRow, String)) -> SchoolYearFlags {
    SchoolYearFlags {
        id: r.id,
        school_id: r.school_id,
        academic_year_id: r.academic_year_id,
        academic_year_name: year,
        is_low_results: r.is_low_results,
        is_difficult_conditions: r.is_difficult_conditions,
        is_500plus: r.is_500plus,
        basis: r.basis,
        meta: r.book.into(),
    }
}

/// The flag columns an input sets.
#[derive(Insertable, AsChangeset)]
#[diesel(table_name = school_flags, treat_none_as_null = true)]
struct FlagFields {
    is_low_results: bool,
    is_difficult_conditions: bool,
    is_500plus: bool,
    basis: Option<String>,
}

impl From<&SchoolYearFlagsInput> for FlagFields {
    fn from(i: &SchoolYearFlagsInput) -> Self {
        FlagFields {
            is_low_results: i.is_low_results,
            is_difficult_conditions: i.is_difficult_conditions,
            is_500plus: i.is_500plus,
            basis: clean(&i.basis),
        }
    }
}

/// Only coordinators and administrators change support flags, never a school's own staff.
pub fn may_change(user: &AuthUser) -> AppResult<()> {
    if user.role == Role::SchoolAdmin {
        return Err(AppError::Forbidden(
            "Признаки ШНОР, ШССУ, «500+» и школы-наставника меняет координатор".into(),
        ));
    }
    Ok(())
}

fn of_year(
    conn: &mut DbConn,
    school_id: &str,
    year_id: &str,
) -> AppResult<Option<SchoolYearFlags>> {
    Ok(school_flags::table
        .inner_join(academic_years::table)
        .filter(school_flags::school_id.eq(school_id))
        .filter(school_flags::academic_year_id.eq(year_id))
        .select((FlagsRow::as_select(), academic_years::name))
        .first::<(FlagsRow, String)>(conn)
        .optional()?
        .map(to_flags))
}

fn flags_of_year(conn: &mut DbConn, school_id: &str, year_id: &str) -> AppResult<SchoolYearFlags> {
    of_year(conn, school_id, year_id)?
        .ok_or_else(|| AppError::NotFound("Признаки не найдены".into()))
}

/// The school's flags year by year, the latest year first.
pub fn list(
    conn: &mut DbConn,
    user: &AuthUser,
    school_id: &str,
) -> AppResult<Vec<SchoolYearFlags>> {
    super::rules::get(conn, user, school_id)?;
    Ok(school_flags::table
        .inner_join(academic_years::table)
        .filter(school_flags::school_id.eq(school_id))
        .order(academic_years::starts_on.desc())
        .select((FlagsRow::as_select(), academic_years::name))
        .load::<(FlagsRow, String)>(conn)?
        .into_iter()
        .map(to_flags)
        .collect())
}

/// Sets the school's flags for one academic year (`version` required once the year has
/// flags); for the current year the school's own flags follow.
pub fn set(
    conn: &mut DbConn,
    user: &AuthUser,
    school_id: &str,
    year_id: &str,
    input: &SchoolYearFlagsInput,
) -> AppResult<SchoolYearFlags> {
    let school = find(conn, school_id)?;
    let region = super::rules::check(conn, user, &school, Action::Update)?;
    may_change(user)?;
    input.validate().map_err(AppError::Validation)?;
    let is_current: bool = academic_years::table
        .find(year_id)
        .select(academic_years::is_current)
        .first::<bool>(conn)
        .found("Учебный год не найден")?;
    let scope = Scope::municipality(&region, &school.municipality_id);
    let after = match of_year(conn, school_id, year_id)? {
        None => {
            let id = new_id();
            diesel::insert_into(school_flags::table)
                .values((
                    school_flags::id.eq(&id),
                    school_flags::school_id.eq(school_id),
                    school_flags::academic_year_id.eq(year_id),
                    FlagFields::from(input),
                    new_bookkeeping!(school_flags, Some(user.id.clone())),
                ))
                .execute(conn)
                .map_err(|e| match AppError::from(e) {
                    // Two first settings of the same year at once: the second is told.
                    AppError::Conflict { .. } => AppError::version_conflict(1),
                    other => other,
                })?;
            let after = flags_of_year(conn, school_id, year_id)?;
            Audit::new(user, AuditEntity::SchoolFlags, &id, scope).created(conn, &after)?;
            after
        }
        // Sent without a version, the change was meant as the year's first: someone
        // else has set the year meanwhile.
        Some(before) if input.version.is_none() => {
            return Err(AppError::version_conflict(before.meta.version));
        }
        Some(before) => {
            let id = before.id.clone();
            update_audited(
                conn,
                Audit::new(user, AuditEntity::SchoolFlags, &id, scope),
                input.version,
                before.meta.version,
                before.clone(),
                |conn, v| {
                    let fields = FlagFields::from(input);
                    Ok(set_versioned!(
                        conn,
                        school_flags,
                        &id,
                        v,
                        &user.id,
                        (fields,)
                    )?)
                },
                |conn| flags_of_year(conn, school_id, year_id),
            )?
        }
    };
    if is_current {
        mirror_on_school(conn, user, &school, &after)?;
    }
    Ok(after)
}

/// The current year's flags become the school's own (a new school version, so an edit
/// based on the old flags is refused as stale).
fn mirror_on_school(
    conn: &mut DbConn,
    user: &AuthUser,
    school: &School,
    f: &SchoolYearFlags,
) -> AppResult<()> {
    let same = school.is_low_results == f.is_low_results
        && school.is_difficult_conditions == f.is_difficult_conditions
        && school.is_500plus == f.is_500plus;
    if same {
        return Ok(());
    }
    diesel::update(schools::table.find(&school.id))
        .set((
            schools::is_low_results.eq(f.is_low_results),
            schools::is_difficult_conditions.eq(f.is_difficult_conditions),
            schools::is_500plus.eq(f.is_500plus),
            schools::version.eq(schools::version + 1),
            schools::updated_at.eq(now()),
            schools::updated_by.eq(&user.id),
        ))
        .execute(conn)?;
    Ok(())
}

/// After a school edit: its flags, when they changed, are the current year's (the basis
/// already recorded stays). Without a current academic year there is nothing to record.
pub fn record_current(conn: &mut DbConn, user: &AuthUser, school: &School) -> AppResult<()> {
    let Some(year_id) = academic_years::table
        .filter(academic_years::is_current.eq(true))
        .select(academic_years::id)
        .first::<String>(conn)
        .optional()?
    else {
        return Ok(());
    };
    let existing = of_year(conn, &school.id, &year_id)?;
    let input = SchoolYearFlagsInput {
        is_low_results: school.is_low_results,
        is_difficult_conditions: school.is_difficult_conditions,
        is_500plus: school.is_500plus,
        basis: existing.as_ref().and_then(|f| f.basis.clone()),
        version: existing.as_ref().map(|f| f.meta.version),
    };
    set(conn, user, &school.id, &year_id, &input).map(|_| ())
}

/// Demo data: every flagged school has the same flags in each academic year, on the
/// basis of that year's (fictional) regional list.
pub fn seed_demo(conn: &mut DbConn) -> AppResult<()> {
    let years = academic_years::table
        .select((academic_years::id, academic_years::starts_on))
        .load::<(String, chrono::NaiveDate)>(conn)?;
    let flagged = schools::table
        .filter(
            schools::is_low_results
                .eq(true)
                .or(schools::is_difficult_conditions.eq(true))
                .or(schools::is_500plus.eq(true)),
        )
        .select((
            schools::id,
            schools::is_low_results,
            schools::is_difficult_conditions,
            schools::is_500plus,
        ))
        .load::<(String, bool, bool, bool)>(conn)?;
    for (year_id, starts_on) in &years {
        use chrono::Datelike;
        let basis = format!(
            "Перечень школ регионального проекта на {}/{} учебный год, приказ министерства № 01-{}/{}",
            starts_on.year(),
            starts_on.year() + 1,
            starts_on.year() % 100,
            starts_on.year()
        );
        for (school_id, low, difficult, plus500) in &flagged {
            diesel::insert_into(school_flags::table)
                .values((
                    school_flags::id.eq(new_id()),
                    school_flags::school_id.eq(school_id),
                    school_flags::academic_year_id.eq(year_id),
                    FlagFields {
                        is_low_results: *low,
                        is_difficult_conditions: *difficult,
                        is_500plus: *plus500,
                        basis: Some(basis.clone()),
                    },
                    new_bookkeeping!(school_flags, None::<String>),
                ))
                .execute(conn)?;
        }
    }
    Ok(())
}
