//! Planning rules over the database: the academic year and dates of a series in the
//! municipality's local calendar, who a session is open to, and tutors' busy times.

use super::repo;
use super::rows::SessionRow;
use crate::auth::AuthUser;
use crate::error::{AppError, AppResult};
use crate::store::conn::DbConn;
use crate::store::{stored, zone};
use chrono::NaiveDateTime;
use tutornet_domain::community::{
    series_dates, BusyFilter, BusySlot, OpenTo, SchoolFlags, SchoolRef, SessionInput,
};
use tutornet_domain::org::AcademicYear;
use tutornet_domain::permissions::{Action, Resource};

/// The academic year of the first session and the (start, end) of every occurrence:
/// the dates in the municipality's calendar (school quarters, no holidays), each at the
/// same local time.
pub(super) fn occurrences(
    conn: &mut DbConn,
    input: &SessionInput,
    tz: chrono_tz::Tz,
) -> AppResult<(AcademicYear, Vec<(NaiveDateTime, NaiveDateTime)>)> {
    let start = zone::local(input.starts_at.naive_utc(), tz);
    let length = input.ends_at - input.starts_at;
    let year = crate::features::academic_years::ops::for_planning(conn, start.date(), "starts_at")?;
    let dates = series_dates(start.date(), input.recurrence, input.repeat_until)
        .map_err(|e| AppError::Validation(vec![e]))?;
    let occ = dates
        .into_iter()
        .map(|d| {
            let a = zone::utc(d.and_time(start.time()), tz);
            (a, a + length)
        })
        .collect();
    Ok((year, occ))
}

/// The schools a session is open to: only with `open_to = schools`, each a school of
/// the session's municipality.
pub(super) fn target_schools(
    conn: &mut DbConn,
    input: &SessionInput,
    municipality_id: &str,
) -> AppResult<Vec<String>> {
    let mut ids = input.target_school_ids.clone();
    ids.sort();
    ids.dedup();
    if repo::schools_in_municipality(conn, &ids, municipality_id)? != ids.len() as i64 {
        return Err(AppError::field(
            "target_school_ids",
            "invalid_reference",
            "Школы должны быть действующими школами муниципалитета занятия",
        ));
    }
    Ok(ids)
}

/// The stored `open_to` of a session.
pub(super) fn open_to(s: &SessionRow) -> AppResult<OpenTo> {
    stored(&s.open_to, "sessions.open_to", OpenTo::parse)
}

/// The targeted schools of each session, by name.
pub(super) fn schools_of(conn: &mut DbConn, ids: &[String]) -> AppResult<Vec<(String, SchoolRef)>> {
    Ok(repo::target_schools_of(conn, ids)?
        .into_iter()
        .map(|(s, id, short_name, _)| (s, SchoolRef { id, short_name }))
        .collect())
}

/// Whether the session's targeting admits the user's school.
pub(super) fn admits(
    open_to: OpenTo,
    school: Option<&(String, bool, bool)>,
    targets: &[SchoolRef],
) -> bool {
    let ids: Vec<String> = targets.iter().map(|t| t.id.clone()).collect();
    open_to.admits(
        school.map(|(id, low, hard)| SchoolFlags {
            id,
            is_low_results: *low,
            is_difficult_conditions: *hard,
        }),
        &ids,
    )
}

/// 403 with the reason when the session is not open to the user's school.
pub(super) fn check_admitted(conn: &mut DbConn, user: &AuthUser, s: &SessionRow) -> AppResult<()> {
    let open = open_to(s)?;
    if open == OpenTo::All {
        return Ok(());
    }
    let school = repo::registrant_school(conn, &user.id)?;
    let targets: Vec<SchoolRef> = schools_of(conn, std::slice::from_ref(&s.id))?
        .into_iter()
        .map(|(_, t)| t)
        .collect();
    if admits(open, school.as_ref(), &targets) {
        return Ok(());
    }
    let names: Vec<String> = targets.into_iter().map(|t| t.short_name).collect();
    Err(AppError::Forbidden(open.refusal_ru(&names)))
}

/// The tutors' sessions over the days `from`..=`to` of each tutor's own calendar, with
/// local times. Every tutor must be someone whose sessions the caller may see (404).
pub fn busy(conn: &mut DbConn, user: &AuthUser, f: &BusyFilter) -> AppResult<Vec<BusySlot>> {
    let reach = user.reach(Resource::Session, Action::Read)?;
    f.validate().map_err(AppError::Validation)?;
    let ids = f.ids();
    let tutors = repo::tutors_in_reach(conn, &ids, &reach)?;
    if tutors.len() != ids.len() {
        return Err(AppError::NotFound("Тьютор не найден".into()));
    }
    let mut out = Vec::new();
    for (tid, name, municipality) in tutors {
        let tz = zone::of_municipality(conn, &municipality)?;
        let midnight =
            |d: chrono::NaiveDate| zone::utc(d.and_hms_opt(0, 0, 0).unwrap_or_default(), tz);
        let until = f.to.succ_opt().unwrap_or(f.to);
        for (_, sid, title, a, b) in repo::busy(
            conn,
            std::slice::from_ref(&tid),
            midnight(f.from),
            midnight(until),
        )? {
            out.push(BusySlot {
                tutor_id: tid.clone(),
                tutor_name: name.clone(),
                session_id: sid,
                title,
                starts_at: a.and_utc(),
                ends_at: b.and_utc(),
                local_time: format!("{}–{}", zone::datetime_ru(a, tz), zone::hhmm(b, tz)),
                time_zone: tz.name().to_string(),
            });
        }
    }
    out.sort_by(|x, y| {
        (
            x.starts_at,
            tutornet_domain::text::collation_key(&x.tutor_name),
        )
            .cmp(&(
                y.starts_at,
                tutornet_domain::text::collation_key(&y.tutor_name),
            ))
    });
    Ok(out)
}
