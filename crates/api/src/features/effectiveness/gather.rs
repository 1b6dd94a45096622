//! What the review counts, read once per request: the held sessions of the period, the
//! teachers of ШНОР/ШССУ who attended them, the reviews completed, the ИОМ steps done,
//! the ratings, and each school's support and results (private to the noun).

use crate::error::AppResult;
use crate::store::conn::DbConn;
use crate::store::schema::{library_events, library_items, library_versions};
use crate::store::schema::{
    registrations, requests, reviews, schools, session_logs, session_participants, session_schools,
    sessions, trajectories, trajectory_steps, users,
};
use crate::store::zone;
use chrono::{NaiveDate, NaiveDateTime};
use chrono_tz::Tz;
use diesel::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use tutornet_domain::community::FormOfWork;

/// The period in the municipality's zone, as UTC instants [from, to).
#[derive(Clone, Copy)]
pub struct Period {
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub from: NaiveDateTime,
    pub to: NaiveDateTime,
}

impl Period {
    pub fn new(starts_on: NaiveDate, ends_on: NaiveDate, tz: Tz) -> Period {
        let midnight = |d: NaiveDate| zone::utc(d.and_hms_opt(0, 0, 0).unwrap_or_default(), tz);
        Period {
            starts_on,
            ends_on,
            from: midnight(starts_on),
            to: midnight(ends_on.succ_opt().unwrap_or(ends_on)),
        }
    }
}

pub struct HeldSession {
    pub id: String,
    pub title: String,
    pub form: Option<FormOfWork>,
    pub starts_at: NaiveDateTime,
    pub hours: f64,
    /// The schools it served: whose requests it answered, which it was open to, whose
    /// teachers attended it.
    pub schools: BTreeSet<String>,
}

pub struct School {
    pub id: String,
    pub name: String,
    pub low: bool,
    pub difficult: bool,
}

impl School {
    pub fn flagged(&self) -> bool {
        self.low || self.difficult
    }
}

pub struct Reached {
    pub user_id: String,
    pub full_name: String,
    pub school_id: String,
}

pub struct DoneReview {
    pub id: String,
    pub title: String,
    pub school_id: String,
    pub status: String,
    pub signed_on: NaiveDate,
}

pub struct DoneStep {
    pub trajectory_id: String,
    pub title: String,
    pub learner: String,
    pub school_id: Option<String>,
    pub done_on: NaiveDate,
}

/// A methodological material first published in the period (000 §7.2).
pub struct Published {
    pub item_id: String,
    pub title: String,
    pub material_type: String,
    pub on: NaiveDate,
}

pub struct Rating {
    pub id: String,
    pub session_id: String,
    pub session_title: String,
    pub score: i32,
}

/// Everything the review and the analysis read of one municipality and period.
pub struct Gathered {
    pub sessions: Vec<HeldSession>,
    /// Every school of the municipality, by name.
    pub schools: Vec<School>,
    pub reached: Vec<Reached>,
    pub reviews: Vec<DoneReview>,
    pub steps: Vec<DoneStep>,
    pub ratings: Vec<Rating>,
    pub materials: Vec<Published>,
}

type SessionTuple = (
    String,
    String,
    String,
    NaiveDateTime,
    Option<String>,
    Option<f32>,
);

pub fn gather(conn: &mut DbConn, m: &str, p: &Period, tz: Tz) -> AppResult<Gathered> {
    let rows: Vec<SessionTuple> = sessions::table
        .left_join(session_logs::table)
        .filter(sessions::municipality_id.eq(m))
        .filter(sessions::status.eq("held"))
        .filter(sessions::archived_at.is_null())
        .filter(sessions::starts_at.ge(p.from))
        .filter(sessions::starts_at.lt(p.to))
        .order((sessions::starts_at.asc(), sessions::id.asc()))
        .select((
            sessions::id,
            sessions::title,
            sessions::form,
            sessions::starts_at,
            sessions::series_id,
            session_logs::academic_hours.nullable(),
        ))
        .load(conn)?;
    let ids: Vec<String> = rows.iter().map(|r| r.0.clone()).collect();
    // Who attended: registered and marked present, or requesters and walk-ins with an
    // account marked present in the log.
    let mut attended: Vec<(String, String)> = registrations::table
        .filter(registrations::session_id.eq_any(&ids))
        .filter(registrations::attended.eq(true))
        .select((registrations::session_id, registrations::user_id))
        .load(conn)?;
    attended.extend(
        session_participants::table
            .filter(session_participants::session_id.eq_any(&ids))
            .filter(session_participants::attended.eq(true))
            .filter(session_participants::user_id.is_not_null())
            .select((
                session_participants::session_id,
                session_participants::user_id.assume_not_null(),
            ))
            .load::<(String, String)>(conn)?,
    );
    let mut attendees: Vec<String> = attended.iter().map(|a| a.1.clone()).collect();
    attendees.sort();
    attendees.dedup();
    let people: Vec<(String, String, String, String)> = users::table
        .filter(users::id.eq_any(&attendees))
        .filter(users::school_id.is_not_null())
        .select((
            users::id,
            users::full_name,
            users::name_sort,
            users::school_id.assume_not_null(),
        ))
        .load(conn)?;
    let school_of: HashMap<&str, &str> = people
        .iter()
        .map(|p| (p.0.as_str(), p.3.as_str()))
        .collect();
    let mut served: HashMap<String, BTreeSet<String>> = HashMap::new();
    for (session, user) in &attended {
        if let Some(school) = school_of.get(user.as_str()) {
            served
                .entry(session.clone())
                .or_default()
                .insert(school.to_string());
        }
    }
    for (session, school) in session_schools::table
        .filter(session_schools::session_id.eq_any(&ids))
        .select((session_schools::session_id, session_schools::school_id))
        .load::<(String, String)>(conn)?
    {
        served.entry(session).or_default().insert(school);
    }
    for (session, school) in requests::table
        .filter(requests::session_id.eq_any(&ids))
        .select((requests::session_id.assume_not_null(), requests::school_id))
        .load::<(String, String)>(conn)?
    {
        served.entry(session).or_default().insert(school);
    }
    let series: Vec<String> = rows.iter().filter_map(|r| r.4.clone()).collect();
    let mut series_schools: HashMap<String, BTreeSet<String>> = HashMap::new();
    for (series, school) in requests::table
        .filter(requests::series_id.eq_any(&series))
        .select((requests::series_id.assume_not_null(), requests::school_id))
        .load::<(String, String)>(conn)?
    {
        series_schools.entry(series).or_default().insert(school);
    }
    let sessions: Vec<HeldSession> = rows
        .into_iter()
        .map(|(id, title, form, starts_at, series, hours)| {
            let mut schools = served.remove(&id).unwrap_or_default();
            if let Some(more) = series.and_then(|x| series_schools.get(&x)) {
                schools.extend(more.iter().cloned());
            }
            HeldSession {
                schools,
                id,
                title,
                form: FormOfWork::parse(&form),
                starts_at,
                hours: hours.map(f64::from).unwrap_or(0.0),
            }
        })
        .collect();

    let mut school_rows: Vec<(String, String, String, bool, bool)> = schools::table
        .filter(schools::municipality_id.eq(m))
        .filter(schools::archived_at.is_null())
        .select((
            schools::id,
            schools::short_name,
            schools::name_sort,
            schools::is_low_results,
            schools::is_difficult_conditions,
        ))
        .load(conn)?;
    school_rows.sort_by(|a, b| a.2.cmp(&b.2));
    let schools: Vec<School> = school_rows
        .into_iter()
        .map(|(id, name, _, low, difficult)| School {
            id,
            name,
            low,
            difficult,
        })
        .collect();
    let flagged: HashSet<&str> = schools
        .iter()
        .filter(|s| s.flagged())
        .map(|s| s.id.as_str())
        .collect();

    let mut reached = people;
    reached.retain(|r| flagged.contains(r.3.as_str()));
    reached.sort_by(|a, b| a.2.cmp(&b.2));
    let reached = reached
        .into_iter()
        .map(|(user_id, full_name, _, school_id)| Reached {
            user_id,
            full_name,
            school_id,
        })
        .collect();

    let review_rows: Vec<(String, String, String, String, NaiveDateTime)> = reviews::table
        .filter(reviews::municipality_id.eq(m))
        .filter(reviews::status.eq_any(["accepted", "rejected"]))
        .filter(reviews::signed_at.is_not_null())
        .filter(reviews::signed_at.ge(p.from))
        .filter(reviews::signed_at.lt(p.to))
        .order((reviews::signed_at.asc(), reviews::id.asc()))
        .select((
            reviews::id,
            reviews::title,
            reviews::school_id,
            reviews::status,
            reviews::signed_at.assume_not_null(),
        ))
        .load(conn)?;
    let reviews = review_rows
        .into_iter()
        .map(|(id, title, school_id, status, at)| DoneReview {
            id,
            title,
            school_id,
            status,
            signed_on: zone::local(at, tz).date(),
        })
        .collect();

    let step_rows: Vec<(String, String, String, Option<String>, NaiveDate)> =
        trajectory_steps::table
            .inner_join(trajectories::table)
            .inner_join(users::table.on(users::id.eq(trajectories::user_id)))
            .filter(trajectories::municipality_id.eq(m))
            .filter(trajectories::archived_at.is_null())
            .filter(trajectory_steps::done_on.is_not_null())
            .filter(trajectory_steps::done_on.ge(p.starts_on))
            .filter(trajectory_steps::done_on.le(p.ends_on))
            .order((trajectory_steps::done_on.asc(), trajectory_steps::id.asc()))
            .select((
                trajectories::id,
                trajectory_steps::title,
                users::full_name,
                trajectories::school_id,
                trajectory_steps::done_on.assume_not_null(),
            ))
            .load(conn)?;
    let steps = step_rows
        .into_iter()
        .map(
            |(trajectory_id, title, learner, school_id, done_on)| DoneStep {
                trajectory_id,
                title,
                learner,
                school_id,
                done_on,
            },
        )
        .collect();

    let titles: BTreeMap<&str, &str> = sessions
        .iter()
        .map(|s| (s.id.as_str(), s.title.as_str()))
        .collect();
    let rating_rows: Vec<(String, String, i32)> = crate::store::schema::ratings::table
        .filter(crate::store::schema::ratings::session_id.eq_any(&ids))
        .order(crate::store::schema::ratings::created_at.asc())
        .select((
            crate::store::schema::ratings::id,
            crate::store::schema::ratings::session_id,
            crate::store::schema::ratings::score,
        ))
        .load(conn)?;
    let ratings = rating_rows
        .into_iter()
        .map(|(id, session_id, score)| Rating {
            session_title: titles
                .get(session_id.as_str())
                .copied()
                .unwrap_or("")
                .into(),
            id,
            session_id,
            score,
        })
        .collect();
    Ok(Gathered {
        sessions,
        schools,
        reached,
        reviews,
        steps,
        ratings,
        materials: published(conn, m, p, tz)?,
    })
}

/// The municipality's materials whose first publication falls in the period, with the
/// title of the version then published.
fn published(conn: &mut DbConn, m: &str, p: &Period, tz: Tz) -> AppResult<Vec<Published>> {
    let events: Vec<(String, NaiveDateTime, i32)> = library_events::table
        .inner_join(library_items::table.on(library_items::id.eq(library_events::item_id)))
        .filter(library_items::municipality_id.eq(m))
        .filter(library_items::archived_at.is_null())
        .filter(library_events::action.eq("publish"))
        .filter(library_events::at.lt(p.to))
        .order((library_events::at.asc(), library_events::id.asc()))
        .select((
            library_events::item_id,
            library_events::at,
            library_events::version_number,
        ))
        .load(conn)?;
    let mut seen = HashSet::new();
    let first: Vec<(String, NaiveDateTime, i32)> = events
        .into_iter()
        .filter(|e| seen.insert(e.0.clone()))
        .filter(|e| e.1 >= p.from)
        .collect();
    let ids: Vec<&str> = first.iter().map(|e| e.0.as_str()).collect();
    let versions: HashMap<(String, i32), (String, String)> = library_versions::table
        .filter(library_versions::item_id.eq_any(&ids))
        .select((
            library_versions::item_id,
            library_versions::number,
            library_versions::title,
            library_versions::material_type,
        ))
        .load::<(String, i32, String, String)>(conn)?
        .into_iter()
        .map(|(item, n, title, kind)| ((item, n), (title, kind)))
        .collect();
    Ok(first
        .into_iter()
        .map(|(item_id, at, n)| {
            let (title, material_type) = versions
                .get(&(item_id.clone(), n))
                .cloned()
                .unwrap_or_default();
            Published {
                item_id,
                title,
                material_type,
                on: zone::local(at, tz).date(),
            }
        })
        .collect())
}
