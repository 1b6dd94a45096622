//! The coordinator's view: requests by status and age, sessions this month by form,
//! ШНОР without sessions this quarter, tutor load.

use crate::auth::{AuthUser, Reach};
use crate::error::{AppError, AppResult};
use crate::features::requests::ops::composition_tutors;
use crate::store::conn::DbConn;
use crate::store::schema::{requests, schools, session_tutors, sessions};
use chrono::{Datelike, NaiveDate};
use diesel::prelude::*;
use tutornet_domain::community::{
    current_or_last_quarter, ActivityType, Dashboard, FormOfWork, LabelledCount, RequestStatus,
    SchoolRef, TutorLoad,
};
use tutornet_domain::permissions::{Action, Resource};

/// Counts of sessions' forms by activity type, every type listed.
fn by_activity<'a>(forms: impl Iterator<Item = &'a String> + Clone) -> Vec<LabelledCount> {
    ActivityType::ALL
        .iter()
        .map(|a| LabelledCount {
            key: a.as_str().into(),
            label: a.label_ru().into(),
            count: forms
                .clone()
                .filter(|f| FormOfWork::parse(f).map(FormOfWork::activity) == Some(*a))
                .count() as i64,
        })
        .collect()
}

fn add_months(d: NaiveDate, n: u32) -> NaiveDate {
    d.checked_add_months(chrono::Months::new(n)).unwrap_or(d)
}

pub fn dashboard(
    conn: &mut DbConn,
    user: &AuthUser,
    stale_days: i64,
    municipality: Option<&str>,
) -> AppResult<Dashboard> {
    // The dashboard is a coordinator's tool: one municipality — the coordinator's own, or
    // the one a regional admin chooses.
    let m = match (user.reach(Resource::Request, Action::Update)?, municipality) {
        (Reach::Municipality(own), None) => own,
        (Reach::Municipality(own), Some(m)) if m == own => own,
        (Reach::Municipality(_), Some(_)) => {
            return Err(AppError::NotFound("Муниципалитет не найден".into()))
        }
        (Reach::Region(r), Some(m)) => {
            if crate::access::places::region_of(conn, m)?.as_deref() != Some(r.as_str()) {
                return Err(AppError::NotFound("Муниципалитет не найден".into()));
            }
            m.to_string()
        }
        (Reach::Region(_), None) => match user.municipality_id.clone() {
            Some(own) => own,
            None => {
                return Err(AppError::field(
                    "municipality_id",
                    "required",
                    "Выберите муниципалитет: сводка строится по одному муниципалитету",
                ))
            }
        },
        _ => return Err(AppError::forbidden()),
    };
    let statuses: Vec<String> = requests::table
        .filter(requests::municipality_id.eq(&m))
        .select(requests::status)
        .load(conn)?;
    let requests_by_status = RequestStatus::ALL
        .iter()
        .map(|s| LabelledCount {
            key: s.as_str().into(),
            label: s.label_ru().into(),
            count: statuses.iter().filter(|x| *x == s.as_str()).count() as i64,
        })
        .collect();
    // Oldest change first.
    let stale_requests = crate::features::requests::ops::stale(conn, &m, stale_days)?;
    let tz = crate::store::zone::of_municipality(conn, &m)?;
    let today = crate::store::zone::today(tz);
    let month_start = today.with_day(1).unwrap_or(today);
    let month_end = add_months(month_start, 1);
    let local_midnight = |d: chrono::NaiveDate| {
        crate::store::zone::utc(d.and_hms_opt(0, 0, 0).unwrap_or_default(), tz)
    };
    let month: Vec<(String, String)> = sessions::table
        .filter(sessions::municipality_id.eq(&m))
        .filter(sessions::status.ne("cancelled"))
        .filter(sessions::starts_at.ge(local_midnight(month_start)))
        .filter(sessions::starts_at.lt(local_midnight(month_end)))
        .select((sessions::form, sessions::status))
        .load(conn)?;
    let sessions_this_month_by_form = FormOfWork::ALL
        .iter()
        .map(|f| LabelledCount {
            key: f.as_str().into(),
            label: f.label_ru().into(),
            count: month.iter().filter(|(x, _)| x == f.as_str()).count() as i64,
        })
        .filter(|c| c.count > 0)
        .collect();
    let held_this_month = month.iter().filter(|(_, s)| s == "held").count() as i64;
    let sessions_this_month_by_activity = by_activity(month.iter().map(|(f, _)| f));
    let year_forms: Vec<String> = match crate::features::academic_years::ops::current(conn)? {
        Some(y) => sessions::table
            .filter(sessions::municipality_id.eq(&m))
            .filter(sessions::academic_year_id.eq(&y.id))
            .filter(sessions::status.ne("cancelled"))
            .select(sessions::form)
            .load(conn)?,
        None => Vec::new(),
    };
    let sessions_this_year_by_activity = by_activity(year_forms.iter());
    // «This quarter» is the school quarter (the last one during the holidays).
    let quarter = current_or_last_quarter(today);
    let q_start = local_midnight(quarter.starts_on);
    let q_end = local_midnight(quarter.ends_on.succ_opt().unwrap_or(quarter.ends_on));
    let in_quarter = sessions::status
        .ne("cancelled")
        .and(sessions::starts_at.ge(q_start))
        .and(sessions::starts_at.lt(q_end));
    let mut covered: Vec<String> = requests::table
        .inner_join(sessions::table.on(sessions::id.nullable().eq(requests::session_id)))
        .filter(requests::municipality_id.eq(&m))
        .filter(in_quarter)
        .select(requests::school_id)
        .load(conn)?;
    // A request answered by a series is covered by any of its occurrences.
    covered.extend(
        requests::table
            .inner_join(sessions::table.on(sessions::series_id.eq(requests::series_id)))
            .filter(requests::municipality_id.eq(&m))
            .filter(in_quarter)
            .select(requests::school_id)
            .load::<String>(conn)?,
    );
    let mut low: Vec<(String, String, String)> = schools::table
        .filter(schools::municipality_id.eq(&m))
        .filter(schools::is_low_results.eq(true))
        .filter(schools::archived_at.is_null())
        .select((schools::id, schools::short_name, schools::name_sort))
        .load(conn)?;
    low.sort_by(|a, b| a.2.cmp(&b.2));
    let low_results_without_session = low
        .into_iter()
        .filter(|(id, _, _)| !covered.contains(id))
        .map(|(id, short_name, _)| SchoolRef { id, short_name })
        .collect();
    let mut tutor_load = Vec::new();
    for (uid, name, _) in composition_tutors(conn, &m)? {
        let (open, planned) = crate::features::requests::ops::tutor_load(conn, &uid)?;
        let held: i64 = session_tutors::table
            .inner_join(sessions::table)
            .filter(session_tutors::user_id.eq(&uid))
            .filter(sessions::status.eq("held"))
            .filter(sessions::starts_at.ge(local_midnight(month_start)))
            .count()
            .get_result(conn)?;
        tutor_load.push(TutorLoad {
            user_id: uid,
            full_name: name,
            open_requests: open,
            planned_sessions: planned,
            held_this_month: held,
        });
    }
    tutornet_domain::text::sort_ru(&mut tutor_load, |t| t.full_name.as_str());
    Ok(Dashboard {
        requests_by_status,
        stale_requests,
        stale_after_days: stale_days,
        sessions_this_month_by_form,
        sessions_this_month_by_activity,
        sessions_this_year_by_activity,
        held_this_month,
        quarter: quarter.label_ru(),
        low_results_without_session,
        tutor_load,
    })
}
