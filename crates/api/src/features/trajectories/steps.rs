//! A trajectory's steps: added, changed and removed by the mentor or the coordinator,
//! marked done by any party with evidence — a held session the learner attended (checked
//! against the session's records) or a description. Every change claims the
//! trajectory's version.

use super::repo;
use super::rules::{access, acting, commit, refused};
use crate::auth::AuthUser;
use crate::error::{AppError, AppResult};
use crate::store::conn::DbConn;
use crate::store::record::new_id;
use crate::store::schema::{trajectory_deficits as td, trajectory_steps as ts};
use diesel::prelude::*;
use tutornet_domain::audit::AuditAction;
use tutornet_domain::growth::trajectories::{
    self as domain, EvidenceKind, Outcome, StepCompletion, StepInput, Trajectory,
};
use tutornet_domain::permissions::Action;
use tutornet_domain::text::format_date_ru;

/// 422 unless the step's deficit is one of the trajectory's.
fn check_deficit(conn: &mut DbConn, tid: &str, i: &StepInput) -> AppResult<()> {
    let Some(ind) = i.indicator_id.as_deref().filter(|s| !s.trim().is_empty()) else {
        return Ok(());
    };
    let n: i64 = td::table
        .filter(td::trajectory_id.eq(tid))
        .filter(td::indicator_id.eq(ind))
        .count()
        .get_result(conn)?;
    if n == 0 {
        return Err(AppError::field(
            "indicator_id",
            "invalid_reference",
            "Выберите дефицит этого маршрута",
        ));
    }
    Ok(())
}

/// The loaded trajectory and the outcome of editing it (403 for whoever may not).
fn editing(
    conn: &mut DbConn,
    user: &AuthUser,
    id: &str,
) -> AppResult<(super::rules::Loaded, Outcome)> {
    let l = access(conn, user, id, Action::Update)?;
    let party = acting(l.party)?;
    let f = repo::flow(conn, &l.row)?;
    domain::may_edit(f.status, party).map_err(|m| AppError::Forbidden(m.into()))?;
    Ok((l, domain::after_edit(f)))
}

fn step_exists(conn: &mut DbConn, tid: &str, sid: &str) -> AppResult<()> {
    let n: i64 = ts::table
        .filter(ts::trajectory_id.eq(tid))
        .filter(ts::id.eq(sid))
        .count()
        .get_result(conn)?;
    if n == 0 {
        return Err(AppError::NotFound("Мероприятие маршрута не найдено".into()));
    }
    Ok(())
}

pub fn add(conn: &mut DbConn, user: &AuthUser, id: &str, i: &StepInput) -> AppResult<Trajectory> {
    let (l, out) = editing(conn, user, id)?;
    i.validate().map_err(AppError::Validation)?;
    check_deficit(conn, id, i)?;
    let last: Option<i32> = ts::table
        .filter(ts::trajectory_id.eq(id))
        .select(diesel::dsl::max(ts::position))
        .first(conn)?;
    let tid = id.to_string();
    commit(
        conn,
        user,
        &l,
        i.version,
        out,
        AuditAction::Update,
        move |conn| {
            diesel::insert_into(ts::table)
                .values((
                    ts::id.eq(new_id()),
                    ts::trajectory_id.eq(&tid),
                    ts::position.eq(last.unwrap_or(0) + 1),
                    ts::indicator_id.eq(i.indicator_id.clone().filter(|s| !s.trim().is_empty())),
                    ts::kind.eq(i.kind.expect("validated").as_str()),
                    ts::title.eq(i.title.trim()),
                    ts::deadline.eq(i.deadline.expect("validated")),
                    ts::expected_product.eq(i.expected_product.trim()),
                ))
                .execute(conn)?;
            Ok(())
        },
    )
}

pub fn update(
    conn: &mut DbConn,
    user: &AuthUser,
    id: &str,
    sid: &str,
    i: &StepInput,
) -> AppResult<Trajectory> {
    let (l, out) = editing(conn, user, id)?;
    step_exists(conn, id, sid)?;
    i.validate().map_err(AppError::Validation)?;
    check_deficit(conn, id, i)?;
    let sid = sid.to_string();
    commit(
        conn,
        user,
        &l,
        i.version,
        out,
        AuditAction::Update,
        move |conn| {
            diesel::update(ts::table.find(&sid))
                .set((
                    ts::indicator_id.eq(i.indicator_id.clone().filter(|s| !s.trim().is_empty())),
                    ts::kind.eq(i.kind.expect("validated").as_str()),
                    ts::title.eq(i.title.trim()),
                    ts::deadline.eq(i.deadline.expect("validated")),
                    ts::expected_product.eq(i.expected_product.trim()),
                ))
                .execute(conn)?;
            Ok(())
        },
    )
}

pub fn remove(
    conn: &mut DbConn,
    user: &AuthUser,
    id: &str,
    sid: &str,
    version: i32,
) -> AppResult<Trajectory> {
    let (l, out) = editing(conn, user, id)?;
    step_exists(conn, id, sid)?;
    let sid = sid.to_string();
    commit(
        conn,
        user,
        &l,
        version,
        out,
        AuditAction::Update,
        move |conn| {
            diesel::delete(ts::table.find(&sid)).execute(conn)?;
            Ok(())
        },
    )
}

/// Marks a step done with its evidence; the first one done starts the trajectory.
pub fn complete(
    conn: &mut DbConn,
    user: &AuthUser,
    id: &str,
    sid: &str,
    c: &StepCompletion,
) -> AppResult<Trajectory> {
    let l = access(conn, user, id, Action::Update)?;
    acting(l.party)?;
    step_exists(conn, id, sid)?;
    c.validate().map_err(AppError::Validation)?;
    let f = repo::flow(conn, &l.row)?;
    let status = domain::may_complete_step(f.status).map_err(refused)?;
    let today = super::rules::today(conn, &l.row.municipality_id)?;
    let done_on = c.done_on.unwrap_or(today);
    if done_on > today {
        return Err(AppError::field(
            "done_on",
            "in_future",
            "Дата выполнения не может быть позже сегодняшней",
        ));
    }
    let kind = c.evidence_kind.expect("validated");
    let (reference, label) = match kind {
        EvidenceKind::Session => {
            let s = c.ref_id.clone().unwrap_or_default();
            match crate::features::sessions::ops::attended_by(conn, &s, &l.row.user_id)? {
                Some((title, day)) => (
                    Some(s),
                    format!("Занятие «{title}», {}", format_date_ru(day)),
                ),
                None => return Err(AppError::field(
                    "ref_id",
                    "not_attended",
                    "Педагог не отмечен присутствующим на этом занятии, или оно ещё не проведено",
                )),
            }
        }
        EvidenceKind::Text => (None, c.note.clone().unwrap_or_default().trim().to_string()),
    };
    let out = Outcome {
        status,
        learner_agreed: f.learner_agreed,
        mentor_agreed: f.mentor_agreed,
    };
    let sid = sid.to_string();
    commit(
        conn,
        user,
        &l,
        c.version,
        out,
        AuditAction::StepDone,
        move |conn| {
            diesel::update(ts::table.find(&sid))
                .set((
                    ts::done_on.eq(Some(done_on)),
                    ts::evidence_kind.eq(Some(kind.as_str())),
                    ts::evidence_ref.eq(&reference),
                    ts::evidence_label.eq(Some(&label)),
                ))
                .execute(conn)?;
            Ok(())
        },
    )
}
