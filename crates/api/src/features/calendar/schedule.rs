//! The printable schedule of consultations by subject (002, item 3: «график проведения
//! консультаций муниципальными учителями-тьюторами по математике, русскому языку и
//! начальным классам»): the sessions of a municipality over a period, not cancelled,
//! grouped by subject, with local date and time, form, topic, tutors and place — as a
//! table the shared [`crate::docs`] writers turn into DOCX and XLSX.

use crate::auth::AuthUser;
use crate::docs::TableDoc;
use crate::error::{AppError, AppResult};
use crate::store::conn::DbConn;
use crate::store::zone;
use chrono::{Duration, NaiveTime};
use tutornet_domain::community::{Session, SessionFilter, SessionStatus, WorkFormat};
use tutornet_domain::consultation_points::{
    schedule_heading, ScheduleQuery, NO_SUBJECT, SCHEDULE_COLUMNS,
};
use tutornet_domain::page::MAX_LIMIT;
use tutornet_domain::permissions::{Action, Resource};
use tutornet_domain::text::{collation_key, format_date_ru};

/// At most this many sessions go into one schedule.
const MAX_SESSIONS: usize = 3000;

/// The schedule's table and the file name without extension («grafik-2026-12-01-2026-12-31»).
pub struct Schedule {
    pub doc: TableDoc,
    pub file_stem: String,
}

pub fn schedule(conn: &mut DbConn, user: &AuthUser, q: &ScheduleQuery) -> AppResult<Schedule> {
    user.reach(Resource::Session, Action::Read)?;
    q.validate().map_err(AppError::Validation)?;
    let municipality = crate::features::municipalities::ops::readable_or_own(
        conn,
        user,
        Resource::Session,
        q.municipality_id.as_deref(),
    )?;
    let m = municipality.id.clone();
    let tz = zone::stored(&municipality.effective_time_zone)?;
    let from = zone::utc(q.from.and_time(NaiveTime::MIN), tz);
    let to = zone::utc((q.to + Duration::days(1)).and_time(NaiveTime::MIN), tz);
    let mut filter = SessionFilter {
        from: Some(from.and_utc()),
        to: Some(to.and_utc()),
        municipality_id: Some(m.clone()),
        consultation_point_id: q.consultation_point_id.clone(),
        limit: Some(MAX_LIMIT),
        ..Default::default()
    };
    let mut sessions: Vec<Session> = Vec::new();
    loop {
        let page = crate::features::sessions::rules::list(conn, user, &filter)?;
        sessions.extend(page.items);
        match page.next_cursor {
            Some(c) if sessions.len() < MAX_SESSIONS => filter.cursor = Some(c),
            _ => break,
        }
    }
    // Sessions that start in the period (the list also gives those still running at its start).
    sessions.retain(|s| s.status != SessionStatus::Cancelled && s.starts_at.naive_utc() >= from);
    let groups = groups(conn, q, &sessions)?;
    let mut rows = Vec::new();
    let mut n = 0;
    for (heading, subject) in groups {
        rows.push(vec![heading]);
        let mut any = false;
        for s in sessions.iter().filter(|s| s.subject_id == subject) {
            n += 1;
            any = true;
            rows.push(row(n, s, tz));
        }
        if !any {
            let mut empty = vec![String::new(); SCHEDULE_COLUMNS.len()];
            empty[4] = "Консультации не запланированы".into();
            rows.push(empty);
        }
    }
    Ok(Schedule {
        doc: TableDoc {
            sheet: "График".into(),
            heading: schedule_heading(&municipality.in_phrase(), q.from, q.to),
            bold_heading_lines: 2,
            columns: SCHEDULE_COLUMNS.iter().map(|c| c.to_string()).collect(),
            rows,
            numbered: true,
            xlsx_widths: vec![6.0, 12.0, 13.0, 24.0, 40.0, 28.0, 34.0],
            docx_grid: vec![600, 1200, 1200, 1700, 2600, 1800, 2200],
        },
        file_stem: format!("grafik-{}-{}", q.from, q.to),
    })
}

/// The groups in print order: (heading, subject id). The subjects asked for, in the
/// order asked; otherwise every subject of the sessions alphabetically, then those
/// without a subject.
fn groups(
    conn: &mut DbConn,
    q: &ScheduleQuery,
    sessions: &[Session],
) -> AppResult<Vec<(String, Option<String>)>> {
    let asked = q.subjects();
    if !asked.is_empty() {
        let names = crate::store::names::subject_names(conn, asked.clone())?;
        return asked
            .into_iter()
            .map(|id| match names.get(&id) {
                Some(name) => Ok((name.clone(), Some(id))),
                None => Err(AppError::field(
                    "subject_ids",
                    "invalid_reference",
                    "Предмет не найден",
                )),
            })
            .collect();
    }
    let mut named: Vec<(String, Option<String>)> = Vec::new();
    for s in sessions {
        if let (Some(id), Some(name)) = (&s.subject_id, &s.subject_name) {
            if !named.iter().any(|(_, x)| x.as_ref() == Some(id)) {
                named.push((name.clone(), Some(id.clone())));
            }
        }
    }
    named.sort_by_cached_key(|(name, _)| collation_key(name));
    if sessions.iter().any(|s| s.subject_id.is_none()) {
        named.push((NO_SUBJECT.to_string(), None));
    }
    Ok(named)
}

/// One session as a row: №, date, time, form, topic, tutors, place (all local).
fn row(n: usize, s: &Session, tz: chrono_tz::Tz) -> Vec<String> {
    let (a, b) = (s.starts_at.naive_utc(), s.ends_at.naive_utc());
    let mut tutors: Vec<String> = s.tutors.iter().map(|t| t.full_name.clone()).collect();
    tutors.sort_by_cached_key(|t| collation_key(t));
    let place = match s.format {
        WorkFormat::Remote => match &s.online_link {
            Some(l) => format!("Дистанционно: {l}"),
            None => "Дистанционно".to_string(),
        },
        WorkFormat::InPerson => s.place.clone().unwrap_or_default(),
    };
    let place = match &s.consultation_point_name {
        Some(p) if place.is_empty() => p.clone(),
        Some(p) => format!("{p}; {place}"),
        None => place,
    };
    vec![
        n.to_string(),
        format_date_ru(zone::local(a, tz).date()),
        format!("{}–{}", zone::hhmm(a, tz), zone::hhmm(b, tz)),
        s.form.label_ru().to_string(),
        s.title.clone(),
        tutors.join(", "),
        place,
    ]
}
