//! A step of a request's workflow taken by a person (accept, schedule, decline, …).

use super::rules::{actors, detail, get_row, move_to, record, to_domain, Move};
use super::{policy, repo};
use crate::auth::AuthUser;
use crate::error::{AppError, AppResult};
use crate::store::conn::DbConn;
use crate::store::stored;
use tutornet_domain::audit::AuditAction;
use tutornet_domain::community::{RequestAction, RequestDetail, RequestStatus, RequestTransition};
use tutornet_domain::ProblemCode;

/// The accept step: the tutor must be in the current composition, and one of the
/// requester's school only when confirmed.
fn accept<'a>(
    conn: &mut DbConn,
    r: &super::rows::RequestRow,
    t: &'a RequestTransition,
    m: Move<'a>,
) -> AppResult<Move<'a>> {
    let tutor = t
        .tutor_user_id
        .as_deref()
        .ok_or_else(|| AppError::field("tutor_user_id", "required", "Выберите тьютора"))?;
    let tutors = super::suggestions::composition_tutors(conn, &r.municipality_id)?;
    let Some((_, _, tutor_school)) = tutors.iter().find(|(u, _, _)| u == tutor) else {
        return Err(AppError::field(
            "tutor_user_id",
            "not_in_composition",
            "Этот человек не входит в утверждённый состав сообщества тьюторов текущего года",
        ));
    };
    if tutor_school.as_deref() == Some(r.school_id.as_str()) && !t.allow_same_school {
        return Err(AppError::field(
            "tutor_user_id",
            "same_school",
            "Тьютор работает в школе заявителя; подтвердите выбор (allow_same_school)",
        ));
    }
    Ok(Move {
        tutor: Some(Some(tutor)),
        ..m
    })
}

/// The schedule step: the session must be of the request's municipality and not cancelled.
fn schedule<'a>(
    conn: &mut DbConn,
    r: &super::rows::RequestRow,
    t: &'a RequestTransition,
    m: Move<'a>,
) -> AppResult<Move<'a>> {
    let sid = t
        .session_id
        .as_deref()
        .ok_or_else(|| AppError::field("session_id", "required", "Выберите занятие"))?;
    match repo::session_ref(conn, sid)? {
        Some((mun, st)) if mun == r.municipality_id && st != "cancelled" => {}
        _ => {
            return Err(AppError::field(
                "session_id",
                "invalid_reference",
                "Занятие не найдено или отменено",
            ))
        }
    }
    // The assigned tutor holds it: a tutor cannot answer with someone else's session.
    let tutors = repo::session_tutor_ids(conn, sid)?;
    super::sessions::check_assigned_tutor(conn, r, &tutors, "session_id")?;
    let series = repo::series_of_session(conn, sid)?;
    Ok(Move {
        session: Some(Some(sid)),
        series: Some(series),
        ..m
    })
}

pub fn transition(
    conn: &mut DbConn,
    user: &AuthUser,
    id: &str,
    t: &RequestTransition,
) -> AppResult<RequestDetail> {
    let r = get_row(conn, user, id)?;
    let action = t
        .action
        .ok_or_else(|| AppError::field("action", "required", "Укажите действие"))?;
    let from = stored(&r.status, "requests.status", RequestStatus::parse)?;
    let Some(to) = action.next(from) else {
        return Err(AppError::Conflict {
            code: ProblemCode::InvalidTransition,
            detail: policy::invalid_transition(from, action),
        });
    };
    if !policy::may_take(action, &actors(user, &r)) {
        return Err(AppError::Forbidden(format!(
            "Действие «{}» вам недоступно",
            action.label_ru()
        )));
    }
    crate::store::record::check_version(Some(t.version), r.version)?;
    let comment = t
        .comment
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty());
    if let (Some(msg), None) = (policy::missing_comment(action), comment) {
        return Err(AppError::field("comment", "required", msg));
    }
    let before = to_domain(conn, vec![r.clone()])?.remove(0);
    let m = Move::to(to, comment);
    let m = match action {
        RequestAction::Accept => accept(conn, &r, t, m)?,
        RequestAction::Schedule => schedule(conn, &r, t, m)?,
        RequestAction::Decline => Move {
            decline_reason: comment,
            ..m
        },
        _ => m,
    };
    move_to(conn, Some(user), &r, m)?;
    let after_row = repo::find_row(conn, id)?;
    let after = to_domain(conn, vec![after_row])?.remove(0);
    record(conn, user, AuditAction::from(action), Some(&before), &after)?;
    detail(conn, user, id)
}
