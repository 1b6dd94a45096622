//! Reading sessions: the schedule list and the session card.

use super::rows::{AmendmentRow, RatingRow, RegistrationRow, SessionRow};
use super::rules::{can_manage, check_visible};
use super::{participants, policy, repo};
use crate::auth::AuthUser;
use crate::error::{AppError, AppResult};
use crate::features::requests::rules as requests;
use crate::store::conn::DbConn;
use crate::store::page::Cursor;
use crate::store::record::now;
use crate::store::stored;
use chrono::NaiveDateTime;
use tutornet_domain::community::{default_academic_hours, log_open};
use tutornet_domain::community::{
    Amendment, Audience, FormOfWork, Rating, Registration, RegistrationStatus, SchoolRef, Session,
    SessionDetail, SessionFilter, SessionStatus, WorkFormat,
};
use tutornet_domain::permissions::{Action, Resource};
use tutornet_domain::Page;

pub(super) fn to_domain(
    conn: &mut DbConn,
    user: &AuthUser,
    rows: Vec<SessionRow>,
) -> AppResult<Vec<Session>> {
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let tutors = repo::tutors_of(conn, &ids)?;
    let regs = repo::registration_states(conn, &ids)?;
    let reqs = requests::linked_to_sessions(conn, &ids)?;
    let subject_ids: Vec<String> = rows.iter().filter_map(|r| r.subject_id.clone()).collect();
    let subject_names = repo::subject_names(conn, subject_ids)?;
    let point_names = crate::features::consultation_points::rules::names(
        conn,
        rows.iter()
            .filter_map(|r| r.consultation_point_id.clone())
            .collect(),
    )?;
    let targets = super::plan::schools_of(conn, &ids)?;
    let my_school = repo::registrant_school(conn, &user.id)?;
    let series_ids: Vec<String> = rows.iter().filter_map(|r| r.series_id.clone()).collect();
    let series_reqs = requests::linked_to_series(conn, &series_ids)?;
    rows.into_iter()
        .map(|r| {
            let count = |st: &str| {
                regs.iter()
                    .filter(|(s, _, x)| *s == r.id && x == st)
                    .count() as i64
            };
            let form = stored(&r.form, "sessions.form", FormOfWork::parse)?;
            let open_to = super::plan::open_to(&r)?;
            let target_schools: Vec<SchoolRef> = targets
                .iter()
                .filter(|(s, _)| *s == r.id)
                .map(|(_, t)| t.clone())
                .collect();
            let mut request_ids: Vec<String> = reqs
                .iter()
                .filter(|(_, s)| *s == r.id)
                .map(|(id, _)| id.clone())
                .collect();
            for (rid, _) in series_reqs
                .iter()
                .filter(|(_, s)| r.series_id.as_ref() == Some(s))
            {
                if !request_ids.contains(rid) {
                    request_ids.push(rid.clone());
                }
            }
            Ok(Session {
                tutors: tutors.get(&r.id).cloned().unwrap_or_default(),
                request_ids,
                open_to_me: super::plan::admits(open_to, my_school.as_ref(), &target_schools),
                open_to,
                target_schools,
                activity: form.activity(),
                registered: count("registered"),
                waitlisted: count("waitlisted"),
                my_registration: regs
                    .iter()
                    .find(|(s, u, _)| *s == r.id && *u == user.id)
                    .and_then(|(_, _, st)| RegistrationStatus::parse(st)),
                subject_name: r
                    .subject_id
                    .as_ref()
                    .and_then(|s| subject_names.get(s).cloned()),
                id: r.id,
                municipality_id: r.municipality_id,
                academic_year_id: r.academic_year_id,
                series_id: r.series_id,
                form,
                subject_id: r.subject_id,
                title: r.title,
                starts_at: r.starts_at.and_utc(),
                ends_at: r.ends_at.and_utc(),
                place: r.place,
                online_link: r.online_link,
                format: stored(&r.format, "sessions.format", WorkFormat::parse)?,
                audience: stored(&r.audience, "sessions.audience", Audience::parse)?,
                seats: r.seats,
                status: stored(&r.status, "sessions.status", SessionStatus::parse)?,
                cancel_reason: r.cancel_reason,
                consultation_point_name: r
                    .consultation_point_id
                    .as_ref()
                    .and_then(|p| point_names.get(p).cloned()),
                consultation_point_id: r.consultation_point_id,
                version: r.version,
            })
        })
        .collect::<AppResult<Vec<_>>>()
}

/// One session as the domain sees it (after a write).
pub(super) fn one(conn: &mut DbConn, user: &AuthUser, r: SessionRow) -> AppResult<Session> {
    Ok(to_domain(conn, user, vec![r])?.remove(0))
}

const CURSOR_KEY: &str = "%Y-%m-%dT%H:%M:%S%.f";

pub fn list(conn: &mut DbConn, user: &AuthUser, f: &SessionFilter) -> AppResult<Page<Session>> {
    let reach = user.reach(Resource::Session, Action::Read)?;
    let limit = crate::store::page::page_limit(f.limit)?;
    let after = f.cursor.as_deref().map(Cursor::decode).transpose()?;
    let listing = repo::Listing {
        reach: &reach,
        filter: f,
        me: &user.id,
        of_school: match &f.school_id {
            Some(s) => Some(requests::sessions_of_school(conn, s)?),
            None => None,
        },
        of_low_results: match f.low_results_only {
            Some(true) => Some(requests::sessions_of_low_result_schools(conn)?),
            _ => None,
        },
    };
    let after = match after {
        Some(c) => {
            let k = NaiveDateTime::parse_from_str(&c.k, CURSOR_KEY).map_err(|_| {
                AppError::field(
                    "cursor",
                    "invalid_cursor",
                    "Недействительный курсор страницы",
                )
            })?;
            Some((k, c.id))
        }
        None => None,
    };
    let (total, rows) = repo::page(conn, &listing, after, limit)?;
    let more = rows.len() as i64 > limit;
    let rows: Vec<SessionRow> = rows.into_iter().take(limit as usize).collect();
    let next_cursor = if more {
        rows.last().map(|r| {
            Cursor {
                k: r.starts_at.format(CURSOR_KEY).to_string(),
                id: r.id.clone(),
            }
            .encode()
        })
    } else {
        None
    };
    Ok(Page {
        items: to_domain(conn, user, rows)?,
        total,
        next_cursor,
    })
}

pub fn detail(conn: &mut DbConn, user: &AuthUser, id: &str) -> AppResult<SessionDetail> {
    let r = repo::find_row(conn, id)?;
    check_visible(conn, user, &r)?;
    let manage = can_manage(conn, user, &r)?;
    let session = one(conn, user, r.clone())?;
    let all_regs = repo::registrations_of(conn, id)?;
    let registered: Vec<String> = all_regs
        .iter()
        .filter(|g| g.2 == "registered")
        .map(|g| g.1.clone())
        .collect();
    let came = all_regs.iter().filter(|g| g.3 == Some(true)).count();
    let registrations = registrations(conn, user, all_regs, id, manage)?;
    let ams = repo::amendments_of(conn, id)?;
    let amendments = amendments(conn, ams, manage)?;
    let rts = repo::ratings_of(conn, id)?;
    let average_rating =
        (!rts.is_empty()).then(|| rts.iter().map(|r| r.2 as f64).sum::<f64>() / rts.len() as f64);
    let sees_people = policy::sees_people(user, manage);
    let log = participants::log_of(conn, id)?;
    let requesters = participants::requesters(conn, &r, &registered)?;
    let walk_ins = participants::walk_ins(conn, id)?;
    let attended_count = (came
        + requesters
            .iter()
            .filter(|q| q.attended == Some(true))
            .count()
        + walk_ins.len()) as i64;
    let linked_requests = participants::linked_requests(conn, &r, |school, requester| {
        policy::sees_registration(user, sees_people, requester, Some(school))
    })?;
    Ok(SessionDetail {
        students_class: r.students_class,
        students_count: r.students_count,
        academic_hours: log.as_ref().map(|l| l.0),
        default_academic_hours: default_academic_hours(session.starts_at, session.ends_at),
        log_open: log_open(session.starts_at, now().and_utc()),
        session,
        outcome: r.outcome,
        difficulties: log.and_then(|l| l.1),
        summary: r.summary,
        private_notes: if manage { r.private_notes } else { None },
        materials: r.materials,
        files: super::files::list(conn, id)?,
        held_at: r.held_at.map(|t| t.and_utc()),
        registrations,
        linked_requests,
        requesters: requesters
            .into_iter()
            .filter(|q| sees_people || q.user_id == user.id)
            .collect(),
        walk_ins: if sees_people { walk_ins } else { Vec::new() },
        attended_count,
        amendments,
        ratings: rts.into_iter().map(rating).collect(),
        average_rating,
        can_manage: manage,
    })
}

/// The registrations the caller sees, with waitlist places counted over everyone.
fn registrations(
    conn: &mut DbConn,
    user: &AuthUser,
    regs: Vec<RegistrationRow>,
    id: &str,
    manage: bool,
) -> AppResult<Vec<Registration>> {
    let school_ids: Vec<String> = regs.iter().filter_map(|r| r.5.clone()).collect();
    let school_names = repo::school_short_names(conn, school_ids)?;
    let sees_people = policy::sees_people(user, manage);
    // Waitlist places count over everyone, before the list is cut to what the caller sees.
    let mut position = 0;
    let mut rows = Vec::with_capacity(regs.len());
    for r in regs {
        let status = stored(&r.2, "registrations.status", RegistrationStatus::parse)?;
        rows.push((r, status));
    }
    Ok(rows
        .into_iter()
        .map(|(r, status)| {
            let waitlist_position = (status == RegistrationStatus::Waitlisted).then(|| {
                position += 1;
                position
            });
            (r, status, waitlist_position)
        })
        .filter(|(r, _, _)| policy::sees_registration(user, sees_people, &r.1, r.5.as_deref()))
        .map(|(r, status, waitlist_position)| Registration {
            id: r.0,
            session_id: id.to_string(),
            user_id: r.1,
            full_name: r.6,
            school_name: r.5.as_ref().and_then(|s| school_names.get(s).cloned()),
            status,
            waitlist_position,
            attended: r.3,
            created_at: r.4.and_utc(),
        })
        .collect())
}

fn amendments(
    conn: &mut DbConn,
    ams: Vec<AmendmentRow>,
    manage: bool,
) -> AppResult<Vec<Amendment>> {
    let names = requests::user_names(conn, ams.iter().filter_map(|a| a.1.clone()).collect())?;
    Ok(ams
        .into_iter()
        .filter(|a| policy::sees_amendment(manage, &a.2))
        .map(|a| Amendment {
            at: a.0.and_utc(),
            author_name: a.1.as_ref().and_then(|x| names.get(x).cloned()),
            author_id: a.1,
            field: a.2,
            before_value: a.3,
            after_value: a.4,
            note: a.5,
        })
        .collect())
}

fn rating(r: RatingRow) -> Rating {
    Rating {
        user_id: r.0,
        full_name: r.1,
        score: r.2,
        comment: r.3,
        created_at: r.4.and_utc(),
    }
}
