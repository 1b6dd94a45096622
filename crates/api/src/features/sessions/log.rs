//! After a session: the log (held, attendance, outcome), amendments of the log, and
//! participants' ratings.

use super::rows::SessionRow;
use super::rules::{check_visible, local_time, record, require_manage};
use super::view::detail;
use super::{participants, repo};
use crate::auth::AuthUser;
use crate::error::{AppError, AppResult};
use crate::features::notifications::ops::notify;
use crate::features::requests::rules as requests;
use crate::set_versioned;
use crate::store::conn::DbConn;
use crate::store::record::now;
use crate::store::schema::sessions;
use crate::store::stored;
use tutornet_domain::audit::AuditAction;
use tutornet_domain::community::{
    check_academic_hours, default_academic_hours, hours_ru, log_open, not_started_message,
    AmendmentInput, Audience, RatingInput, SessionDetail, SessionLogInput, AMENDABLE_FIELDS,
};
use tutornet_domain::notifications::NotificationKind;
use tutornet_domain::ProblemCode;

/// 409/422 unless the session may be logged now (the log opens at its start).
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
    if !log_open(s.starts_at.and_utc(), now().and_utc()) {
        return Err(AppError::field(
            "starts_at",
            "not_started",
            not_started_message(&local_time(conn, s, s.starts_at)?),
        ));
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
    let audience = stored(&s.audience, "sessions.audience", Audience::parse)?;
    input.validate(audience).map_err(AppError::Validation)?;
    crate::store::record::check_version(Some(input.version), s.version)?;
    check_loggable(conn, &s)?;
    let registered = repo::registered_user_ids(conn, id)?;
    let requesters = participants::requesters(conn, &s, &registered)?;
    participants::check_attended(&input.attended_user_ids, &registered, &requesters)?;
    let hours = input
        .academic_hours
        .unwrap_or_else(|| default_academic_hours(s.starts_at.and_utc(), s.ends_at.and_utc()));
    let clean = tutornet_domain::text::clean;
    let t = now();
    // The versioned write first: of two logs at once, the second stops here.
    if set_versioned!(
        conn,
        sessions,
        id,
        s.version,
        &user.id,
        (
            sessions::status.eq("held"),
            sessions::held_at.eq(Some(t)),
            sessions::students_class.eq(clean(&input.students_class)),
            sessions::students_count.eq(input.students_count),
            sessions::outcome.eq(input.outcome.trim()),
            sessions::summary.eq(clean(&input.summary)),
            sessions::private_notes.eq(clean(&input.private_notes)),
            sessions::materials.eq(clean(&input.materials)),
        )
    )? == 0
    {
        return Err(AppError::version_conflict(s.version + 1));
    }
    participants::write_log(conn, id, &user.id, hours, clean(&input.difficulties))?;
    for u in &registered {
        repo::set_attended(conn, id, u, input.attended_user_ids.contains(u))?;
    }
    participants::write(
        conn,
        id,
        &user.id,
        &requesters,
        &input.attended_user_ids,
        &input.walk_ins,
    )?;
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
fn field_value(conn: &mut DbConn, s: &SessionRow, field: &str) -> AppResult<Option<String>> {
    let extras = participants::log_of(conn, &s.id)?;
    Ok(match field {
        "outcome" => s.outcome.clone(),
        "summary" => s.summary.clone(),
        "private_notes" => s.private_notes.clone(),
        "materials" => s.materials.clone(),
        "students_class" => s.students_class.clone(),
        "difficulties" => extras.and_then(|e| e.1),
        "academic_hours" => extras.map(|e| hours_ru(e.0)),
        _ => s.students_count.map(|c| c.to_string()),
    })
}

/// Writes an amendment's new value into its field.
fn write_field(conn: &mut DbConn, id: &str, field: &str, value: &str) -> AppResult<()> {
    let text = Some(value.to_string()).filter(|v| !v.is_empty());
    match field {
        "students_count" => {
            let n: Option<i32> = match text {
                None => None,
                Some(v) => Some(
                    v.parse()
                        .ok()
                        .filter(|n| (0..=1000).contains(n))
                        .ok_or_else(|| {
                            AppError::field(
                                "value",
                                "invalid_value",
                                "Количество — число от 0 до 1000",
                            )
                        })?,
                ),
            };
            repo::set_students_count(conn, id, n)
        }
        "academic_hours" => {
            let h: f64 = value.replace(',', ".").parse().map_err(|_| {
                AppError::field(
                    "value",
                    "invalid_value",
                    "Введите число: например, 2 или 1,5",
                )
            })?;
            check_academic_hours(h).map_err(|m| AppError::field("value", "out_of_range", m))?;
            participants::set_hours(conn, id, h)
        }
        "difficulties" => participants::set_difficulties(conn, id, text),
        _ => repo::set_log_field(conn, id, field, text),
    }
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
    let before = field_value(conn, &s, &input.field)?;
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
