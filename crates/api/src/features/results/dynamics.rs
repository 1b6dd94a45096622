//! Dynamics of a school and of a municipality against the municipal and regional
//! averages (pooled), with flags, scales and sessions; the risk list.

use super::policy::{self, Fact, Of};
use super::repo::{self, Year};
use super::rows::{ScaleBounds, ScaleRow};
use super::rules::{school_place, R};
use crate::auth::{AuthUser, Reach};
use crate::error::{AppError, AppResult};
use crate::store::conn::DbConn;
use crate::store::schema::{municipalities, school_flags, schools, subjects};
use diesel::prelude::*;
use std::collections::{BTreeMap, HashMap};
use tutornet_domain::community::{SessionFilter, SessionStatus};
use tutornet_domain::permissions::Action;
use tutornet_domain::results::metrics::risk_reasons;
use tutornet_domain::results::*;

fn facts(rows: Vec<super::rows::ResultRow>) -> Vec<Fact> {
    rows.into_iter()
        .map(|r| Fact {
            totals: r.totals(),
            year: r.academic_year_id,
            municipality: r.municipality_id,
            school: r.school_id,
        })
        .collect()
}

fn region_municipalities(conn: &mut DbConn, region: &str) -> AppResult<Vec<String>> {
    Ok(municipalities::table
        .filter(municipalities::region_id.eq(region))
        .select(municipalities::id)
        .load(conn)?)
}

fn subject_name(conn: &mut DbConn, id: &str) -> AppResult<String> {
    subjects::table
        .find(id)
        .select(subjects::name)
        .first(conn)
        .optional()?
        .ok_or_else(|| AppError::field("subject_id", "invalid_reference", "Предмет не найден"))
}

/// The scale line of each year and whether it differs from the previous year's.
fn scale_marks(years: &[&Year], scales: &HashMap<String, ScaleRow>) -> Vec<(Option<String>, bool)> {
    let mut prev: Option<ScaleBounds> = None;
    years
        .iter()
        .map(|y| match scales.get(&y.id) {
            Some(s) => {
                let b = s.bounds();
                let changed = prev.is_some_and(|p| p != b);
                prev = Some(b);
                (
                    Some(scale_text(b.max_score, b.min3, b.min4, b.min5)),
                    changed,
                )
            }
            None => (None, false),
        })
        .collect()
}

/// The series of a school or municipality with the averages.
fn dynamics(
    conn: &mut DbConn,
    q: &DynamicsQuery,
    of: Of,
    municipality: &str,
    region: &str,
) -> AppResult<(Vec<Year>, Vec<Fact>, Vec<YearPoint>)> {
    let ms = region_municipalities(conn, region)?;
    let rows = repo::series_rows(
        conn,
        &ms,
        Some(q.procedure),
        Some(&q.subject_id),
        Some(q.grade),
    )?;
    let facts = facts(rows);
    let years = repo::years(conn)?;
    let order: Vec<String> = years.iter().map(|y| y.id.clone()).collect();
    let points = policy::series(&order, &facts, of, municipality, q.procedure);
    let by_id: HashMap<&str, &Year> = years.iter().map(|y| (y.id.as_str(), y)).collect();
    let shown: Vec<&Year> = points.iter().map(|p| by_id[p.year.as_str()]).collect();
    let scales = repo::scales(conn, municipality, q.procedure, &q.subject_id, q.grade)?;
    let marks = scale_marks(&shown, &scales);
    let out = points
        .into_iter()
        .zip(shown.iter())
        .zip(marks)
        .map(|((p, y), (scale, changed))| YearPoint {
            academic_year_id: y.id.clone(),
            academic_year_name: y.name.clone(),
            own: p.own,
            municipal: p.municipal,
            regional: p.regional,
            scale_changed: changed,
            scale,
            is_low_results: false,
            is_difficult_conditions: false,
            sessions_held: None,
        })
        .collect();
    Ok((years, facts, out))
}

fn risks_of(points: &[YearPoint]) -> Vec<RiskReason> {
    let s: Vec<Option<f64>> = points
        .iter()
        .map(|p| p.own.and_then(|m| m.failing_share))
        .collect();
    risk_reasons(&s, DEFAULT_THRESHOLD)
}

/// A school's series next to its municipality and region, with its flags and the
/// sessions it received each year.
pub fn school_dynamics(
    conn: &mut DbConn,
    user: &AuthUser,
    school_id: &str,
    q: &DynamicsQuery,
) -> AppResult<Dynamics> {
    let place = school_place(conn, school_id)?;
    crate::access::places::check_place(
        conn,
        user,
        R,
        Action::Read,
        &place.municipality,
        Some(school_id),
    )?;
    let subject_name = subject_name(conn, &q.subject_id)?;
    let (years, _, mut points) = dynamics(
        conn,
        q,
        Of::School(school_id),
        &place.municipality,
        &place.region,
    )?;
    let flags: HashMap<String, (bool, bool)> = school_flags::table
        .filter(school_flags::school_id.eq(school_id))
        .select((
            school_flags::academic_year_id,
            school_flags::is_low_results,
            school_flags::is_difficult_conditions,
        ))
        .load::<(String, bool, bool)>(conn)?
        .into_iter()
        .map(|(y, a, b)| (y, (a, b)))
        .collect();
    let current = crate::features::academic_years::ops::current(conn)?.map(|y| y.id);
    for p in &mut points {
        let (low, difficult) = flags.get(&p.academic_year_id).copied().unwrap_or(
            if current.as_deref() == Some(p.academic_year_id.as_str()) {
                (place.low, place.difficult)
            } else {
                (false, false)
            },
        );
        p.is_low_results = low;
        p.is_difficult_conditions = difficult;
        if let Some(y) = years.iter().find(|y| y.id == p.academic_year_id) {
            p.sessions_held = held_sessions(conn, user, school_id, y);
        }
    }
    Ok(Dynamics {
        procedure: q.procedure,
        subject_id: q.subject_id.clone(),
        subject_name,
        grade: q.grade,
        id: school_id.to_string(),
        name: place.name,
        risks: risks_of(&points),
        years: points,
        schools: Vec::new(),
    })
}

/// Held sessions answering the school's requests within the year (as the caller may
/// see them); `None` when the caller cannot list sessions.
fn held_sessions(conn: &mut DbConn, user: &AuthUser, school: &str, y: &Year) -> Option<i64> {
    let f = SessionFilter {
        from: y.starts_on.and_hms_opt(0, 0, 0).map(|t| t.and_utc()),
        to: y.ends_on.and_hms_opt(23, 59, 59).map(|t| t.and_utc()),
        school_id: Some(school.to_string()),
        status: Some(SessionStatus::Held),
        limit: Some(1),
        ..Default::default()
    };
    crate::features::sessions::rules::list(conn, user, &f)
        .ok()
        .map(|p| p.total)
}

/// A municipality's series against the region, with every school's numbers.
pub fn municipality_dynamics(
    conn: &mut DbConn,
    user: &AuthUser,
    municipality_id: &str,
    q: &DynamicsQuery,
) -> AppResult<Dynamics> {
    let (region, name): (String, String) = municipalities::table
        .find(municipality_id)
        .select((municipalities::region_id, municipalities::name))
        .first(conn)
        .optional()?
        .ok_or_else(|| AppError::NotFound("Муниципалитет не найден".into()))?;
    crate::access::places::check_place(conn, user, R, Action::Read, municipality_id, None)?;
    let subject_name = subject_name(conn, &q.subject_id)?;
    let (_, facts, points) = dynamics(
        conn,
        q,
        Of::Municipality(municipality_id),
        municipality_id,
        &region,
    )?;
    let ids: Vec<&String> = points.iter().map(|p| &p.academic_year_id).collect();
    let table = policy::by_school(&ids, &facts, municipality_id, q.procedure);
    let info = school_info(conn, table.keys().cloned().collect())?;
    let mut schools: Vec<SchoolSeries> = table
        .into_iter()
        .map(|(id, years)| {
            let (name, low, difficult) = info.get(&id).cloned().unwrap_or_default();
            SchoolSeries {
                school_id: id,
                school_name: name,
                is_low_results: low,
                is_difficult_conditions: difficult,
                years,
            }
        })
        .collect();
    schools.sort_by_key(|s| tutornet_domain::text::collation_key(&s.school_name));
    Ok(Dynamics {
        procedure: q.procedure,
        subject_id: q.subject_id.clone(),
        subject_name,
        grade: q.grade,
        id: municipality_id.to_string(),
        name,
        risks: risks_of(&points),
        years: points,
        schools,
    })
}

/// Short name and current ШНОР/ШССУ flags of schools.
fn school_info(
    conn: &mut DbConn,
    ids: Vec<String>,
) -> AppResult<HashMap<String, (String, bool, bool)>> {
    Ok(schools::table
        .filter(schools::id.eq_any(ids))
        .select((
            schools::id,
            schools::short_name,
            schools::is_low_results,
            schools::is_difficult_conditions,
        ))
        .load::<(String, String, bool, bool)>(conn)?
        .into_iter()
        .map(|(id, n, l, d)| (id, (n, l, d)))
        .collect())
}

/// Schools whose failing share is above the threshold in the latest year, or rose two
/// years running, for every procedure × subject × grade of the municipality.
pub fn risks(conn: &mut DbConn, user: &AuthUser, q: &RiskQuery) -> AppResult<RiskList> {
    let threshold = q.threshold.unwrap_or(DEFAULT_THRESHOLD);
    if !(0.0..=100.0).contains(&threshold) {
        return Err(AppError::field(
            "threshold",
            "invalid",
            "Порог — от 0 до 100 %",
        ));
    }
    let reach = user.reach(R, Action::Read)?;
    let m = q
        .municipality_id
        .clone()
        .or_else(|| user.municipality_id.clone())
        .ok_or_else(|| AppError::field("municipality_id", "required", "Выберите муниципалитет"))?;
    let only_school = match &reach {
        Reach::School(s) | Reach::SchoolOrOwn(s, _) => Some(s.clone()),
        _ => None,
    };
    crate::access::places::check_place(conn, user, R, Action::Read, &m, only_school.as_deref())?;
    let rows = repo::series_rows(
        conn,
        std::slice::from_ref(&m),
        q.procedure,
        q.subject_id.as_deref(),
        q.grade,
    )?;
    let years = repo::years(conn)?;
    let order: Vec<String> = years.iter().map(|y| y.id.clone()).collect();
    // Group by procedure × subject × grade.
    let mut groups: BTreeMap<(String, String, i32), Vec<Fact>> = BTreeMap::new();
    for r in rows {
        let key = (r.procedure.clone(), r.subject_id.clone(), r.grade);
        groups.entry(key).or_default().extend(facts(vec![r]));
    }
    let mut items = Vec::new();
    for ((p, subject, grade), fs) in groups {
        let procedure =
            crate::store::stored::stored(&p, "assessment_results.procedure", Procedure::parse)?;
        let ys = policy::years_of(&order, &fs, &m);
        let table = policy::by_school(&ys, &fs, &m, procedure);
        for (school, series) in table {
            if only_school.as_ref().is_some_and(|s| *s != school) {
                continue;
            }
            let shares: Vec<Option<f64>> = series
                .iter()
                .map(|x| x.and_then(|m| m.failing_share))
                .collect();
            let reasons = risk_reasons(&shares, threshold);
            if reasons.is_empty() {
                continue;
            }
            let latest = series
                .iter()
                .zip(&ys)
                .rev()
                .find_map(|(x, y)| x.map(|x| (x, *y)));
            let name_of = |id: &String| {
                years
                    .iter()
                    .find(|y| &y.id == id)
                    .map(|y| y.name.clone())
                    .unwrap_or_default()
            };
            items.push(RiskFlag {
                school_id: school.clone(),
                school_name: String::new(),
                is_low_results: false,
                is_difficult_conditions: false,
                procedure,
                subject_id: subject.clone(),
                subject_name: String::new(),
                grade,
                academic_year_name: latest.map(|l| name_of(l.1)).unwrap_or_default(),
                failing_share: latest.and_then(|l| l.0.failing_share),
                participants: latest.map(|l| l.0.participants).unwrap_or(0),
                reasons,
                series: ys
                    .iter()
                    .zip(&shares)
                    .map(|(y, s)| SharePoint {
                        academic_year_name: name_of(y),
                        failing_share: *s,
                    })
                    .collect(),
            });
        }
    }
    let info = school_info(conn, items.iter().map(|i| i.school_id.clone()).collect())?;
    let subjects = crate::store::names::subject_names(
        conn,
        items.iter().map(|i| i.subject_id.clone()).collect(),
    )?;
    for i in &mut items {
        if let Some((n, l, d)) = info.get(&i.school_id) {
            (i.school_name, i.is_low_results, i.is_difficult_conditions) = (n.clone(), *l, *d);
        }
        i.subject_name = subjects.get(&i.subject_id).cloned().unwrap_or_default();
    }
    items.sort_by(|a, b| {
        b.failing_share
            .unwrap_or(0.0)
            .total_cmp(&a.failing_share.unwrap_or(0.0))
            .then_with(|| a.school_name.cmp(&b.school_name))
    });
    Ok(RiskList { threshold, items })
}
