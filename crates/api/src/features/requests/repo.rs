//! Queries of requests and their history (private to the noun), and the read-only
//! lookups the request workflow needs from other tables.

use super::rows::{EventRow, NewEvent, NewRequest, RequestRow};
use crate::auth::Reach;
use crate::error::{AppError, AppResult};
use crate::store::conn::DbConn;
use crate::store::conn::MultiBackend;
pub(super) use crate::store::names::{school_short_names, subject_names, user_names};
use crate::store::record::new_id;
use crate::store::record::now;
use crate::store::schema::{
    attachments, member_subjects, members, ratings, request_events, requests, schools,
    session_tutors, sessions, users,
};
use diesel::prelude::*;
use diesel::sql_types::{Bool, Nullable};
use tutornet_domain::community::RequestFilter;
use tutornet_domain::permissions::{Relation, Resource};

/// Statuses of a request still in work, as stored.
fn open() -> [&'static str; 4] {
    tutornet_domain::community::RequestStatus::open_codes()
}

pub(super) fn find_row(conn: &mut DbConn, id: &str) -> AppResult<RequestRow> {
    requests::table
        .find(id)
        .select(RequestRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| AppError::NotFound("Заявка не найдена".into()))
}

pub(super) fn school_short_name(conn: &mut DbConn, id: &str) -> AppResult<Option<String>> {
    Ok(schools::table
        .find(id)
        .select(schools::short_name)
        .first(conn)
        .optional()?)
}

/// The municipality of an open (not archived) school, if there is one.
pub(super) fn school_place(conn: &mut DbConn, school_id: &str) -> AppResult<Option<String>> {
    Ok(schools::table
        .find(school_id)
        .filter(schools::archived_at.is_null())
        .select(schools::municipality_id)
        .first(conn)
        .optional()?)
}

/// Active school administrators of a school.
pub(super) fn school_admins(conn: &mut DbConn, school_id: &str) -> AppResult<Vec<String>> {
    Ok(users::table
        .filter(users::school_id.eq(school_id))
        .filter(users::role.eq("school_admin"))
        .filter(users::active.eq(true))
        .select(users::id)
        .load(conn)?)
}

pub(super) fn school_municipality(conn: &mut DbConn, school_id: &str) -> AppResult<String> {
    Ok(schools::table
        .find(school_id)
        .select(schools::municipality_id)
        .first(conn)?)
}

pub(super) fn events_of(conn: &mut DbConn, request_id: &str) -> AppResult<Vec<EventRow>> {
    Ok(request_events::table
        .filter(request_events::request_id.eq(request_id))
        .order((request_events::at.asc(), request_events::id.asc()))
        .select((
            request_events::at,
            request_events::actor_id,
            request_events::from_status,
            request_events::to_status,
            request_events::comment,
        ))
        .load(conn)?)
}

pub(super) fn insert_event(
    conn: &mut DbConn,
    request_id: &str,
    actor: Option<&str>,
    from: Option<&str>,
    to: &str,
    comment: Option<&str>,
) -> AppResult<()> {
    diesel::insert_into(request_events::table)
        .values(NewEvent {
            id: new_id(),
            request_id,
            at: now(),
            actor_id: actor,
            from_status: from,
            to_status: to,
            comment,
        })
        .execute(conn)?;
    Ok(())
}

pub(super) fn insert(conn: &mut DbConn, r: &NewRequest) -> AppResult<()> {
    diesel::insert_into(requests::table)
        .values(r)
        .execute(conn)?;
    Ok(())
}

type Boxed<'a> = requests::BoxedQuery<'a, MultiBackend>;
type Condition =
    Box<dyn BoxableExpression<requests::table, MultiBackend, SqlType = Nullable<Bool>>>;

/// A request's relation to user `u` as SQL — the same relations `policy::Facts::holds`
/// decides in memory.
fn holds(relation: Relation, u: &str) -> Condition {
    match relation {
        Relation::Requester => Box::new(requests::requester_id.eq(u.to_string()).nullable()),
        Relation::AssignedTutor => Box::new(requests::tutor_user_id.eq(u.to_string())),
        _ => Box::new(diesel::dsl::sql::<Nullable<Bool>>("1 = 0")),
    }
}

/// Requests that are `u`'s own («свои»): any relation of `Resource::Request` holds.
fn own(u: &str) -> Condition {
    Resource::Request
        .relations()
        .iter()
        .map(|r| holds(*r, u))
        .reduce(|a, b| Box::new(a.or(b)))
        .unwrap_or_else(|| Box::new(diesel::dsl::sql::<Nullable<Bool>>("1 = 0")))
}

fn filtered<'a>(reach: &'a Reach, f: &'a RequestFilter) -> Boxed<'a> {
    let mut q = requests::table.into_boxed();
    q = crate::in_reach!(
        q, reach,
        region: (via requests::municipality_id),
        municipality: (requests::municipality_id),
        school: (requests::school_id),
        own: (with own),
    );
    if let Some(s) = f.status {
        q = q.filter(requests::status.eq(s.as_str()));
    }
    if let Some(s) = &f.school_id {
        q = q.filter(requests::school_id.eq(s.clone()));
    }
    if let Some(t) = &f.tutor_user_id {
        q = q.filter(requests::tutor_user_id.eq(t.clone()));
    }
    if let Some(form) = f.form {
        q = q.filter(requests::form.eq(form.as_str()));
    }
    if let Some(days) = f.stale_days {
        q = q
            .filter(requests::status.eq_any(open()))
            .filter(requests::status_changed_at.le(now() - chrono::Duration::days(days)));
    }
    q
}

/// Total and one page (limit + 1 rows), newest first, after the id.
pub(super) fn page(
    conn: &mut DbConn,
    reach: &Reach,
    f: &RequestFilter,
    after: Option<String>,
    limit: i64,
) -> AppResult<(i64, Vec<RequestRow>)> {
    let total: i64 = filtered(reach, f).count().get_result(conn)?;
    let mut q = filtered(reach, f);
    if let Some(id) = after {
        q = q.filter(requests::id.lt(id));
    }
    let rows = q
        .order(requests::id.desc())
        .limit(limit + 1)
        .select(RequestRow::as_select())
        .load(conn)?;
    Ok((total, rows))
}

/// Open requests of a municipality unchanged for `days`, oldest change first (at most 50).
pub(super) fn stale(
    conn: &mut DbConn,
    municipality_id: &str,
    days: i64,
) -> AppResult<Vec<RequestRow>> {
    Ok(requests::table
        .filter(requests::municipality_id.eq(municipality_id))
        .filter(requests::status.eq_any(open()))
        .filter(requests::status_changed_at.le(now() - chrono::Duration::days(days)))
        .order(requests::status_changed_at.asc())
        .limit(50)
        .select(RequestRow::as_select())
        .load(conn)?)
}

/// Sets the status under the row's version; the number of rows changed.
pub(super) fn set_status(
    conn: &mut DbConn,
    r: &RequestRow,
    actor_id: Option<String>,
    to: &str,
) -> AppResult<usize> {
    let t = now();
    Ok(crate::set_versioned!(
        conn,
        requests,
        &r.id,
        r.version,
        actor_id,
        (requests::status.eq(to), requests::status_changed_at.eq(t),)
    )?)
}

pub(super) fn set_tutor(conn: &mut DbConn, id: &str, tutor: Option<&str>) -> AppResult<()> {
    diesel::update(requests::table.find(id))
        .set(requests::tutor_user_id.eq(tutor))
        .execute(conn)?;
    Ok(())
}

pub(super) fn set_session(conn: &mut DbConn, id: &str, session: Option<&str>) -> AppResult<()> {
    diesel::update(requests::table.find(id))
        .set(requests::session_id.eq(session))
        .execute(conn)?;
    Ok(())
}

pub(super) fn set_decline_reason(conn: &mut DbConn, id: &str, reason: &str) -> AppResult<()> {
    diesel::update(requests::table.find(id))
        .set(requests::decline_reason.eq(reason))
        .execute(conn)?;
    Ok(())
}

/// Rows of the requests linked to a session in a status.
pub(super) fn of_session(
    conn: &mut DbConn,
    session_id: &str,
    status: &str,
) -> AppResult<Vec<RequestRow>> {
    Ok(requests::table
        .filter(requests::session_id.eq(session_id))
        .filter(requests::status.eq(status))
        .order(requests::id.asc())
        .select(RequestRow::as_select())
        .load(conn)?)
}

/// (request id, session id) of requests linked to the sessions.
pub(super) fn linked_to_sessions(
    conn: &mut DbConn,
    session_ids: &[String],
) -> AppResult<Vec<(String, Option<String>)>> {
    Ok(requests::table
        .filter(requests::session_id.eq_any(session_ids))
        .select((requests::id, requests::session_id))
        .load(conn)?)
}

/// Sessions linked to requests of the schools (all schools, or low-result ones only).
pub(super) fn sessions_of_schools(
    conn: &mut DbConn,
    school_id: Option<&str>,
) -> AppResult<Vec<String>> {
    let mut q = requests::table
        .filter(requests::session_id.is_not_null())
        .into_boxed();
    q = match school_id {
        Some(s) => q.filter(requests::school_id.eq(s.to_string())),
        None => q.filter(
            requests::school_id.eq_any(
                schools::table
                    .filter(schools::is_low_results.eq(true))
                    .select(schools::id),
            ),
        ),
    };
    let linked: Vec<(Option<String>, Option<String>)> = q
        .select((requests::session_id, requests::series_id))
        .load(conn)?;
    let series: Vec<String> = linked.iter().filter_map(|(_, s)| s.clone()).collect();
    let mut ids: Vec<String> = linked.into_iter().filter_map(|(s, _)| s).collect();
    if !series.is_empty() {
        let more: Vec<String> = sessions::table
            .filter(sessions::series_id.eq_any(series))
            .select(sessions::id)
            .load(conn)?;
        ids.extend(more);
    }
    Ok(ids)
}

/// The people who filed the requests a session answers.
pub(super) fn requesters_of_session(conn: &mut DbConn, session_id: &str) -> AppResult<Vec<String>> {
    Ok(requests::table
        .filter(requests::session_id.eq(session_id))
        .select(requests::requester_id)
        .load(conn)?)
}

pub(super) fn requested_session(
    conn: &mut DbConn,
    session_id: &str,
    user_id: &str,
) -> AppResult<bool> {
    let n: i64 = requests::table
        .filter(requests::session_id.eq(session_id))
        .filter(requests::requester_id.eq(user_id))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// (municipality, status) of a session a request may be scheduled into.
pub(super) fn session_ref(
    conn: &mut DbConn,
    session_id: &str,
) -> AppResult<Option<(String, String)>> {
    Ok(sessions::table
        .find(session_id)
        .select((sessions::municipality_id, sessions::status))
        .first(conn)
        .optional()?)
}

/// Open requests plus upcoming planned sessions of a tutor.
pub(super) fn tutor_load(conn: &mut DbConn, tutor_id: &str) -> AppResult<(i64, i64)> {
    let open: i64 = requests::table
        .filter(requests::tutor_user_id.eq(tutor_id))
        .filter(requests::status.eq_any(["accepted", "scheduled"]))
        .count()
        .get_result(conn)?;
    let planned: i64 = session_tutors::table
        .inner_join(sessions::table)
        .filter(session_tutors::user_id.eq(tutor_id))
        .filter(sessions::status.eq("planned"))
        .filter(sessions::ends_at.ge(now()))
        .count()
        .get_result(conn)?;
    Ok((open, planned))
}

/// Scores of the sessions a tutor held.
pub(super) fn tutor_scores(conn: &mut DbConn, tutor_id: &str) -> AppResult<Vec<i32>> {
    Ok(ratings::table
        .inner_join(session_tutors::table.on(session_tutors::session_id.eq(ratings::session_id)))
        .filter(session_tutors::user_id.eq(tutor_id))
        .select(ratings::score)
        .load(conn)?)
}

/// Subjects a person teaches as a member of the municipality's composition.
pub(super) fn member_subject_ids(
    conn: &mut DbConn,
    user_id: &str,
    municipality_id: &str,
) -> AppResult<Vec<String>> {
    Ok(member_subjects::table
        .inner_join(members::table)
        .filter(members::user_id.eq(user_id))
        .filter(members::municipality_id.eq(municipality_id))
        .select(member_subjects::subject_id)
        .load(conn)?)
}

/// Whether the tutor is attached to the school or the teacher.
pub(super) fn attached_to(
    conn: &mut DbConn,
    tutor_id: &str,
    school_id: &str,
    teacher_id: &str,
) -> AppResult<bool> {
    let n: i64 = attachments::table
        .inner_join(members::table)
        .filter(members::user_id.eq(tutor_id))
        .filter(attachments::archived_at.is_null())
        .filter(
            attachments::school_id
                .eq(school_id)
                .or(attachments::teacher_user_id.eq(teacher_id)),
        )
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// The series of a session, if it is one occurrence of a series.
pub(super) fn series_of_session(conn: &mut DbConn, session_id: &str) -> AppResult<Option<String>> {
    Ok(sessions::table
        .find(session_id)
        .select(sessions::series_id)
        .first::<Option<String>>(conn)
        .optional()?
        .flatten())
}

/// The requests answered by a series, in a status.
pub(super) fn of_series(
    conn: &mut DbConn,
    series_id: &str,
    status: &str,
) -> AppResult<Vec<RequestRow>> {
    Ok(requests::table
        .filter(requests::series_id.eq(series_id))
        .filter(requests::status.eq(status))
        .order(requests::id.asc())
        .select(RequestRow::as_select())
        .load(conn)?)
}

/// (the next planned occurrence, how many were held) of a series.
pub(super) fn series_state(conn: &mut DbConn, series_id: &str) -> AppResult<(Option<String>, i64)> {
    let next: Option<String> = sessions::table
        .filter(sessions::series_id.eq(series_id))
        .filter(sessions::status.eq("planned"))
        .order((sessions::starts_at.asc(), sessions::id.asc()))
        .select(sessions::id)
        .first(conn)
        .optional()?;
    let held: i64 = sessions::table
        .filter(sessions::series_id.eq(series_id))
        .filter(sessions::status.eq("held"))
        .count()
        .get_result(conn)?;
    Ok((next, held))
}

/// The tutors holding a session.
pub(super) fn session_tutor_ids(conn: &mut DbConn, session_id: &str) -> AppResult<Vec<String>> {
    Ok(session_tutors::table
        .filter(session_tutors::session_id.eq(session_id))
        .select(session_tutors::user_id)
        .load(conn)?)
}

/// (request id, series id) of requests answered by the series.
pub(super) fn linked_to_series(
    conn: &mut DbConn,
    series_ids: &[String],
) -> AppResult<Vec<(String, Option<String>)>> {
    Ok(requests::table
        .filter(requests::series_id.eq_any(series_ids))
        .select((requests::id, requests::series_id))
        .load(conn)?)
}

pub(super) fn set_series(conn: &mut DbConn, id: &str, series: Option<&str>) -> AppResult<()> {
    diesel::update(requests::table.find(id))
        .set(requests::series_id.eq(series))
        .execute(conn)?;
    Ok(())
}
