//! Planning sessions: create (with series), update one occurrence, cancel; tutor and
//! room conflicts.

use super::rows::{NewSession, SessionRow};
use super::rules::{announcement, local_span, record, require_manage};
use super::view::{one, to_domain};
use super::{plan, repo};
use crate::auth::AuthUser;
use crate::error::{AppError, AppResult};
use crate::features::notifications::ops::notify;
use crate::features::requests::rules as requests;
use crate::set_versioned;
use crate::store::conn::DbConn;
use crate::store::record::new_id;
use crate::store::record::now;
use crate::store::schema::sessions;
use crate::store::{update_versioned, Change};
use chrono::NaiveDateTime;
use tutornet_domain::audit::AuditAction;
use tutornet_domain::community::{
    OpenTo, RoomAt, Session, SessionCancel, SessionInput, WorkFormat,
};
use tutornet_domain::notifications::NotificationKind;
use tutornet_domain::permissions::{Action, Resource, Role};
use tutornet_domain::ProblemCode;

/// 409 when a tutor or an in-person room ([`RoomAt::same_room`]) is already taken in
/// [start, end).
fn check_conflicts(
    conn: &mut DbConn,
    tutor_ids: &[String],
    room: Option<RoomAt>,
    start: NaiveDateTime,
    end: NaiveDateTime,
    except: Option<&str>,
) -> AppResult<()> {
    let others = repo::overlapping(conn, start, end, except)?;
    if others.is_empty() {
        return Ok(());
    }
    let ids: Vec<String> = others.iter().map(|s| s.id.clone()).collect();
    let busy = repo::busy_tutors(conn, &ids, tutor_ids)?;
    if let Some((sid, _, name)) = busy.first() {
        let s = others
            .iter()
            .find(|o| &o.id == sid)
            .expect("overlapping session");
        return Err(AppError::Clash {
            code: ProblemCode::TutorConflict,
            detail: format!(
                "{name} уже ведёт в это время занятие «{}» ({})",
                s.title,
                local_span(conn, s)?
            ),
            other_id: s.id.clone(),
        });
    }
    if let Some(room) = room {
        if let Some(s) = others.iter().find(|o| {
            o.format == "in_person"
                && room.same_room(&RoomAt {
                    municipality_id: &o.municipality_id,
                    point_id: o.consultation_point_id.as_deref(),
                    place: o.place.as_deref().unwrap_or_default(),
                })
        }) {
            return Err(AppError::Clash {
                code: ProblemCode::RoomConflict,
                detail: format!(
                    "Помещение «{}» уже занято занятием «{}» ({})",
                    s.place.clone().unwrap_or_default(),
                    s.title,
                    local_span(conn, s)?
                ),
                other_id: s.id.clone(),
            });
        }
    }
    Ok(())
}

fn validate_tutors(
    conn: &mut DbConn,
    user: &AuthUser,
    (municipality_id, academic_year_id): (&str, &str),
    input: &SessionInput,
) -> AppResult<Vec<String>> {
    let mut ids = input.tutor_ids.clone();
    if ids.is_empty() && user.acts_as(Role::Tutor) {
        ids.push(user.id.clone());
    }
    if ids.is_empty() {
        return Err(AppError::field("tutor_ids", "required", "Укажите тьютора"));
    }
    if user.acts_as(Role::Tutor) && !ids.contains(&user.id) {
        return Err(AppError::field(
            "tutor_ids",
            "must_include_self",
            "Тьютор планирует только свои занятия",
        ));
    }
    ids.sort();
    ids.dedup();
    let tutors = crate::features::composition::ops::count_tutors;
    if tutors(conn, &ids, municipality_id, academic_year_id)? != ids.len() as i64 {
        return Err(AppError::field(
            "tutor_ids",
            "invalid_reference",
            "Занятия ведут только тьюторы, утверждённые в составе сообщества муниципалитета на этот учебный год",
        ));
    }
    Ok(ids)
}

/// The room an in-person session of the input takes in municipality `m` (online
/// sessions take none).
fn room<'a>(input: &'a SessionInput, m: &'a str) -> Option<RoomAt<'a>> {
    let place = input.place.as_deref()?;
    (input.format == Some(WorkFormat::InPerson)).then_some(RoomAt {
        municipality_id: m,
        point_id: input.consultation_point_id.as_deref(),
        place,
    })
}

/// Writes the planned occurrences (a series when more than one), each checked for
/// conflicts first; returns their ids in time order.
fn insert_occurrences(
    conn: &mut DbConn,
    user: &AuthUser,
    input: &SessionInput,
    (municipality_id, academic_year_id): (&str, &str),
    (tutor_ids, school_ids): (&[String], &[String]),
    occ: Vec<(NaiveDateTime, NaiveDateTime)>,
) -> AppResult<Vec<String>> {
    let series_id = (occ.len() > 1).then(new_id);
    let mut ids = Vec::new();
    for (a, b) in occ {
        check_conflicts(conn, tutor_ids, room(input, municipality_id), a, b, None)?;
        let id = new_id();
        let t = now();
        let row = NewSession {
            id: &id,
            municipality_id,
            academic_year_id,
            series_id: series_id.as_deref(),
            form: input.form.map(|f| f.as_str()).unwrap_or_default(),
            subject_id: input.subject_id.as_deref(),
            title: input.title.trim(),
            starts_at: a,
            ends_at: b,
            place: tutornet_domain::text::clean(&input.place),
            online_link: tutornet_domain::text::clean(&input.online_link),
            format: input.format.map(|f| f.as_str()).unwrap_or_default(),
            audience: input.audience.map(|f| f.as_str()).unwrap_or_default(),
            seats: input.seats,
            consultation_point_id: input.consultation_point_id.as_deref(),
            open_to: input.open_to.unwrap_or(OpenTo::All).as_str(),
            status: "planned",
            created_at: t,
            updated_at: t,
            created_by: &user.id,
            updated_by: &user.id,
            version: 1,
        };
        repo::insert(conn, &row, tutor_ids)?;
        repo::replace_target_schools(conn, &id, school_ids)?;
        ids.push(id);
    }
    Ok(ids)
}

pub fn create(conn: &mut DbConn, user: &AuthUser, input: &SessionInput) -> AppResult<Vec<Session>> {
    user.reach(Resource::Session, Action::Create)?;
    input.validate().map_err(AppError::Validation)?;
    let municipality_id = user.municipality_id.clone().ok_or_else(|| {
        AppError::Forbidden("Занятия планируют координатор или тьютор муниципалитета".into())
    })?;
    crate::store::names::check_subject(conn, input.subject_id.as_deref())?;
    crate::features::consultation_points::rules::check_for_session(
        conn,
        input.consultation_point_id.as_deref(),
        &municipality_id,
    )?;
    let tz = crate::store::zone::of_municipality(conn, &municipality_id)?;
    // The year of the first session (the current one or a later one that exists).
    let (year, occ) = plan::occurrences(conn, input, tz)?;
    // Tutors of the composition of that year.
    let tutor_ids = validate_tutors(conn, user, (&municipality_id, &year.id), input)?;
    let school_ids = plan::target_schools(conn, input, &municipality_id)?;
    // Requests answered by the session: same municipality, accepted, held by their tutor.
    let linked =
        requests::schedulable(conn, user, &municipality_id, &input.request_ids, &tutor_ids)?;
    let ids = insert_occurrences(
        conn,
        user,
        input,
        (&municipality_id, &year.id),
        (&tutor_ids, &school_ids),
        occ,
    )?;
    let rows = repo::rows_by_ids(conn, &ids)?;
    // The series (or the single session) answers the linked requests.
    let series = rows.first().and_then(|r| r.series_id.clone());
    let first = rows
        .iter()
        .find(|r| r.id == ids[0])
        .cloned()
        .ok_or_else(|| AppError::Internal("the new session is not stored".into()))?;
    let text = announcement(conn, &first)?;
    // The first occurrence answers the linked requests (their people hear when and where).
    requests::on_session_scheduled(conn, user, &linked, (&ids[0], series.as_deref()), &text)?;
    notify(
        conn,
        &tutor_ids,
        Some(&user.id),
        NotificationKind::SessionPlanned.as_str(),
        "Новое занятие в расписании",
        &text,
        Some(&format!("/sessions/{}", ids[0])),
    )?;
    for r in &rows {
        record(conn, user, AuditAction::Create, None, r)?;
    }
    to_domain(conn, user, rows)
}

/// The checks of an edit before anything is written; returns the tutors, the targeted
/// schools and the academic year of the new date.
fn check_update(
    conn: &mut DbConn,
    user: &AuthUser,
    before: &SessionRow,
    input: &SessionInput,
) -> AppResult<(Vec<String>, Vec<String>, String)> {
    require_manage(conn, user, before)?;
    input.validate().map_err(AppError::Validation)?;
    if input.recurrence.is_some() {
        return Err(AppError::field(
            "recurrence",
            "not_allowed",
            "Изменение касается одного занятия серии; повтор задаётся при создании",
        ));
    }
    if before.status != "planned" {
        return Err(AppError::Conflict {
            code: ProblemCode::NotPlanned,
            detail:
                "Изменять можно только запланированное занятие; к проведённому добавляйте поправки"
                    .into(),
        });
    }
    let tz = crate::store::zone::of_municipality(conn, &before.municipality_id)?;
    let d = crate::store::zone::local(input.starts_at.naive_utc(), tz).date();
    let year = crate::features::academic_years::ops::for_planning(conn, d, "starts_at")?;
    let school_ids = plan::target_schools(conn, input, &before.municipality_id)?;
    let tutor_ids = validate_tutors(conn, user, (&before.municipality_id, &year.id), input)?;
    crate::features::consultation_points::rules::check_for_session(
        conn,
        input.consultation_point_id.as_deref(),
        &before.municipality_id,
    )?;
    check_conflicts(
        conn,
        &tutor_ids,
        room(input, &before.municipality_id),
        input.starts_at.naive_utc(),
        input.ends_at.naive_utc(),
        Some(&before.id),
    )?;
    Ok((tutor_ids, school_ids, year.id))
}

pub fn update(
    conn: &mut DbConn,
    user: &AuthUser,
    id: &str,
    input: &SessionInput,
) -> AppResult<Session> {
    let before = repo::find_row(conn, id)?;
    let (tutor_ids, school_ids, year_id) = check_update(conn, user, &before, input)?;
    let full = |conn: &mut DbConn| -> AppResult<Session> {
        let row = repo::find_row(conn, id)?;
        one(conn, user, row)
    };
    let current = full(conn)?;
    let change = update_versioned(
        conn,
        input.version,
        before.version,
        current,
        |conn, v| {
            let n = set_versioned!(
                conn,
                sessions,
                id,
                v,
                &user.id,
                (
                    sessions::form.eq(input.form.map(|f| f.as_str()).unwrap_or_default()),
                    sessions::subject_id.eq(&input.subject_id),
                    sessions::title.eq(input.title.trim()),
                    sessions::starts_at.eq(input.starts_at.naive_utc()),
                    sessions::ends_at.eq(input.ends_at.naive_utc()),
                    sessions::place.eq(tutornet_domain::text::clean(&input.place)),
                    sessions::online_link.eq(tutornet_domain::text::clean(&input.online_link)),
                    sessions::format.eq(input.format.map(|f| f.as_str()).unwrap_or_default()),
                    sessions::audience.eq(input.audience.map(|f| f.as_str()).unwrap_or_default()),
                    sessions::seats.eq(input.seats),
                    sessions::consultation_point_id.eq(&input.consultation_point_id),
                    sessions::open_to.eq(input.open_to.unwrap_or(OpenTo::All).as_str()),
                    sessions::academic_year_id.eq(&year_id),
                )
            )?;
            if n > 0 {
                repo::replace_tutors(conn, id, &tutor_ids)?;
                repo::replace_target_schools(conn, id, &school_ids)?;
            }
            Ok(n)
        },
        full,
    )?;
    let session = match change {
        Change::Unchanged(same) => return Ok(same),
        Change::Stored(after) => after,
    };
    let after = repo::find_row(conn, id)?;
    let participants = repo::participant_ids(conn, id)?;
    let text = announcement(conn, &after)?;
    notify(
        conn,
        &participants,
        Some(&user.id),
        NotificationKind::SessionChanged.as_str(),
        NotificationKind::SessionChanged.label_ru(),
        &text,
        Some(&format!("/sessions/{id}")),
    )?;
    record(conn, user, AuditAction::Update, Some(&before), &after)?;
    Ok(session)
}

pub fn cancel(
    conn: &mut DbConn,
    user: &AuthUser,
    id: &str,
    input: &SessionCancel,
) -> AppResult<Session> {
    let before = repo::find_row(conn, id)?;
    require_manage(conn, user, &before)?;
    if input.reason.trim().is_empty() {
        return Err(AppError::field(
            "reason",
            "required",
            "Укажите причину отмены",
        ));
    }
    crate::store::record::check_version(Some(input.version), before.version)?;
    if before.status != "planned" {
        return Err(AppError::Conflict {
            code: ProblemCode::NotPlanned,
            detail: "Отменить можно только запланированное занятие".into(),
        });
    }
    if set_versioned!(
        conn,
        sessions,
        id,
        before.version,
        &user.id,
        (
            sessions::status.eq("cancelled"),
            sessions::cancel_reason.eq(input.reason.trim()),
        )
    )? == 0
    {
        return Err(AppError::version_conflict(before.version + 1));
    }
    // Linked requests go back to "accepted" so they can be scheduled again.
    requests::on_session_cancelled(conn, user, id, input.reason.trim())?;
    let participants = repo::participant_ids(conn, id)?;
    let text = format!(
        "{}. Причина: {}",
        announcement(conn, &before)?,
        input.reason.trim()
    );
    notify(
        conn,
        &participants,
        Some(&user.id),
        NotificationKind::SessionCancelled.as_str(),
        NotificationKind::SessionCancelled.label_ru(),
        &text,
        Some(&format!("/sessions/{id}")),
    )?;
    let after = repo::find_row(conn, id)?;
    record(conn, user, AuditAction::Cancel, Some(&before), &after)?;
    one(conn, user, after)
}
