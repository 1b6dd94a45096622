//! Queries on nominations.

use super::rows::NominationRow;
use crate::auth::{AuthUser, Reach};
use crate::error::{AppError, AppResult};
use crate::features::composition::shared::{clean, school_names};
use crate::store::conn::DbConn;
use crate::store::conn::MultiBackend;
use crate::store::page::Cursor;
use crate::store::record::now;
use crate::store::schema::{nomination_subjects, nominations, subjects, users};
use diesel::prelude::*;
use std::collections::HashMap;
use tutornet_domain::composition::{
    IdName, Nomination, NominationDecision, NominationFilter, NominationInput, NominationStatus,
};

pub(crate) fn to_nominations(
    conn: &mut DbConn,
    rows: Vec<NominationRow>,
) -> AppResult<Vec<Nomination>> {
    let s = school_names(conn, rows.iter().map(|r| r.school_id.clone()).collect())?;
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let mut subj: HashMap<String, Vec<IdName>> = HashMap::new();
    if !ids.is_empty() {
        let list: Vec<(String, String, String)> = nomination_subjects::table
            .inner_join(subjects::table)
            .filter(nomination_subjects::nomination_id.eq_any(ids))
            .order((nomination_subjects::nomination_id, nomination_subjects::ord))
            .select((
                nomination_subjects::nomination_id,
                subjects::id,
                subjects::name,
            ))
            .load(conn)?;
        for (n, id, name) in list {
            subj.entry(n).or_default().push(IdName { id, name });
        }
    }
    rows.into_iter()
        .map(|r| -> AppResult<Nomination> {
            let subjects = subj.remove(&r.id).unwrap_or_default();
            Ok(Nomination {
                school_name: s.get(&r.school_id).cloned().unwrap_or_default(),
                subject_name: subjects.first().map(|x| x.name.clone()).unwrap_or_default(),
                subjects,
                status: r.status()?,
                id: r.id,
                municipality_id: r.municipality_id,
                academic_year_id: r.academic_year_id,
                school_id: r.school_id,
                teacher_user_id: r.teacher_user_id,
                full_name: r.full_name,
                subject_id: r.subject_id,
                position: r.position,
                is_current_teacher: r.is_current_teacher,
                experience_years: r.experience_years,
                achievements: r.achievements,
                has_authority: r.has_authority,
                ready_to_help: r.ready_to_help,
                ready_to_tutor: r.ready_to_tutor,
                justification: r.justification,
                decision_reason: r.decision_reason,
                decided_by: r.decided_by,
                decided_at: r.decided_at.map(|t| t.and_utc()),
                member_id: r.member_id,
                meta: r.book.into(),
            })
        })
        .collect::<AppResult<Vec<_>>>()
}

pub(crate) fn find_row(conn: &mut DbConn, id: &str) -> AppResult<NominationRow> {
    nominations::table
        .find(id)
        .select(NominationRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| AppError::NotFound("Выдвижение не найдено".into()))
}

pub(crate) fn find(conn: &mut DbConn, id: &str) -> AppResult<Nomination> {
    let r = find_row(conn, id)?;
    Ok(to_nominations(conn, vec![r])?.remove(0))
}

/// One page of nominations in `reach`, newest first: (total, up to `limit + 1` rows).
pub(crate) fn page(
    conn: &mut DbConn,
    reach: &Reach,
    f: &NominationFilter,
    after: Option<Cursor>,
    limit: i64,
) -> AppResult<(i64, Vec<NominationRow>)> {
    let filtered = || {
        let mut q = nominations::table.into_boxed::<MultiBackend>();
        q = crate::in_reach!(
            q, reach,
            region: (via nominations::municipality_id),
            municipality: (nominations::municipality_id),
            school: (nominations::school_id),
            own: (nothing),
        );
        if let Some(s) = f.status {
            q = q.filter(nominations::status.eq(s.as_str()));
        }
        if let Some(s) = &f.school_id {
            q = q.filter(nominations::school_id.eq(s.clone()));
        }
        if let Some(y) = &f.academic_year_id {
            q = q.filter(nominations::academic_year_id.eq(y.clone()));
        }
        q.filter(nominations::archived_at.is_null())
    };
    let total: i64 = filtered().count().get_result(conn)?;
    let mut q = filtered();
    if let Some(c) = after {
        q = q.filter(nominations::id.lt(c.id));
    }
    let rows = q
        .order(nominations::id.desc())
        .limit(limit + 1)
        .select(NominationRow::as_select())
        .load(conn)?;
    Ok((total, rows))
}

/// (full name, school, role) of an active user.
pub(crate) fn teacher(
    conn: &mut DbConn,
    id: &str,
) -> AppResult<Option<(String, Option<String>, String)>> {
    Ok(users::table
        .find(id)
        .filter(users::archived_at.is_null())
        .select((users::full_name, users::school_id, users::role))
        .first(conn)
        .optional()?)
}

/// Where a new nomination goes and who makes it.
pub(crate) struct NewNomination<'a> {
    pub actor: Option<&'a AuthUser>,
    pub id: &'a str,
    pub municipality_id: &'a str,
    pub academic_year_id: &'a str,
    pub school_id: &'a str,
    pub full_name: &'a str,
}

/// Inserts a pending nomination without checks (for `create_nomination` and demo data).
pub(crate) fn insert(conn: &mut DbConn, to: &NewNomination, i: &NominationInput) -> AppResult<()> {
    let t = now();
    let who = to.actor.map(|a| a.id.clone());
    let subject_ids = i.subjects();
    diesel::insert_into(nominations::table)
        .values((
            nominations::id.eq(to.id),
            nominations::municipality_id.eq(to.municipality_id),
            nominations::academic_year_id.eq(to.academic_year_id),
            nominations::school_id.eq(to.school_id),
            nominations::teacher_user_id.eq(clean(&i.teacher_user_id)),
            nominations::full_name.eq(to.full_name.trim()),
            nominations::subject_id.eq(subject_ids.first().cloned().unwrap_or_default()),
            nominations::position.eq(clean(&i.position)),
            nominations::is_current_teacher.eq(i.is_current_teacher),
            nominations::experience_years.eq(i.experience_years),
            nominations::achievements.eq(clean(&i.achievements)),
            nominations::has_authority.eq(i.has_authority),
            nominations::ready_to_help.eq(i.ready_to_help),
            nominations::ready_to_tutor.eq(i.ready_to_tutor),
            nominations::justification.eq(i.justification.trim()),
            nominations::status.eq(NominationStatus::Pending.as_str()),
            nominations::created_at.eq(t),
            nominations::updated_at.eq(t),
            nominations::created_by.eq(&who),
            nominations::updated_by.eq(&who),
            nominations::version.eq(1),
        ))
        .execute(conn)?;
    for (n, s) in subject_ids.iter().enumerate() {
        diesel::insert_into(nomination_subjects::table)
            .values((
                nomination_subjects::nomination_id.eq(to.id),
                nomination_subjects::subject_id.eq(s),
                nomination_subjects::ord.eq(n as i32),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Records the decision on a pending nomination of `version` (0 rows when it is no
/// longer pending).
pub(crate) fn decide(
    conn: &mut DbConn,
    user: &AuthUser,
    id: &str,
    version: i32,
    d: &NominationDecision,
    status: NominationStatus,
    member_id: &Option<String>,
) -> AppResult<usize> {
    let t = now();
    Ok(diesel::update(
        nominations::table
            .find(id)
            .filter(nominations::status.eq(NominationStatus::Pending.as_str())),
    )
    .set((
        nominations::status.eq(status.as_str()),
        nominations::decision_reason.eq(clean(&d.reason)),
        nominations::decided_by.eq(Some(&user.id)),
        nominations::decided_at.eq(Some(t)),
        nominations::member_id.eq(member_id),
        nominations::updated_at.eq(t),
        nominations::updated_by.eq(&user.id),
        nominations::version.eq(version + 1),
    ))
    .execute(conn)?)
}
