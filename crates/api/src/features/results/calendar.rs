//! The calendar of the year's assessment procedures (ВПР, ОГЭ, ЕГЭ, diagnostic works
//! with their dates): coordinators of the municipality manage it, everyone who reads
//! the municipality's results reads it.

use super::rows::{EventFields, EventRow};
use super::rules::R;
use crate::auth::{AuthUser, Reach};
use crate::error::{AppError, AppResult};
use crate::store::audit::Scope;
use crate::store::conn::DbConn;
use crate::store::record::{new_id, Found};
use crate::store::schema::{academic_years, assessment_events as ev, schools};
use crate::store::stored::stored;
use crate::store::{update_audited, Audit};
use crate::{archive_versioned, new_bookkeeping, set_versioned};
use diesel::prelude::*;
use tutornet_domain::audit::AuditEntity;
use tutornet_domain::permissions::Action;
use tutornet_domain::results::{
    AssessmentEvent, AssessmentEventFilter, AssessmentEventInput, Procedure,
};
use tutornet_domain::text::clean;

fn to_domain(conn: &mut DbConn, rows: Vec<EventRow>) -> AppResult<Vec<AssessmentEvent>> {
    let names = crate::store::names::subject_names(
        conn,
        rows.iter().filter_map(|r| r.subject_id.clone()).collect(),
    )?;
    rows.into_iter()
        .map(|r| {
            Ok(AssessmentEvent {
                procedure: stored(
                    &r.procedure,
                    "assessment_events.procedure",
                    Procedure::parse,
                )?,
                subject_name: r.subject_id.as_ref().and_then(|s| names.get(s).cloned()),
                id: r.id,
                municipality_id: r.municipality_id,
                academic_year_id: r.academic_year_id,
                subject_id: r.subject_id,
                grade: r.grade,
                held_on: r.held_on,
                title: r.title,
                note: r.note,
                meta: r.book.into(),
            })
        })
        .collect()
}

fn find(conn: &mut DbConn, id: &str) -> AppResult<AssessmentEvent> {
    let row: EventRow = ev::table
        .find(id)
        .select(EventRow::as_select())
        .first(conn)
        .found("Процедура не найдена")?;
    Ok(to_domain(conn, vec![row])?.remove(0))
}

/// The municipality a school-scoped reader sees the calendar of.
fn municipality_of_school(conn: &mut DbConn, s: &str) -> AppResult<Option<String>> {
    Ok(schools::table
        .find(s)
        .select(schools::municipality_id)
        .first(conn)
        .optional()?)
}

fn check(conn: &mut DbConn, user: &AuthUser, e: &AssessmentEvent, a: Action) -> AppResult<String> {
    // School staff read their municipality's calendar.
    let school = match user.try_reach(R, Action::Read) {
        Some(Reach::School(s)) | Some(Reach::SchoolOrOwn(s, _))
            if municipality_of_school(conn, &s)?.as_deref() == Some(e.municipality_id.as_str()) =>
        {
            Some(s)
        }
        _ => None,
    };
    crate::access::places::check_place(conn, user, R, a, &e.municipality_id, school.as_deref())
}

pub fn list(
    conn: &mut DbConn,
    user: &AuthUser,
    f: &AssessmentEventFilter,
) -> AppResult<Vec<AssessmentEvent>> {
    let reach = user.reach(R, Action::Read)?;
    let own_m = match &reach {
        Reach::School(s) | Reach::SchoolOrOwn(s, _) => municipality_of_school(conn, s)?,
        _ => None,
    };
    let mut q = crate::in_reach!(
        ev::table.into_boxed(), &reach,
        region: (via ev::municipality_id),
        municipality: (ev::municipality_id),
        school: (with |_s: &String| ev::municipality_id.eq(own_m.clone().unwrap_or_default())),
        own: (nothing),
    );
    if let Some(m) = &f.municipality_id {
        q = q.filter(ev::municipality_id.eq(m.clone()));
    }
    let year = match &f.academic_year_id {
        Some(y) => Some(y.clone()),
        None => crate::features::academic_years::ops::current(conn)?.map(|y| y.id),
    };
    if let Some(y) = year {
        q = q.filter(ev::academic_year_id.eq(y));
    }
    if let Some(p) = f.procedure {
        q = q.filter(ev::procedure.eq(p.as_str()));
    }
    if !f.include_archived.unwrap_or(false) {
        q = q.filter(ev::archived_at.is_null());
    }
    let rows: Vec<EventRow> = q
        .order((ev::held_on.asc(), ev::id.asc()))
        .select(EventRow::as_select())
        .load(conn)?;
    to_domain(conn, rows)
}

/// The year the input names, or the one its date falls in; the date must lie in it.
fn fields(conn: &mut DbConn, i: &AssessmentEventInput) -> AppResult<EventFields> {
    let years: Vec<(String, chrono::NaiveDate, chrono::NaiveDate)> = academic_years::table
        .select((
            academic_years::id,
            academic_years::starts_on,
            academic_years::ends_on,
        ))
        .load(conn)?;
    let year = match &i.academic_year_id {
        Some(id) => years.iter().find(|y| &y.0 == id).ok_or_else(|| {
            AppError::field(
                "academic_year_id",
                "invalid_reference",
                "Учебный год не найден",
            )
        })?,
        None => years
            .iter()
            .find(|y| y.1 <= i.held_on && i.held_on <= y.2)
            .ok_or_else(|| {
                AppError::field(
                    "held_on",
                    "outside_year",
                    "Дата не попадает ни в один учебный год",
                )
            })?,
    };
    if i.held_on < year.1 || i.held_on > year.2 {
        return Err(AppError::field(
            "held_on",
            "outside_year",
            "Дата проведения вне выбранного учебного года",
        ));
    }
    crate::store::names::check_subject(conn, i.subject_id.as_deref())?;
    Ok(EventFields {
        academic_year_id: year.0.clone(),
        procedure: i.procedure.as_str().to_string(),
        subject_id: clean(&i.subject_id),
        grade: i.grade,
        held_on: i.held_on,
        title: clean(&i.title),
        note: clean(&i.note),
    })
}

fn audit<'a>(
    user: &'a AuthUser,
    id: &'a str,
    region: &'a str,
    e: &'a AssessmentEvent,
) -> Audit<'a> {
    Audit::new(
        user,
        AuditEntity::AssessmentEvent,
        id,
        Scope::municipality(region, &e.municipality_id),
    )
}

pub fn create(
    conn: &mut DbConn,
    user: &AuthUser,
    i: &AssessmentEventInput,
) -> AppResult<AssessmentEvent> {
    let reach = user.reach(R, Action::Create)?;
    i.validate().map_err(AppError::Validation)?;
    let region = crate::access::places::check_new_in(
        conn,
        &reach,
        &i.municipality_id,
        "Можно планировать процедуры только своего муниципалитета",
    )?;
    let f = fields(conn, i)?;
    let id = new_id();
    diesel::insert_into(ev::table)
        .values((
            ev::id.eq(&id),
            ev::municipality_id.eq(&i.municipality_id),
            f,
            new_bookkeeping!(assessment_events, Some(user.id.clone())),
        ))
        .execute(conn)?;
    let after = find(conn, &id)?;
    audit(user, &id, &region, &after).created(conn, &after)?;
    Ok(after)
}

pub fn update(
    conn: &mut DbConn,
    user: &AuthUser,
    id: &str,
    i: &AssessmentEventInput,
) -> AppResult<AssessmentEvent> {
    let before = find(conn, id)?;
    let region = check(conn, user, &before, Action::Update)?;
    let mut i = i.clone();
    i.municipality_id = before.municipality_id.clone();
    i.validate().map_err(AppError::Validation)?;
    let f = fields(conn, &i)?;
    update_audited(
        conn,
        audit(user, id, &region, &before),
        i.version,
        before.meta.version,
        before.clone(),
        |conn, v| {
            Ok(set_versioned!(
                conn,
                assessment_events,
                id,
                v,
                &user.id,
                (&f,)
            )?)
        },
        |conn| find(conn, id),
    )
}

pub fn archive(conn: &mut DbConn, user: &AuthUser, id: &str) -> AppResult<AssessmentEvent> {
    let before = find(conn, id)?;
    let region = check(conn, user, &before, Action::Archive)?;
    if before.meta.archived_at.is_some() {
        return Ok(before);
    }
    archive_versioned!(
        conn,
        assessment_events,
        audit(user, id, &region, &before),
        true,
        before,
        |conn| find(conn, id)
    )
}
