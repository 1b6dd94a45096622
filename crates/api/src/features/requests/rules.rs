//! Requests (заявки) to the consultation point and their workflow: the operations
//! handlers and other nouns call. Sessions tell requests what happened to a session
//! (`on_session_*` in `sessions.rs`); suggestions of tutors are in `suggestions.rs`.

use super::policy::{self, Facts};
use super::repo;
use super::rows::{NewRequest, RequestRow};
use crate::auth::AuthUser;
use crate::error::{AppError, AppResult};
use crate::features::notifications::ops::{coordinators, notify};
use crate::store::conn::DbConn;
use crate::store::page::Cursor;
use crate::store::record::new_id;
use crate::store::record::now;
use crate::store::stored;
use std::collections::HashMap;
use tutornet_domain::audit::{AuditAction, AuditEntity};
use tutornet_domain::community::{
    Actor, Audience, FormOfWork, Request, RequestChannel, RequestDetail, RequestEvent,
    RequestFilter, RequestInput, RequestStatus, WorkFormat,
};
use tutornet_domain::notifications::NotificationKind;
use tutornet_domain::permissions::{Action, Resource, Role};
use tutornet_domain::Page;

pub use super::sessions::{
    linked_to_series, linked_to_sessions, on_session_cancelled, on_session_held,
    on_session_scheduled, requested_session, requesters_of_session, schedulable,
    sessions_of_low_result_schools, sessions_of_school, Schedulable,
};
pub use super::suggestions::{composition_tutors, suggestions, tutor_load};
pub use super::transition::transition;

/// Names of users by id.
pub fn user_names(conn: &mut DbConn, ids: Vec<String>) -> AppResult<HashMap<String, String>> {
    repo::user_names(conn, ids)
}

pub(super) fn to_domain(conn: &mut DbConn, rows: Vec<RequestRow>) -> AppResult<Vec<Request>> {
    let mut people: Vec<String> = rows.iter().map(|r| r.requester_id.clone()).collect();
    people.extend(rows.iter().filter_map(|r| r.tutor_user_id.clone()));
    let names = repo::user_names(conn, people)?;
    let school_ids: Vec<String> = rows.iter().map(|r| r.school_id.clone()).collect();
    let school_names = repo::school_short_names(conn, school_ids)?;
    let subject_ids: Vec<String> = rows.iter().filter_map(|r| r.subject_id.clone()).collect();
    let subject_names = repo::subject_names(conn, subject_ids)?;
    let today = now();
    rows.into_iter()
        .map(|r| {
            Ok(Request {
                school_name: school_names.get(&r.school_id).cloned().unwrap_or_default(),
                requester_name: names.get(&r.requester_id).cloned().unwrap_or_default(),
                tutor_name: r.tutor_user_id.as_ref().and_then(|t| names.get(t).cloned()),
                subject_name: r
                    .subject_id
                    .as_ref()
                    .and_then(|s| subject_names.get(s).cloned()),
                age_days: (today - r.status_changed_at).num_days(),
                id: r.id,
                municipality_id: r.municipality_id,
                academic_year_id: r.academic_year_id,
                school_id: r.school_id,
                requester_id: r.requester_id,
                for_school: r.for_school,
                channel: stored(&r.channel, "requests.channel", RequestChannel::parse)?,
                received_on: r.received_on,
                contact: r.contact,
                series_id: r.series_id,
                form: stored(&r.form, "requests.form", FormOfWork::parse)?,
                subject_id: r.subject_id,
                topic: r.topic,
                problem: r.problem,
                audience: stored(&r.audience, "requests.audience", Audience::parse)?,
                audience_count: r.audience_count,
                audience_grade: r.audience_grade,
                format: stored(&r.format, "requests.format", WorkFormat::parse)?,
                period_from: r.period_from,
                period_to: r.period_to,
                status: stored(&r.status, "requests.status", RequestStatus::parse)?,
                tutor_user_id: r.tutor_user_id,
                session_id: r.session_id,
                decline_reason: r.decline_reason,
                status_changed_at: r.status_changed_at.and_utc(),
                created_at: r.created_at.and_utc(),
                updated_at: r.updated_at.and_utc(),
                version: r.version,
            })
        })
        .collect()
}

fn one(conn: &mut DbConn, r: RequestRow) -> AppResult<Request> {
    Ok(to_domain(conn, vec![r])?.remove(0))
}

/// Open requests of a municipality unchanged for `days`, oldest change first (at most 50).
pub fn stale(conn: &mut DbConn, municipality_id: &str, days: i64) -> AppResult<Vec<Request>> {
    let rows = repo::stale(conn, municipality_id, days)?;
    to_domain(conn, rows)
}

pub(super) fn facts<'a>(r: &'a RequestRow, region_id: Option<&'a str>) -> Facts<'a> {
    Facts {
        municipality_id: &r.municipality_id,
        region_id,
        school_id: &r.school_id,
        requester_id: &r.requester_id,
        tutor_user_id: r.tutor_user_id.as_deref(),
    }
}

/// The request if the caller may see it (404 otherwise).
pub(super) fn get_row(conn: &mut DbConn, user: &AuthUser, id: &str) -> AppResult<RequestRow> {
    let r = repo::find_row(conn, id)?;
    let region = crate::access::places::region_of(conn, &r.municipality_id)?;
    let reach = user.try_reach(Resource::Request, Action::Read);
    if !policy::visible(reach.as_ref(), &facts(&r, region.as_deref())) {
        return Err(AppError::NotFound("Заявка не найдена".into()));
    }
    Ok(r)
}

/// The actor roles the caller has for this request.
pub(super) fn actors(user: &AuthUser, r: &RequestRow) -> Vec<Actor> {
    policy::actors(user, &facts(r, None))
}

pub fn detail(conn: &mut DbConn, user: &AuthUser, id: &str) -> AppResult<RequestDetail> {
    let row = get_row(conn, user, id)?;
    let status = stored(&row.status, "requests.status", RequestStatus::parse)?;
    let allowed_actions = policy::allowed(status, &actors(user, &row));
    let can_change_files = super::files::may_change(user, &row).is_ok();
    let request = one(conn, row)?;
    let evs = repo::events_of(conn, id)?;
    let names = repo::user_names(conn, evs.iter().filter_map(|e| e.1.clone()).collect())?;
    let history = evs
        .into_iter()
        .map(|e| {
            Ok(RequestEvent {
                at: e.0.and_utc(),
                actor_name: e.1.as_ref().and_then(|a| names.get(a).cloned()),
                actor_id: e.1,
                from_status: e.2.as_deref().and_then(RequestStatus::parse),
                to_status: stored(&e.3, "request_events.to_status", RequestStatus::parse)?,
                comment: e.4,
            })
        })
        .collect::<AppResult<Vec<_>>>()?;
    Ok(RequestDetail {
        files: super::files::list(conn, &request.id)?,
        can_change_files,
        request,
        history,
        allowed_actions,
    })
}

pub fn list(conn: &mut DbConn, user: &AuthUser, f: &RequestFilter) -> AppResult<Page<Request>> {
    let reach = user.reach(Resource::Request, Action::Read)?;
    let limit = crate::store::page::page_limit(f.limit)?;
    let after = f.cursor.as_deref().map(Cursor::decode).transpose()?;
    if f.stale_days.is_some_and(|d| !(0..=3650).contains(&d)) {
        return Err(AppError::field(
            "stale_days",
            "out_of_range",
            "Число дней — от 0 до 3650",
        ));
    }
    let (total, rows) = repo::page(conn, &reach, f, after.map(|c| c.id), limit)?;
    let more = rows.len() as i64 > limit;
    let rows: Vec<RequestRow> = rows.into_iter().take(limit as usize).collect();
    let next_cursor = more.then(|| {
        Cursor {
            k: String::new(),
            id: rows.last().map(|r| r.id.clone()).unwrap_or_default(),
        }
        .encode()
    });
    Ok(Page {
        items: to_domain(conn, rows)?,
        total,
        next_cursor,
    })
}

pub(super) fn record(
    conn: &mut DbConn,
    user: &AuthUser,
    action: AuditAction,
    before: Option<&Request>,
    after: &Request,
) -> AppResult<()> {
    crate::store::audit::record_in_municipality(
        conn,
        user,
        action,
        AuditEntity::Request,
        &after.id,
        &after.municipality_id,
        before,
        Some(after),
    )
}

/// The school a request is filed for and whether a coordinator registers it on the
/// school's behalf: teachers and school administrators file for their own school;
/// coordinators and admins name a school within their reach.
fn filing_school(
    conn: &mut DbConn,
    user: &AuthUser,
    reach: &crate::auth::Reach,
    input: &RequestInput,
) -> AppResult<(String, bool)> {
    if matches!(user.role, Role::Teacher | Role::SchoolAdmin) {
        let own = user.school_id.clone().ok_or_else(|| {
            AppError::Forbidden("Заявки подают учителя и администрация школ".into())
        })?;
        if input.school_id.as_deref().is_some_and(|s| s != own) {
            return Err(AppError::field(
                "school_id",
                "not_allowed",
                "Заявку подают от своей школы",
            ));
        }
        return Ok((own, false));
    }
    let Some(school_id) = input.school_id.clone().filter(|s| !s.trim().is_empty()) else {
        return Err(AppError::field(
            "school_id",
            "required",
            "Выберите школу, от которой поступила заявка",
        ));
    };
    let municipality = repo::school_place(conn, &school_id)?;
    let region = match &municipality {
        Some(m) => crate::access::places::region_of(conn, m)?,
        None => None,
    };
    let covered = match (reach, &municipality) {
        (crate::auth::Reach::Municipality(own), Some(m)) => own == m,
        (crate::auth::Reach::Region(r), Some(_)) => region.as_deref() == Some(r.as_str()),
        _ => false,
    };
    if !covered {
        return Err(AppError::field(
            "school_id",
            "invalid_reference",
            "Школа не найдена среди действующих школ вашего муниципалитета",
        ));
    }
    Ok((school_id, true))
}

pub fn create(conn: &mut DbConn, user: &AuthUser, input: &RequestInput) -> AppResult<Request> {
    let reach = user.reach(Resource::Request, Action::Create)?;
    input.validate().map_err(AppError::Validation)?;
    let (school_id, on_behalf) = filing_school(conn, user, &reach, input)?;
    let municipality_id = repo::school_municipality(conn, &school_id)?;
    let year = crate::features::academic_years::ops::require_current(conn)?;
    let today =
        crate::store::zone::today(crate::store::zone::of_municipality(conn, &municipality_id)?);
    input
        .validate_period(today, year.starts_on)
        .map_err(AppError::Validation)?;
    if on_behalf {
        input.validate_on_behalf(today)
    } else {
        input.validate_own()
    }
    .map_err(AppError::Validation)?;
    let channel = match (on_behalf, input.channel) {
        (true, Some(c)) => c,
        _ => RequestChannel::Platform,
    };
    crate::store::names::check_subject(conn, input.subject_id.as_deref())?;
    let id = new_id();
    let t = now();
    repo::insert(
        conn,
        &NewRequest {
            id: &id,
            municipality_id: &municipality_id,
            academic_year_id: &year.id,
            school_id: &school_id,
            requester_id: &user.id,
            for_school: on_behalf || (input.for_school && user.role == Role::SchoolAdmin),
            form: input.form.map(|f| f.as_str()).unwrap_or_default(),
            subject_id: input.subject_id.as_deref(),
            topic: input.topic.trim(),
            problem: input.problem.trim(),
            audience: input.audience.map(|a| a.as_str()).unwrap_or_default(),
            audience_count: input.audience_count,
            audience_grade: tutornet_domain::text::clean(&input.audience_grade),
            format: input.format.map(|f| f.as_str()).unwrap_or_default(),
            period_from: input.period_from,
            period_to: input.period_to,
            channel: channel.as_str(),
            received_on: input.received_on.filter(|_| on_behalf),
            contact: tutornet_domain::text::clean(&input.contact).filter(|_| on_behalf),
            status: RequestStatus::New.as_str(),
            status_changed_at: t,
            created_at: t,
            updated_at: t,
            created_by: &user.id,
            updated_by: &user.id,
            version: 1,
        },
    )?;
    repo::insert_event(conn, &id, Some(&user.id), None, "new", None)?;
    let mut coords = coordinators(conn, &municipality_id)?;
    if on_behalf {
        // The school hears that its letter or call is now a request.
        coords.extend(repo::school_admins(conn, &school_id)?);
    }
    let row = repo::find_row(conn, &id)?;
    let after = one(conn, row)?;
    let mut text = super::notices::new_request(&after);
    if on_behalf {
        text.push_str(&format!(
            ". Поступила: {}{}",
            channel.label_ru().to_lowercase(),
            input
                .received_on
                .map(|d| format!(", {}", tutornet_domain::text::format_date_ru(d)))
                .unwrap_or_default()
        ));
    }
    notify(
        conn,
        &coords,
        Some(&user.id),
        NotificationKind::RequestNew.as_str(),
        NotificationKind::RequestNew.label_ru(),
        &text,
        Some(&format!("/requests/{id}")),
    )?;
    record(conn, user, AuditAction::Create, None, &after)?;
    Ok(after)
}

/// A status change and what changes with it.
pub(super) struct Move<'a> {
    pub to: RequestStatus,
    pub comment: Option<&'a str>,
    /// `Some(..)`: set the assigned tutor.
    pub tutor: Option<Option<&'a str>>,
    /// `Some(..)`: set (or clear) the linked session.
    pub session: Option<Option<&'a str>>,
    /// `Some(..)`: set (or clear) the series answering the request.
    pub series: Option<Option<String>>,
    pub decline_reason: Option<&'a str>,
}

impl<'a> Move<'a> {
    pub fn to(to: RequestStatus, comment: Option<&'a str>) -> Move<'a> {
        Move {
            to,
            comment,
            tutor: None,
            session: None,
            series: None,
            decline_reason: None,
        }
    }
}

/// Sets status (and fields) with an event and notifications; no checks (callers check).
pub(super) fn move_to(
    conn: &mut DbConn,
    actor: Option<&AuthUser>,
    r: &RequestRow,
    m: Move,
) -> AppResult<()> {
    if repo::set_status(conn, r, actor.map(|a| a.id.clone()), m.to.as_str())? == 0 {
        return Err(AppError::version_conflict(r.version + 1));
    }
    if let Some(tu) = m.tutor {
        repo::set_tutor(conn, &r.id, tu)?;
    }
    if let Some(s) = m.session {
        repo::set_session(conn, &r.id, s)?;
    }
    if let Some(s) = &m.series {
        repo::set_series(conn, &r.id, s.as_deref())?;
    }
    if let Some(d) = m.decline_reason {
        repo::set_decline_reason(conn, &r.id, d)?;
    }
    let actor_id = actor.map(|a| a.id.as_str());
    repo::insert_event(
        conn,
        &r.id,
        actor_id,
        Some(&r.status),
        m.to.as_str(),
        m.comment,
    )?;
    // Everyone involved hears about it (the actor is skipped).
    let mut to_notify = vec![r.requester_id.clone()];
    if let Some(t) = m
        .tutor
        .flatten()
        .map(str::to_string)
        .or(r.tutor_user_id.clone())
    {
        to_notify.push(t);
    }
    if matches!(m.to, RequestStatus::New | RequestStatus::Cancelled) {
        to_notify.extend(coordinators(conn, &r.municipality_id)?);
    }
    let now_row = repo::find_row(conn, &r.id)?;
    let body = super::notices::status_changed(&one(conn, now_row)?, m.comment);
    notify(
        conn,
        &to_notify,
        actor_id,
        NotificationKind::RequestStatus.as_str(),
        &super::notices::status_title(m.to),
        &body,
        Some(&format!("/requests/{}", r.id)),
    )
}
