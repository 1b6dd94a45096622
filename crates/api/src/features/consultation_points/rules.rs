//! Operations on consultation points: list, create, edit, archive — validated,
//! authorised per object (coordinators of the municipality manage, everyone in reach
//! reads), written versioned and audited; and what sessions ask of them.

use super::repo;
use super::rows::PointFields;
use crate::auth::AuthUser;
use crate::error::{AppError, AppResult};
use crate::store::audit::Scope;
use crate::store::conn::DbConn;
use crate::store::record::{new_id, taken};
use crate::store::schema::{schools, subjects, users};
use crate::store::{update_audited, Audit};
use crate::{archive_versioned, set_versioned};
use diesel::prelude::*;
use std::collections::HashMap;
use tutornet_domain::audit::AuditEntity;
use tutornet_domain::consultation_points::{
    ConsultationPoint, ConsultationPointFilter, ConsultationPointInput,
};
use tutornet_domain::permissions::{Action, Resource};
use tutornet_domain::Page;

const R: Resource = Resource::ConsultationPoint;

fn check(
    conn: &mut DbConn,
    user: &AuthUser,
    p: &ConsultationPoint,
    a: Action,
) -> AppResult<String> {
    crate::access::places::check_place(conn, user, R, a, &p.municipality_id, None)
}

pub fn list(
    conn: &mut DbConn,
    user: &AuthUser,
    f: &ConsultationPointFilter,
) -> AppResult<Page<ConsultationPoint>> {
    let reach = user.reach(R, Action::Read)?;
    repo::list(conn, &reach, f)
}

pub fn get(conn: &mut DbConn, user: &AuthUser, id: &str) -> AppResult<ConsultationPoint> {
    let p = repo::find(conn, id)?;
    check(conn, user, &p, Action::Read)?;
    Ok(p)
}

/// The base school, the head and the subjects must exist, in the point's municipality.
fn check_references(conn: &mut DbConn, i: &ConsultationPointInput) -> AppResult<()> {
    let m = &i.municipality_id;
    if let Some(s) = tutornet_domain::text::clean(&i.base_school_id) {
        let n: i64 = schools::table
            .filter(schools::id.eq(&s))
            .filter(schools::municipality_id.eq(m))
            .filter(schools::archived_at.is_null())
            .count()
            .get_result(conn)?;
        if n == 0 {
            return Err(AppError::field(
                "base_school_id",
                "invalid_reference",
                "Выберите действующую школу того же муниципалитета",
            ));
        }
    }
    if let Some(u) = tutornet_domain::text::clean(&i.head_user_id) {
        let n: i64 = users::table
            .filter(users::id.eq(&u))
            .filter(users::municipality_id.eq(m))
            .filter(users::active.eq(true))
            .count()
            .get_result(conn)?;
        if n == 0 {
            return Err(AppError::field(
                "head_user_id",
                "invalid_reference",
                "Руководитель — действующий пользователь того же муниципалитета; если учётной записи нет, впишите ФИО",
            ));
        }
    }
    let mut ids = i.subject_ids.clone();
    ids.sort();
    ids.dedup();
    let n: i64 = subjects::table
        .filter(subjects::id.eq_any(&ids))
        .count()
        .get_result(conn)?;
    if n != ids.len() as i64 {
        return Err(AppError::field(
            "subject_ids",
            "invalid_reference",
            "Предмет не найден",
        ));
    }
    Ok(())
}

pub fn create(
    conn: &mut DbConn,
    user: &AuthUser,
    input: &ConsultationPointInput,
) -> AppResult<ConsultationPoint> {
    let reach = user.reach(R, Action::Create)?;
    input.validate().map_err(AppError::Validation)?;
    let region = crate::access::places::check_new_in(
        conn,
        &reach,
        &input.municipality_id,
        "Можно добавлять пункты только своего муниципалитета",
    )?;
    check_references(conn, input)?;
    let id = new_id();
    repo::insert(conn, Some(user), &id, input)?;
    let after = repo::find(conn, &id)?;
    audit(user, &id, &region, &after).created(conn, &after)?;
    Ok(after)
}

pub fn update(
    conn: &mut DbConn,
    user: &AuthUser,
    id: &str,
    input: &ConsultationPointInput,
) -> AppResult<ConsultationPoint> {
    let before = repo::find(conn, id)?;
    let region = check(conn, user, &before, Action::Update)?;
    let mut input = input.clone();
    // A point does not move between municipalities.
    input.municipality_id = before.municipality_id.clone();
    input.validate().map_err(AppError::Validation)?;
    check_references(conn, &input)?;
    update_audited(
        conn,
        audit(user, id, &region, &before),
        input.version,
        before.meta.version,
        before.clone(),
        |conn, v| {
            let fields = PointFields::from(&input);
            let n = set_versioned!(conn, consultation_points, id, v, &user.id, (fields,))
                .map_err(taken("name", repo::TAKEN))?;
            if n > 0 {
                repo::set_subjects(conn, id, &input.subject_ids)?;
            }
            Ok(n)
        },
        |conn| repo::find(conn, id),
    )
}

pub fn set_archived(
    conn: &mut DbConn,
    user: &AuthUser,
    id: &str,
    archived: bool,
) -> AppResult<ConsultationPoint> {
    let before = repo::find(conn, id)?;
    let region = check(conn, user, &before, Action::Archive)?;
    if archived == before.meta.archived_at.is_some() {
        return Ok(before);
    }
    archive_versioned!(
        conn,
        consultation_points,
        audit(user, id, &region, &before),
        archived,
        before,
        |conn| repo::find(conn, id)
    )
}

fn audit<'a>(
    user: &'a AuthUser,
    id: &'a str,
    region: &'a str,
    p: &'a ConsultationPoint,
) -> Audit<'a> {
    Audit::new(
        user,
        AuditEntity::ConsultationPoint,
        id,
        Scope::municipality(region, &p.municipality_id),
    )
}

/// A 422 on `consultation_point_id` unless the point (if any) is an active point of the
/// session's municipality.
pub fn check_for_session(
    conn: &mut DbConn,
    point_id: Option<&str>,
    municipality_id: &str,
) -> AppResult<()> {
    let Some(id) = point_id.filter(|s| !s.trim().is_empty()) else {
        return Ok(());
    };
    match repo::placing(conn, id)? {
        Some((m, false)) if m == municipality_id => Ok(()),
        _ => Err(AppError::field(
            "consultation_point_id",
            "invalid_reference",
            "Выберите действующий консультационный пункт своего муниципалитета",
        )),
    }
}

/// Names of points by id (for the sessions held at them).
pub fn names(conn: &mut DbConn, ids: Vec<String>) -> AppResult<HashMap<String, String>> {
    repo::names(conn, ids)
}
