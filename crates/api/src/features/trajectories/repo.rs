//! Queries of trajectories (private to the noun): rows, the list in reach, one
//! trajectory with its deficits and steps, and the writes of its parts.

use crate::auth::Reach;
use crate::error::{AppError, AppResult};
use crate::store::conn::{DbConn, MultiBackend};
use crate::store::names::{school_short_names, user_names};
use crate::store::page::{finish_page, page_limit, Cursor};
use crate::store::record::Found;
use crate::store::schema::{
    academic_years, trajectories as t, trajectory_deficits as td, trajectory_steps as ts, users,
};
use diesel::prelude::*;
use std::collections::HashMap;
use tutornet_domain::growth::diagnostics::CompetencyArea;
use tutornet_domain::growth::trajectories::{
    Evidence, EvidenceKind, Flow, Progress, Step, StepKind, Trajectory, TrajectoryDeficit,
    TrajectoryFilter, TrajectoryStatus, TrajectorySummary,
};
use tutornet_domain::Page;

crate::bookkeeping!(TrajectoryBook, trajectories);

#[derive(Queryable, Selectable, Clone)]
#[diesel(table_name = t)]
pub(super) struct TrajectoryRow {
    pub id: String,
    pub user_id: String,
    pub municipality_id: String,
    pub school_id: Option<String>,
    pub academic_year_id: String,
    pub mentor_user_id: String,
    pub title: String,
    pub status: String,
    pub learner_agreed: bool,
    pub mentor_agreed: bool,
    #[diesel(embed)]
    pub book: TrajectoryBook,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = ts)]
pub(super) struct StepRow {
    pub id: String,
    pub trajectory_id: String,
    pub position: i32,
    pub indicator_id: Option<String>,
    pub kind: String,
    pub title: String,
    pub deadline: chrono::NaiveDate,
    pub expected_product: String,
    pub done_on: Option<chrono::NaiveDate>,
    pub evidence_kind: Option<String>,
    pub evidence_ref: Option<String>,
    pub evidence_label: Option<String>,
}

fn unknown(what: &str, v: &str) -> AppError {
    AppError::Internal(format!("unknown {what} {v:?} in the database"))
}

pub(super) fn status(r: &TrajectoryRow) -> AppResult<TrajectoryStatus> {
    TrajectoryStatus::parse(&r.status).ok_or_else(|| unknown("status", &r.status))
}

fn to_step(r: StepRow, today: chrono::NaiveDate) -> AppResult<Step> {
    let evidence = match (r.evidence_kind.as_deref(), r.evidence_label) {
        (Some(k), Some(label)) => Some(Evidence {
            kind: EvidenceKind::parse(k).ok_or_else(|| unknown("evidence", k))?,
            ref_id: r.evidence_ref,
            label,
        }),
        _ => None,
    };
    Ok(Step {
        kind: StepKind::parse(&r.kind).ok_or_else(|| unknown("step kind", &r.kind))?,
        overdue: r.done_on.is_none() && r.deadline < today,
        id: r.id,
        position: r.position,
        indicator_id: r.indicator_id,
        title: r.title,
        deadline: r.deadline,
        expected_product: r.expected_product,
        done_on: r.done_on,
        evidence,
    })
}

pub(super) fn steps(
    conn: &mut DbConn,
    ids: &[String],
    today: chrono::NaiveDate,
) -> AppResult<HashMap<String, Vec<Step>>> {
    let rows: Vec<StepRow> = ts::table
        .filter(ts::trajectory_id.eq_any(ids))
        .order((ts::trajectory_id, ts::position, ts::id))
        .select(StepRow::as_select())
        .load(conn)?;
    let mut out: HashMap<String, Vec<Step>> = HashMap::new();
    for r in rows {
        let tid = r.trajectory_id.clone();
        out.entry(tid).or_default().push(to_step(r, today)?);
    }
    Ok(out)
}

pub(super) fn row(conn: &mut DbConn, id: &str) -> AppResult<TrajectoryRow> {
    t::table
        .find(id)
        .select(TrajectoryRow::as_select())
        .first(conn)
        .found("Индивидуальный маршрут не найден")
}

/// The workflow's view of a stored trajectory.
pub(super) fn flow(conn: &mut DbConn, r: &TrajectoryRow) -> AppResult<Flow> {
    let steps: Vec<Option<chrono::NaiveDate>> = ts::table
        .filter(ts::trajectory_id.eq(&r.id))
        .select(ts::done_on)
        .load(conn)?;
    let deficits: i64 = td::table
        .filter(td::trajectory_id.eq(&r.id))
        .count()
        .get_result(conn)?;
    Ok(Flow {
        status: status(r)?,
        learner_agreed: r.learner_agreed,
        mentor_agreed: r.mentor_agreed,
        steps: steps.len() as i64,
        steps_done: steps.iter().filter(|d| d.is_some()).count() as i64,
        deficits,
    })
}

/// One trajectory as the domain sees it; `today` decides what is overdue.
pub(super) fn find(conn: &mut DbConn, id: &str, today: chrono::NaiveDate) -> AppResult<Trajectory> {
    let r = row(conn, id)?;
    let people: Vec<(String, String, Option<String>)> = users::table
        .filter(users::id.eq_any([r.user_id.clone(), r.mentor_user_id.clone()]))
        .select((users::id, users::full_name, users::position))
        .load(conn)?;
    let person = |u: &str| people.iter().find(|p| p.0 == u);
    let year: String = academic_years::table
        .find(&r.academic_year_id)
        .select(academic_years::name)
        .first(conn)?;
    let school_name = match &r.school_id {
        Some(s) => school_short_names(conn, vec![s.clone()])?.remove(s),
        None => None,
    };
    let created = r.book.created_at.date();
    let after =
        crate::features::diagnostics::rules::latest_scores(conn, &r.user_id, None, Some(created))?;
    let def_rows: Vec<(String, String, Option<i32>, String, String)> = td::table
        .inner_join(crate::store::schema::competency_indicators::table)
        .filter(td::trajectory_id.eq(&r.id))
        .order(crate::store::schema::competency_indicators::position)
        .select((
            td::indicator_id,
            td::task,
            td::score_before,
            crate::store::schema::competency_indicators::name,
            crate::store::schema::competency_indicators::area,
        ))
        .load(conn)?;
    let deficits = def_rows
        .into_iter()
        .map(|(ind, task, score_before, name, area)| {
            Ok(TrajectoryDeficit {
                area: CompetencyArea::parse(&area).ok_or_else(|| unknown("area", &area))?,
                score_after: after.get(&ind).copied(),
                indicator_id: ind,
                indicator_name: name,
                task,
                score_before,
            })
        })
        .collect::<AppResult<Vec<_>>>()?;
    let steps = steps(conn, std::slice::from_ref(&r.id), today)?
        .remove(&r.id)
        .unwrap_or_default();
    Ok(Trajectory {
        status: status(&r)?,
        full_name: person(&r.user_id).map(|p| p.1.clone()).unwrap_or_default(),
        position: person(&r.user_id).and_then(|p| p.2.clone()),
        mentor_name: person(&r.mentor_user_id)
            .map(|p| p.1.clone())
            .unwrap_or_default(),
        academic_year_name: year,
        school_name,
        progress: Progress::of(&steps),
        deficits,
        steps,
        id: r.id,
        user_id: r.user_id,
        school_id: r.school_id,
        municipality_id: r.municipality_id,
        academic_year_id: r.academic_year_id,
        mentor_user_id: r.mentor_user_id,
        title: r.title,
        learner_agreed: r.learner_agreed,
        mentor_agreed: r.mentor_agreed,
        meta: r.book.into(),
    })
}

type Boxed<'a> = t::BoxedQuery<'a, MultiBackend>;

fn filtered<'a>(reach: &Reach, f: &TrajectoryFilter) -> Boxed<'a> {
    let own = |u: &String| t::user_id.eq(u.clone()).or(t::mentor_user_id.eq(u.clone()));
    let mut q = crate::in_reach!(
        t::table.into_boxed(), reach,
        region: (via t::municipality_id),
        municipality: (t::municipality_id),
        school: (t::school_id.assume_not_null()),
        own: (with own),
    );
    q = q.filter(t::archived_at.is_null());
    if let Some(m) = &f.municipality_id {
        q = q.filter(t::municipality_id.eq(m.clone()));
    }
    if let Some(s) = &f.school_id {
        q = q.filter(t::school_id.eq(s.clone()));
    }
    if let Some(u) = &f.user_id {
        q = q.filter(t::user_id.eq(u.clone()));
    }
    if let Some(u) = &f.mentor_user_id {
        q = q.filter(t::mentor_user_id.eq(u.clone()));
    }
    if let Some(s) = f.status {
        q = q.filter(t::status.eq(s.as_str()));
    }
    q
}

pub(super) fn list(
    conn: &mut DbConn,
    reach: &Reach,
    f: &TrajectoryFilter,
    today: chrono::NaiveDate,
) -> AppResult<Page<TrajectorySummary>> {
    let limit = page_limit(f.limit)?;
    let after = f.cursor.as_deref().map(Cursor::decode).transpose()?;
    let total: i64 = filtered(reach, f).count().get_result(conn)?;
    let mut q = filtered(reach, f);
    if let Some(c) = after {
        let at = chrono::NaiveDateTime::parse_from_str(&c.k, "%Y-%m-%dT%H:%M:%S%.f")
            .map_err(|_| AppError::field("cursor", "invalid_cursor", "Некорректный курсор"))?;
        q = q.filter(
            t::created_at
                .lt(at)
                .or(t::created_at.eq(at).and(t::id.lt(c.id))),
        );
    }
    let rows: Vec<TrajectoryRow> = q
        .order((t::created_at.desc(), t::id.desc()))
        .limit(limit + 1)
        .select(TrajectoryRow::as_select())
        .load(conn)?;
    let page = finish_page(
        rows,
        limit,
        total,
        |r| {
            Cursor::new(
                r.book.created_at.format("%Y-%m-%dT%H:%M:%S%.f").to_string(),
                &r.id,
            )
        },
        |r| r,
    );
    let ids: Vec<String> = page.items.iter().map(|r| r.id.clone()).collect();
    let mut steps = steps(conn, &ids, today)?;
    let names = user_names(
        conn,
        page.items
            .iter()
            .flat_map(|r| [r.user_id.clone(), r.mentor_user_id.clone()])
            .collect(),
    )?;
    let schools = school_short_names(
        conn,
        page.items
            .iter()
            .filter_map(|r| r.school_id.clone())
            .collect(),
    )?;
    let items = page
        .items
        .into_iter()
        .map(|r| {
            let s = steps.remove(&r.id).unwrap_or_default();
            Ok(TrajectorySummary {
                status: status(&r)?,
                progress: Progress::of(&s),
                overdue: s.iter().filter(|x| x.overdue).count() as i64,
                full_name: names.get(&r.user_id).cloned().unwrap_or_default(),
                mentor_name: names.get(&r.mentor_user_id).cloned().unwrap_or_default(),
                school_name: r.school_id.as_ref().and_then(|x| schools.get(x).cloned()),
                id: r.id,
                user_id: r.user_id,
                school_id: r.school_id,
                title: r.title,
            })
        })
        .collect::<AppResult<Vec<_>>>()?;
    Ok(Page {
        items,
        total: page.total,
        next_cursor: page.next_cursor,
    })
}

/// Replaces the deficits (indicator, task, score before).
pub(super) fn set_deficits(
    conn: &mut DbConn,
    id: &str,
    d: &[(String, String, Option<i32>)],
) -> AppResult<()> {
    diesel::delete(td::table.filter(td::trajectory_id.eq(id))).execute(conn)?;
    for (ind, task, before) in d {
        diesel::insert_into(td::table)
            .values((
                td::trajectory_id.eq(id),
                td::indicator_id.eq(ind),
                td::task.eq(task.trim()),
                td::score_before.eq(before),
            ))
            .execute(conn)?;
    }
    Ok(())
}
