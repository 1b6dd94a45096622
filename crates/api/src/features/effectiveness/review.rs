//! The review of a municipality's academic year, the records behind each figure, and
//! the effect analysis: who may read them, the period, and the figures assembled from
//! what `gather` read (the comparison itself is `tutornet_domain::effectiveness`).

use super::gather::{gather, Gathered, Period};
use crate::auth::AuthUser;
use crate::error::{AppError, AppResult};
use crate::features::academic_years::ops as years;
use crate::store::conn::DbConn;
use crate::store::schema::{academic_years, municipalities};
use crate::store::zone;
use diesel::prelude::*;
use std::collections::HashMap;
use tutornet_domain::community::ActivityType;
use tutornet_domain::community::FormOfWork;
use tutornet_domain::effectiveness::*;
use tutornet_domain::library::MaterialType;
use tutornet_domain::org::AcademicYear;
use tutornet_domain::permissions::{Action, Resource};
use tutornet_domain::results::Procedure;
use tutornet_domain::reviews::ReviewStatus;

/// What one review reads: the place, the year and the one before it, the period.
pub struct Scope {
    pub municipality_id: String,
    pub municipality_name: String,
    pub year: AcademicYear,
    pub previous: Option<AcademicYear>,
    pub procedure: Procedure,
    pub tz: chrono_tz::Tz,
    pub period: Period,
}

pub fn scope(
    conn: &mut DbConn,
    user: &AuthUser,
    municipality_id: Option<&str>,
    year_id: Option<&str>,
    procedure: Option<Procedure>,
) -> AppResult<Scope> {
    user.reach(Resource::Effectiveness, Action::Read)?;
    let m = municipality_id
        .map(str::to_string)
        .or_else(|| user.municipality_id.clone())
        .ok_or_else(|| {
            AppError::field(
                "municipality_id",
                "required",
                "Выберите муниципалитет: анализ строится по одному муниципалитету",
            )
        })?;
    crate::access::places::check_place(
        conn,
        user,
        Resource::Effectiveness,
        Action::Read,
        &m,
        None,
    )?;
    let municipality_name: String = municipalities::table
        .find(&m)
        .select(municipalities::name)
        .first(conn)?;
    let year = match year_id {
        Some(id) => years::find(conn, id).map_err(|_| {
            AppError::field(
                "academic_year_id",
                "invalid_reference",
                "Учебный год не найден",
            )
        })?,
        None => years::require_current(conn)?,
    };
    let previous_id: Option<String> = academic_years::table
        .filter(academic_years::starts_on.lt(year.starts_on))
        .filter(academic_years::archived_at.is_null())
        .order(academic_years::starts_on.desc())
        .select(academic_years::id)
        .first(conn)
        .optional()?;
    let previous = previous_id.map(|id| years::find(conn, &id)).transpose()?;
    let tz = zone::of_municipality(conn, &m)?;
    let period = Period::new(year.starts_on, year.ends_on, tz);
    Ok(Scope {
        municipality_id: m,
        municipality_name,
        year,
        previous,
        procedure: procedure.unwrap_or(Procedure::Vpr),
        tz,
        period,
    })
}

/// The scope a review or analysis query names.
pub fn scope_for(conn: &mut DbConn, user: &AuthUser, q: &EffectivenessQuery) -> AppResult<Scope> {
    scope(
        conn,
        user,
        q.municipality_id.as_deref(),
        q.academic_year_id.as_deref(),
        q.procedure,
    )
}

/// Each school with its support in the year and its results in both years.
fn inputs(conn: &mut DbConn, s: &Scope, g: &Gathered) -> AppResult<Vec<SchoolInput>> {
    let totals = |conn: &mut DbConn, y: Option<&AcademicYear>| match y {
        Some(y) => crate::features::results::rules::school_totals(
            conn,
            &s.municipality_id,
            &y.id,
            s.procedure,
        ),
        None => Ok(HashMap::new()),
    };
    let before = totals(conn, s.previous.as_ref())?;
    let after = totals(conn, Some(&s.year))?;
    let mut support: HashMap<&str, Support> = HashMap::new();
    for x in &g.sessions {
        for school in &x.schools {
            let e = support.entry(school.as_str()).or_default();
            e.sessions += 1;
            e.hours += x.hours;
        }
    }
    for r in &g.reviews {
        support.entry(r.school_id.as_str()).or_default().reviews += 1;
    }
    for st in g.steps.iter().filter_map(|st| st.school_id.as_deref()) {
        support.entry(st).or_default().steps += 1;
    }
    Ok(g.schools
        .iter()
        .map(|sc| SchoolInput {
            school_id: sc.id.clone(),
            school_name: sc.name.clone(),
            is_low_results: sc.low,
            is_difficult_conditions: sc.difficult,
            support: support.get(sc.id.as_str()).copied().unwrap_or_default(),
            before: before.get(&sc.id).copied().unwrap_or_default(),
            after: after.get(&sc.id).copied().unwrap_or_default(),
        })
        .collect())
}

fn supported(i: &SchoolInput) -> bool {
    (i.is_low_results || i.is_difficult_conditions) && i.support.events() > 0
}

fn count(g: &Gathered, inputs: &[SchoolInput], ind: Indicator) -> f64 {
    match ind {
        Indicator::SessionsHeld => g.sessions.len() as f64,
        Indicator::Hours => g.sessions.iter().map(|s| s.hours).sum(),
        Indicator::TeachersReached => g.reached.len() as f64,
        Indicator::SchoolsSupported => inputs.iter().filter(|i| supported(i)).count() as f64,
        Indicator::ReviewsCompleted => g.reviews.len() as f64,
        Indicator::TrajectoryStepsDone => g.steps.len() as f64,
        Indicator::Ratings => g.ratings.len() as f64,
        Indicator::MaterialsPublished => g.materials.len() as f64,
    }
}

fn sessions_of(g: &Gathered, key: FigureKey) -> i64 {
    g.sessions
        .iter()
        .filter(|s| key.counts_form(s.form))
        .count() as i64
}

pub fn review(conn: &mut DbConn, s: &Scope) -> AppResult<EffectivenessReview> {
    let g = gather(conn, &s.municipality_id, &s.period, s.tz)?;
    let inputs = inputs(conn, s, &g)?;
    let figures = Indicator::ALL
        .iter()
        .map(|&ind| match ind {
            Indicator::Hours => {
                Figure::decimal(FigureKey::of(ind), ind.label_ru(), count(&g, &inputs, ind))
            }
            _ => Figure::count(
                FigureKey::of(ind),
                ind.label_ru(),
                count(&g, &inputs, ind) as i64,
            ),
        })
        .collect();
    let by_activity = ActivityType::ALL
        .iter()
        .map(|&a| {
            let key = FigureKey {
                activity: Some(a),
                ..FigureKey::of(Indicator::SessionsHeld)
            };
            Figure::count(key, a.label_ru(), sessions_of(&g, key))
        })
        .collect();
    let by_form = FormOfWork::ALL
        .iter()
        .map(|&f| {
            let key = FigureKey {
                form: Some(f),
                ..FigureKey::of(Indicator::SessionsHeld)
            };
            Figure::count(key, f.label_ru(), sessions_of(&g, key))
        })
        .filter(|f| f.value > 0.0)
        .collect();
    let mean_rating = (!g.ratings.is_empty()).then(|| {
        let sum: i32 = g.ratings.iter().map(|r| r.score).sum();
        (sum as f64 / g.ratings.len() as f64 * 10.0).round() / 10.0
    });
    let p = s.procedure;
    let failing = vec![
        group_change(
            "Сопровождаемые ШНОР/ШССУ",
            inputs.iter().filter(|i| supported(i)),
            p,
        ),
        group_change(
            "Остальные школы муниципалитета",
            inputs.iter().filter(|i| !supported(i)),
            p,
        ),
        group_change("Все школы муниципалитета", inputs.iter(), p),
    ];
    Ok(EffectivenessReview {
        municipality_id: s.municipality_id.clone(),
        municipality_name: s.municipality_name.clone(),
        academic_year_id: s.year.id.clone(),
        academic_year_name: s.year.name.clone(),
        starts_on: s.year.starts_on,
        ends_on: s.year.ends_on,
        as_of: zone::today(s.tz),
        figures,
        mean_rating,
        by_activity,
        by_form,
        procedure: p,
        previous_year_name: s.previous.as_ref().map(|y| y.name.clone()),
        failing,
    })
}

pub fn analysis(conn: &mut DbConn, s: &Scope) -> AppResult<EffectAnalysis> {
    let g = gather(conn, &s.municipality_id, &s.period, s.tz)?;
    let inputs = inputs(conn, s, &g)?;
    let (schools, supported, comparison) = analyse(&inputs, s.procedure);
    Ok(EffectAnalysis {
        municipality_id: s.municipality_id.clone(),
        academic_year_id: s.year.id.clone(),
        academic_year_name: s.year.name.clone(),
        previous_year_name: s.previous.as_ref().map(|y| y.name.clone()),
        procedure: s.procedure,
        schools,
        supported,
        comparison,
        caveats: CAVEATS.iter().map(|c| c.to_string()).collect(),
    })
}

fn record(
    kind: RecordKind,
    id: &str,
    date: Option<chrono::NaiveDate>,
    title: &str,
    detail: Option<String>,
    href: String,
) -> FigureRecord {
    FigureRecord {
        kind,
        id: id.into(),
        date,
        title: title.into(),
        detail,
        href,
    }
}

/// The records a figure counts, in the order they happened (people and schools by name).
pub fn records(conn: &mut DbConn, s: &Scope, key_text: &str) -> AppResult<FigureRecords> {
    let key = FigureKey::parse(key_text).ok_or_else(|| {
        AppError::field(
            "key",
            "invalid",
            "Неизвестный показатель анализа эффективности",
        )
    })?;
    let g = gather(conn, &s.municipality_id, &s.period, s.tz)?;
    let names: HashMap<&str, &str> = g
        .schools
        .iter()
        .map(|x| (x.id.as_str(), x.name.as_str()))
        .collect();
    let school = |id: &str| names.get(id).map(|n| n.to_string());
    let label = match (key.activity, key.form) {
        (Some(a), _) => format!("{}: {}", key.indicator.label_ru(), a.label_ru()),
        (_, Some(f)) => format!("{}: {}", key.indicator.label_ru(), f.label_ru()),
        _ => key.indicator.label_ru().to_string(),
    };
    let records = match key.indicator {
        Indicator::SessionsHeld | Indicator::Hours => g
            .sessions
            .iter()
            .filter(|x| key.counts_form(x.form))
            .map(|x| {
                let form = x.form.map(|f| f.label_ru()).unwrap_or("");
                record(
                    RecordKind::Session,
                    &x.id,
                    Some(zone::local(x.starts_at, s.tz).date()),
                    &x.title,
                    Some(format!("{form}, {} ч", decimal_ru(x.hours))),
                    format!("/sessions/{}", x.id),
                )
            })
            .collect(),
        Indicator::TeachersReached => g
            .reached
            .iter()
            .map(|t| {
                record(
                    RecordKind::Teacher,
                    &t.user_id,
                    None,
                    &t.full_name,
                    school(&t.school_id),
                    format!("/users/{}/edit", t.user_id),
                )
            })
            .collect(),
        Indicator::SchoolsSupported => inputs(conn, s, &g)?
            .iter()
            .filter(|i| supported(i))
            .map(|i| {
                let x = i.support;
                let detail = format!(
                    "мероприятий: {}, часов: {}, экспертиз: {}, шагов ИОМ: {}",
                    x.sessions,
                    decimal_ru(x.hours),
                    x.reviews,
                    x.steps
                );
                record(
                    RecordKind::School,
                    &i.school_id,
                    None,
                    &i.school_name,
                    Some(detail),
                    format!("/schools/{}", i.school_id),
                )
            })
            .collect(),
        Indicator::ReviewsCompleted => g
            .reviews
            .iter()
            .map(|r| {
                let status = ReviewStatus::parse(&r.status)
                    .map(|x| x.label_ru())
                    .unwrap_or("");
                let detail = match school(&r.school_id) {
                    Some(n) => format!("{status}, {n}"),
                    None => status.to_string(),
                };
                record(
                    RecordKind::Review,
                    &r.id,
                    Some(r.signed_on),
                    &r.title,
                    Some(detail),
                    format!("/reviews/{}", r.id),
                )
            })
            .collect(),
        Indicator::TrajectoryStepsDone => g
            .steps
            .iter()
            .map(|st| {
                record(
                    RecordKind::TrajectoryStep,
                    &st.trajectory_id,
                    Some(st.done_on),
                    &st.title,
                    Some(st.learner.clone()),
                    format!("/trajectories/{}", st.trajectory_id),
                )
            })
            .collect(),
        Indicator::Ratings => g
            .ratings
            .iter()
            .map(|r| {
                record(
                    RecordKind::Rating,
                    &r.id,
                    None,
                    &r.session_title,
                    Some(format!("оценка {}", r.score)),
                    format!("/sessions/{}", r.session_id),
                )
            })
            .collect(),
        Indicator::MaterialsPublished => g
            .materials
            .iter()
            .map(|x| {
                let kind = MaterialType::parse(&x.material_type).map(|t| t.label_ru());
                record(
                    RecordKind::Material,
                    &x.item_id,
                    Some(x.on),
                    &x.title,
                    kind.map(str::to_string),
                    format!("/library/{}", x.item_id),
                )
            })
            .collect(),
    };
    Ok(FigureRecords {
        key: key.text(),
        label,
        records,
    })
}
