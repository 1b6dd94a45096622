//! The schedule list and the calendar feed: the filtered, keyset-paged query.

use crate::error::AppResult;
use crate::features::sessions::rows::SessionRow;
use crate::store::conn::DbConn;
use crate::store::record::now;
use crate::store::schema::{registrations, session_tutors, sessions};
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// The list filter resolved to what the sessions table can answer; the sessions linked
/// to requests of a school (or of low-result schools) come from requests.
pub(in crate::features::sessions) struct Listing<'a> {
    pub reach: &'a crate::auth::Reach,
    pub filter: &'a tutornet_domain::community::SessionFilter,
    pub me: &'a str,
    pub of_school: Option<Vec<String>>,
    pub of_low_results: Option<Vec<String>>,
}

type Boxed<'a> = sessions::BoxedQuery<'a, crate::store::conn::MultiBackend>;

fn filtered<'a>(l: &'a Listing<'a>) -> Boxed<'a> {
    let f = l.filter;
    let mut q = sessions::table.into_boxed();
    q = crate::in_reach!(
        q, l.reach,
        region: (via sessions::municipality_id),
        municipality: (sessions::municipality_id),
        school: (nothing),
        own: (nothing),
    );
    if let Some(from) = f.from {
        q = q.filter(sessions::ends_at.ge(from.naive_utc()));
    }
    if let Some(to) = f.to {
        q = q.filter(sessions::starts_at.lt(to.naive_utc()));
    }
    if let Some(t) = &f.tutor_id {
        q = q.filter(sessions::id.eq_any(tutored_by(t)));
    }
    if let Some(ids) = &l.of_school {
        q = q.filter(sessions::id.eq_any(ids.clone()));
    }
    if let Some(ids) = &l.of_low_results {
        q = q.filter(sessions::id.eq_any(ids.clone()));
    }
    if let Some(s) = &f.subject_id {
        q = q.filter(sessions::subject_id.eq(s.clone()));
    }
    if let Some(form) = f.form {
        q = q.filter(sessions::form.eq(form.as_str()));
    }
    if let Some(a) = f.activity {
        let forms: Vec<&'static str> = a.forms().into_iter().map(|f| f.as_str()).collect();
        q = q.filter(sessions::form.eq_any(forms));
    }
    if let Some(st) = f.status {
        q = q.filter(sessions::status.eq(st.as_str()));
    }
    if let Some(p) = &f.consultation_point_id {
        q = q.filter(sessions::consultation_point_id.eq(p.clone()));
    }
    if let Some(sr) = &f.series_id {
        q = q.filter(sessions::series_id.eq(sr.clone()));
    }
    if let Some(m) = &f.municipality_id {
        q = q.filter(sessions::municipality_id.eq(m.clone()));
    }
    if f.mine == Some(true) {
        q = q.filter(
            sessions::id
                .eq_any(tutored_by(l.me))
                .or(sessions::id.eq_any(registered_for(l.me))),
        );
    }
    if f.awaiting_log == Some(true) {
        q = q
            .filter(sessions::status.eq("planned"))
            .filter(sessions::ends_at.lt(now()));
    }
    q
}

type TutoredBy = diesel::dsl::Select<
    diesel::dsl::Filter<session_tutors::table, diesel::dsl::Eq<session_tutors::user_id, String>>,
    session_tutors::session_id,
>;

fn tutored_by(user_id: &str) -> TutoredBy {
    session_tutors::table
        .filter(session_tutors::user_id.eq(user_id.to_string()))
        .select(session_tutors::session_id)
}

type RegisteredFor = diesel::dsl::Select<
    diesel::dsl::Filter<
        diesel::dsl::Filter<registrations::table, diesel::dsl::Eq<registrations::user_id, String>>,
        diesel::dsl::NotEq<registrations::status, &'static str>,
    >,
    registrations::session_id,
>;

fn registered_for(user_id: &str) -> RegisteredFor {
    registrations::table
        .filter(registrations::user_id.eq(user_id.to_string()))
        .filter(registrations::status.ne("cancelled"))
        .select(registrations::session_id)
}

/// Total and one page (limit + 1 rows) after the (starts_at, id) key.
pub(in crate::features::sessions) fn page(
    conn: &mut DbConn,
    l: &Listing,
    after: Option<(NaiveDateTime, String)>,
    limit: i64,
) -> AppResult<(i64, Vec<SessionRow>)> {
    let total: i64 = filtered(l).count().get_result(conn)?;
    let mut q = filtered(l);
    if let Some((k, id)) = after {
        q = q.filter(
            sessions::starts_at
                .gt(k)
                .or(sessions::starts_at.eq(k).and(sessions::id.gt(id))),
        );
    }
    let rows = q
        .order((sessions::starts_at.asc(), sessions::id.asc()))
        .limit(limit + 1)
        .select(SessionRow::as_select())
        .load(conn)?;
    Ok((total, rows))
}

/// Sessions of a municipality and/or of a user (tutor or registered), cancelled ones
/// included so that calendars remove them.
pub(in crate::features::sessions) fn feed(
    conn: &mut DbConn,
    user_id: Option<&str>,
    municipality_id: Option<&str>,
) -> AppResult<Vec<SessionRow>> {
    let mut q = sessions::table.into_boxed();
    if let Some(m) = municipality_id {
        q = q.filter(sessions::municipality_id.eq(m.to_string()));
    }
    if let Some(u) = user_id {
        q = q.filter(
            sessions::id
                .eq_any(tutored_by(u))
                .or(sessions::id.eq_any(registered_for(u))),
        );
    }
    Ok(q.order(sessions::starts_at.asc())
        .limit(2000)
        .select(SessionRow::as_select())
        .load(conn)?)
}
