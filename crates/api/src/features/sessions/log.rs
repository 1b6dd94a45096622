//! After a session: the log (held, attendance, outcome), amendments of the log, and
//! participants' ratings.

use super::repo;
use super::rows::SessionRow;
use super::rules::{check_visible, local_time, record, require_manage};
use super::view::detail;
use crate::auth::AuthUser;
use crate::error::{AppError, AppResult};
use crate::features::notifications::ops::notify;
use crate::features::requests::rules as requests;
use crate::set_versioned;
use crate::store::conn::DbConn;
use crate::store::record::now;
use crate::store::schema::sessions;
use tutornet_domain::audit::AuditAction;
use tutornet_domain::community::{
    AmendmentInput, RatingInput, SessionDetail, SessionLogInput, AMENDABLE_FIELDS,
};
use tutornet_domain::notifications::NotificationKind;
use tutornet_domain::ProblemCode;

/// 409/422 unless the session may be logged now.
fn check_loggable(conn: &mut DbConn, s: &SessionRow) -> AppResult<()> {
    match s.status.as_str() {
        "held" => {
            return Err(AppError::Conflict {
                code: ProblemCode::AlreadyHeld,
                detail: "Занятие уже отмечено проведённым; исправления вносите поправками".into(),
            })
        }
        "cancelled" => {
            return Err(AppError::Conflict {
                code: ProblemCode::NotPlanned,
                detail: "Занятие отменено".into(),
            })
        }
        _ => {}
    }
    if s.starts_at > now() {
        return Err(AppError::field(
            "outcome",
            "not_started",
            format!(
                "Занятие начнётся {}; отметить его проведённым можно после начала",
                local_time(conn, s, s.starts_at)?
            ),
        ));
    }
    Ok(())
}

/// Marks attendance of everyone registered; 422 for someone not registered.
fn mark_attendance(conn: &mut DbConn, id: &str, attended: &[String]) -> AppResult<()> {
    let registered = repo::registered_user_ids(conn, id)?;
    if let Some(bad) = attended.iter().find(|u| !registered.contains(u)) {
        return Err(AppError::field(
            "attended_user_ids",
            "not_registered",
            format!("Участник {bad} не записан на занятие"),
        ));
    }
    for u in &registered {
        repo::set_attended(conn, id, u, attended.contains(u))?;
    }
    Ok(())
}

/// Logs a session as held: attendance, outcome, notes. Linked requests become done.
pub fn log(
    conn: &mut DbConn,
    user: &AuthUser,
    id: &str,
    input: &SessionLogInput,
) -> AppResult<SessionDetail> {
    let s = repo::find_row(conn, id)?;
    require_manage(conn, user, &s)?;
    input.validate().map_err(AppError::Validation)?;
    crate::store::record::check_version(Some(input.version), s.version)?;
    check_loggable(conn, &s)?;
    mark_attendance(conn, id, &input.attended_user_ids)?;
    let t = now();
    if set_versioned!(
        conn,
        sessions,
        id,
        s.version,
        &user.id,
        (
            sessions::status.eq("held"),
            sessions::held_at.eq(Some(t)),
            sessions::students_class.eq(tutornet_domain::text::clean(&input.students_class)),
            sessions::students_count.eq(input.students_count),
            sessions::outcome.eq(input.outcome.trim()),
            sessions::summary.eq(tutornet_domain::text::clean(&input.summary)),
            sessions::private_notes.eq(tutornet_domain::text::clean(&input.private_notes)),
            sessions::materials.eq(tutornet_domain::text::clean(&input.materials)),
        )
    )? == 0
    {
        return Err(AppError::version_conflict(s.version + 1));
    }
    requests::on_session_held(conn, user, id)?;
    let text = format!(
        "{} — проведено. Поставьте оценку занятию",
        super::rules::announcement(conn, &s)?
    );
    notify(
        conn,
        &input.attended_user_ids,
        Some(&user.id),
        NotificationKind::SessionHeld.as_str(),
        "Оцените занятие",
        &text,
        Some(&format!("/sessions/{id}")),
    )?;
    let after = repo::find_row(conn, id)?;
    record(conn, user, AuditAction::Log, Some(&s), &after)?;
    detail(conn, user, id)
}

/// The stored value of an amendable field, as text.
fn field_value(s: &SessionRow, field: &str) -> Option<String> {
    match field {
        "outcome" => s.outcome.clone(),
        "summary" => s.summary.clone(),
        "private_notes" => s.private_notes.clone(),
        "materials" => s.materials.clone(),
        "students_class" => s.students_class.clone(),
        _ => s.students_count.map(|c| c.to_string()),
    }
}

/// Writes an amendment's new value into its field.
fn write_field(conn: &mut DbConn, id: &str, field: &str, value: &str) -> AppResult<()> {
    if field != "students_count" && AMENDABLE_FIELDS.contains(&field) {
        let v = Some(value.to_string()).filter(|v| !v.is_empty());
        return repo::set_log_field(conn, id, field, v);
    }
    let n: Option<i32> = if value.is_empty() {
        None
    } else {
        Some(
            value
                .parse()
                .ok()
                .filter(|n| (0..=1000).contains(n))
                .ok_or_else(|| {
                    AppError::field("value", "invalid_value", "Количество — число от 0 до 1000")
                })?,
        )
    };
    repo::set_students_count(conn, id, n)
}

/// A correction of a held session, kept with author and time.
pub fn amend(
    conn: &mut DbConn,
    user: &AuthUser,
    id: &str,
    input: &AmendmentInput,
) -> AppResult<SessionDetail> {
    let s = repo::find_row(conn, id)?;
    require_manage(conn, user, &s)?;
    if s.status != "held" {
        return Err(AppError::Conflict {
            code: ProblemCode::NotHeld,
            detail:
                "Поправки вносятся в проведённое занятие; запланированное можно просто изменить"
                    .into(),
        });
    }
    if !AMENDABLE_FIELDS.contains(&input.field.as_str()) {
        return Err(AppError::field(
            "field",
            "invalid_value",
            format!("Поле: одно из {}", AMENDABLE_FIELDS.join(", ")),
        ));
    }
    if input.note.trim().is_empty() {
        return Err(AppError::field(
            "note",
            "required",
            "Поясните, что и почему исправлено",
        ));
    }
    let value = input.value.trim().to_string();
    let before = field_value(&s, &input.field);
    write_field(conn, id, &input.field, &value)?;
    if set_versioned!(conn, sessions, id, s.version, &user.id, ())? == 0 {
        return Err(AppError::version_conflict(s.version + 1));
    }
    repo::insert_amendment(
        conn,
        id,
        &user.id,
        &input.field,
        before,
        value,
        input.note.trim(),
    )?;
    let after = repo::find_row(conn, id)?;
    record(conn, user, AuditAction::Amend, Some(&s), &after)?;
    detail(conn, user, id)
}

/// A participant rates a held session once (1–5).
pub fn rate(
    conn: &mut DbConn,
    user: &AuthUser,
    id: &str,
    input: &RatingInput,
) -> AppResult<SessionDetail> {
    let s = repo::find_row(conn, id)?;
    check_visible(conn, user, &s)?;
    if !(1..=5).contains(&input.score) {
        return Err(AppError::field(
            "score",
            "out_of_range",
            "Оценка — от 1 до 5",
        ));
    }
    if let Some(c) = &input.comment {
        if c.chars().count() > 2000 {
            return Err(AppError::field(
                "comment",
                "too_long",
                "Не длиннее 2000 символов",
            ));
        }
    }
    if s.status != "held" {
        return Err(AppError::Conflict {
            code: ProblemCode::NotHeld,
            detail: "Оценить можно только проведённое занятие".into(),
        });
    }
    let participated = repo::is_registered(conn, id, &user.id)?
        || requests::requested_session(conn, id, &user.id)?;
    if !participated {
        return Err(AppError::Forbidden("Оценивают участники занятия".into()));
    }
    if repo::has_rated(conn, id, &user.id)? {
        return Err(AppError::Conflict {
            code: ProblemCode::AlreadyRated,
            detail: "Вы уже оценили это занятие".into(),
        });
    }
    let comment = tutornet_domain::text::clean(&input.comment);
    repo::insert_rating(conn, id, &user.id, input.score, comment)?;
    record(conn, user, AuditAction::Rate, None, &s)?;
    detail(conn, user, id)
}
