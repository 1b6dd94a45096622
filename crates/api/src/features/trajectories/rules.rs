//! Operations on trajectories: list, read, draw up, edit, agree / complete / reopen —
//! validated, authorised per object (the learner, the mentor, the school, the
//! municipality), written versioned and audited. Steps are in `steps`.

use super::policy::{self, Facts};
use super::repo::{self, TrajectoryRow};
use crate::auth::AuthUser;
use crate::error::{AppError, AppResult};
use crate::store::audit::Scope;
use crate::store::conn::DbConn;
use crate::store::record::new_id;
use crate::store::schema::{trajectories as t, users};
use crate::store::versioned::{update_versioned, Change};
use crate::store::Audit;
use crate::{new_bookkeeping, set_versioned};
use diesel::prelude::*;
use tutornet_domain::audit::{AuditAction, AuditEntity};
use tutornet_domain::growth::trajectories::{
    self as domain, Outcome, Party, Trajectory, TrajectoryFilter, TrajectoryInput,
    TrajectoryStatus, TrajectorySummary, TrajectoryTransition,
};
use tutornet_domain::permissions::{Action, Resource, Role};
use tutornet_domain::{Page, ProblemCode};

const R: Resource = Resource::Trajectory;

/// Today in the municipality's zone (what is overdue).
pub(super) use crate::store::zone::today_in as today;

pub(super) fn refused(reason: &str) -> AppError {
    AppError::Conflict {
        code: ProblemCode::InvalidTransition,
        detail: reason.to_string(),
    }
}

/// A stored trajectory as the caller reached it.
pub(super) struct Loaded {
    pub row: TrajectoryRow,
    pub region: String,
    /// The caller's capacity (none for someone who only reads).
    pub party: Option<Party>,
}

/// The trajectory (404 outside the read reach), its region and the caller's capacity.
pub(super) fn access(
    conn: &mut DbConn,
    user: &AuthUser,
    id: &str,
    action: Action,
) -> AppResult<Loaded> {
    let r = repo::row(conn, id)?;
    let region = crate::access::places::region_of(conn, &r.municipality_id)?.unwrap_or_default();
    let facts = Facts {
        municipality_id: &r.municipality_id,
        region_id: Some(&region),
        school_id: r.school_id.as_deref(),
        learner_id: &r.user_id,
        mentor_id: &r.mentor_user_id,
    };
    if !policy::visible(user.try_reach(R, Action::Read).as_ref(), &facts) {
        return Err(AppError::NotFound(
            "Индивидуальный маршрут не найден".into(),
        ));
    }
    if action != Action::Read && !policy::visible(user.try_reach(R, action).as_ref(), &facts) {
        return Err(AppError::forbidden());
    }
    let party = policy::party(user, &facts);
    Ok(Loaded {
        row: r,
        region,
        party,
    })
}

pub fn list(
    conn: &mut DbConn,
    user: &AuthUser,
    f: &TrajectoryFilter,
) -> AppResult<Page<TrajectorySummary>> {
    let reach = user.reach(R, Action::Read)?;
    let today = crate::store::zone::today(crate::store::zone::of_user(conn, &user.id)?);
    repo::list(conn, &reach, f, today)
}

pub fn get(conn: &mut DbConn, user: &AuthUser, id: &str) -> AppResult<Trajectory> {
    let r = access(conn, user, id, Action::Read)?.row;
    let today = today(conn, &r.municipality_id)?;
    repo::find(conn, id, today)
}

/// The learner: an active teacher or school leader; (municipality, school).
fn learner(conn: &mut DbConn, id: &str) -> AppResult<(String, Option<String>)> {
    let row: Option<(String, Option<String>, Option<String>, bool)> = users::table
        .find(id)
        .select((
            users::role,
            users::municipality_id,
            users::school_id,
            users::active,
        ))
        .first(conn)
        .optional()?;
    match row {
        Some((role, Some(m), school, true))
            if matches!(Role::parse(&role), Some(Role::Teacher | Role::SchoolAdmin)) =>
        {
            Ok((m, school))
        }
        _ => Err(AppError::field(
            "user_id",
            "invalid_reference",
            "ИОМ составляют для действующего учителя или руководителя школы",
        )),
    }
}

/// The mentor: an active tutor of the learner's municipality (or its coordinator).
fn check_mentor(conn: &mut DbConn, mentor: &str, learner: &str, m: &str) -> AppResult<()> {
    if mentor == learner {
        return Err(AppError::field(
            "mentor_user_id",
            "same_person",
            "Наставник и педагог — разные люди",
        ));
    }
    let row: Option<(String, Option<String>, bool)> = users::table
        .find(mentor)
        .select((users::role, users::municipality_id, users::active))
        .first(conn)
        .optional()?;
    let ok = match row {
        Some((role, Some(um), true)) if um == m => match Role::parse(&role) {
            Some(Role::Tutor | Role::Coordinator) => true,
            Some(Role::Teacher | Role::SchoolAdmin) => {
                crate::features::composition::ops::is_current_tutor(conn, mentor, m)?
            }
            _ => false,
        },
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(AppError::field(
            "mentor_user_id",
            "invalid_reference",
            "Наставник — тьютор сообщества того же муниципалитета",
        ))
    }
}

/// The deficits with their scores «before» (the latest diagnostic result so far).
fn deficits(
    conn: &mut DbConn,
    learner: &str,
    input: &TrajectoryInput,
) -> AppResult<Vec<(String, String, Option<i32>)>> {
    let ids: Vec<String> = input
        .deficits
        .iter()
        .map(|d| d.indicator_id.clone())
        .collect();
    let known = crate::features::diagnostics::rules::existing_indicators(conn, &ids)?;
    if let Some((i, _)) = input
        .deficits
        .iter()
        .enumerate()
        .find(|(_, d)| !known.contains_key(&d.indicator_id))
    {
        return Err(AppError::field(
            &format!("deficits[{i}].indicator_id"),
            "invalid_reference",
            "Показатель не найден",
        ));
    }
    let before = crate::features::diagnostics::rules::latest_scores(conn, learner, None, None)?;
    Ok(input
        .deficits
        .iter()
        .map(|d| {
            (
                d.indicator_id.clone(),
                d.task.clone(),
                before.get(&d.indicator_id).copied(),
            )
        })
        .collect())
}

pub fn create(
    conn: &mut DbConn,
    user: &AuthUser,
    input: &TrajectoryInput,
) -> AppResult<Trajectory> {
    let reach = user.reach(R, Action::Create)?;
    input.validate().map_err(AppError::Validation)?;
    let (m, school) = learner(conn, &input.user_id)?;
    let mentor = input
        .mentor_user_id
        .clone()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| user.id.clone());
    check_mentor(conn, &mentor, &input.user_id, &m)?;
    let region = crate::access::places::region_of(conn, &m)?.unwrap_or_default();
    let facts = Facts {
        municipality_id: &m,
        region_id: Some(&region),
        school_id: school.as_deref(),
        learner_id: &input.user_id,
        mentor_id: &mentor,
    };
    if !policy::visible(Some(&reach), &facts) {
        return Err(AppError::field(
            "user_id",
            "out_of_scope",
            "Составлять маршрут может его наставник или координатор муниципалитета педагога",
        ));
    }
    let year = match input
        .academic_year_id
        .as_deref()
        .filter(|s| !s.trim().is_empty())
    {
        Some(y) => y.to_string(),
        None => crate::features::academic_years::ops::require_current(conn)?.id,
    };
    let d = deficits(conn, &input.user_id, input)?;
    let id = new_id();
    diesel::insert_into(t::table)
        .values((
            t::id.eq(&id),
            t::user_id.eq(&input.user_id),
            t::municipality_id.eq(&m),
            t::school_id.eq(&school),
            t::academic_year_id.eq(&year),
            t::mentor_user_id.eq(&mentor),
            t::title.eq(input.title.trim()),
            t::status.eq(TrajectoryStatus::Draft.as_str()),
            t::learner_agreed.eq(false),
            t::mentor_agreed.eq(false),
            new_bookkeeping!(trajectories, Some(user.id.clone())),
        ))
        .execute(conn)
        .map_err(|e| match AppError::from(e) {
            AppError::Conflict { .. } => AppError::field(
                "academic_year_id",
                "invalid_reference",
                "Учебный год не найден",
            ),
            other => other,
        })?;
    repo::set_deficits(conn, &id, &d)?;
    let today = today(conn, &m)?;
    let made = repo::find(conn, &id, today)?;
    audit(user, &id, &region, &m).created(conn, &made)?;
    Ok(made)
}

pub(super) fn audit<'a>(user: &'a AuthUser, id: &'a str, region: &'a str, m: &'a str) -> Audit<'a> {
    Audit::new(
        user,
        AuditEntity::Trajectory,
        id,
        Scope::municipality(region, m),
    )
}

/// Writes one change of a trajectory under its version: the row's status and agreements
/// become `out` (claiming the version, 409 when stale), then `apply` changes its parts;
/// audited as `action` with the states before and after.
pub(super) fn commit(
    conn: &mut DbConn,
    user: &AuthUser,
    l: &Loaded,
    sent: i32,
    out: Outcome,
    action: AuditAction,
    apply: impl FnOnce(&mut DbConn) -> AppResult<()>,
) -> AppResult<Trajectory> {
    let (r, region) = (&l.row, l.region.as_str());
    let today = today(conn, &r.municipality_id)?;
    let before = repo::find(conn, &r.id, today)?;
    let id = r.id.clone();
    let change = update_versioned(
        conn,
        Some(sent),
        r.book.version,
        before.clone(),
        |conn, v| {
            let n = set_versioned!(
                conn,
                trajectories,
                &id,
                v,
                &user.id,
                (
                    t::status.eq(out.status.as_str()),
                    t::learner_agreed.eq(out.learner_agreed),
                    t::mentor_agreed.eq(out.mentor_agreed),
                )
            )?;
            if n > 0 {
                apply(conn)?;
            }
            Ok(n)
        },
        |conn| repo::find(conn, &id, today),
    )?;
    match change {
        Change::Unchanged(same) => Ok(same),
        Change::Stored(after) => {
            audit(user, &r.id, region, &r.municipality_id).record(
                conn,
                action,
                Some(&before),
                Some(&after),
            )?;
            Ok(after)
        }
    }
}

/// The party, or 403 for someone who only reads.
pub(super) fn acting(party: Option<Party>) -> AppResult<Party> {
    party.ok_or_else(AppError::forbidden)
}

pub fn update(
    conn: &mut DbConn,
    user: &AuthUser,
    id: &str,
    input: &TrajectoryInput,
) -> AppResult<Trajectory> {
    let l = access(conn, user, id, Action::Update)?;
    let (r, party) = (&l.row, acting(l.party)?);
    let mut input = input.clone();
    input.user_id = r.user_id.clone();
    input.validate().map_err(AppError::Validation)?;
    let f = repo::flow(conn, r)?;
    domain::may_edit(f.status, party).map_err(|m| AppError::Forbidden(m.into()))?;
    let mentor = input
        .mentor_user_id
        .clone()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or(r.mentor_user_id.clone());
    check_mentor(conn, &mentor, &r.user_id, &r.municipality_id)?;
    let d = deficits(conn, &r.user_id, &input)?;
    let sent = input
        .version
        .ok_or_else(|| AppError::field("version", "required", "Передайте версию записи"))?;
    let title = input.title.trim().to_string();
    let tid = r.id.clone();
    commit(
        conn,
        user,
        &l,
        sent,
        domain::after_edit(f),
        AuditAction::Update,
        move |conn| {
            diesel::update(t::table.find(&tid))
                .set((t::title.eq(&title), t::mentor_user_id.eq(&mentor)))
                .execute(conn)?;
            // Keep the scores «before» of deficits that stay.
            let kept: Vec<(String, Option<i32>)> = crate::store::schema::trajectory_deficits::table
                .filter(crate::store::schema::trajectory_deficits::trajectory_id.eq(&tid))
                .select((
                    crate::store::schema::trajectory_deficits::indicator_id,
                    crate::store::schema::trajectory_deficits::score_before,
                ))
                .load(conn)?;
            let d: Vec<(String, String, Option<i32>)> = d
                .into_iter()
                .map(|(i, task, b)| {
                    let old = kept.iter().find(|k| k.0 == i).and_then(|k| k.1);
                    (i, task, old.or(b))
                })
                .collect();
            repo::set_deficits(conn, &tid, &d)
        },
    )
}

pub fn transition(
    conn: &mut DbConn,
    user: &AuthUser,
    id: &str,
    body: &TrajectoryTransition,
) -> AppResult<Trajectory> {
    let l = access(conn, user, id, Action::Update)?;
    let party = acting(l.party)?;
    let f = repo::flow(conn, &l.row)?;
    let out = domain::transition(f, body.action, party).map_err(refused)?;
    let action = match body.action {
        domain::TrajectoryAction::Agree => AuditAction::Agree,
        domain::TrajectoryAction::Complete => AuditAction::Complete,
        domain::TrajectoryAction::Reopen => AuditAction::Reopen,
    };
    commit(conn, user, &l, body.version, out, action, |_| Ok(()))
}
