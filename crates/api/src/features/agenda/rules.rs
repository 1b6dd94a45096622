//! The sections of each role's start page. Every list comes from its noun's public
//! operation with the caller's own reach, so the start page shows nothing the caller could
//! not open; only the wording of the next step is decided in `tutornet_domain::agenda`.

use crate::auth::AuthUser;
use crate::error::AppResult;
use crate::features::{requests, reviews, sessions};
use crate::store::conn::DbConn;
use chrono::{TimeDelta, Utc};
use tutornet_domain::agenda::{
    coordinator_step, expert_step, requester_step, session_step, tutor_step, Agenda, AgendaItem,
    AgendaSection,
};
use tutornet_domain::community::{
    Request, RequestFilter, RequestStatus, Session, SessionFilter, SessionStatus,
};
use tutornet_domain::permissions::{Action, Resource, Role};
use tutornet_domain::reviews::ReviewFilter;

/// How many items a section shows (the rest is behind its «все» link).
const SHOWN: usize = 10;
/// Requests without a status change for this many days count as stalled.
const STALE_DAYS: i64 = 3;

/// The sections of every role the caller holds (a teacher who is a tutor sees both).
pub fn agenda(conn: &mut DbConn, user: &AuthUser) -> AppResult<Agenda> {
    let mut sections = Vec::new();
    for role in &user.roles {
        sections.extend(sections_of(conn, user, *role)?);
    }
    Ok(Agenda { sections })
}

fn sections_of(conn: &mut DbConn, user: &AuthUser, role: Role) -> AppResult<Vec<AgendaSection>> {
    Ok(match role {
        Role::Teacher => vec![
            filed(
                conn,
                user,
                "my_requests",
                "Мои заявки",
                "Открытых заявок нет. Нужна помощь тьютора — подайте заявку.",
            )?,
            my_sessions(conn, user)?,
        ],
        Role::Tutor => vec![
            to_schedule(conn, user)?,
            to_log(conn, user, true)?,
            to_review(conn, user)?,
            upcoming(conn, user, role, "Мои ближайшие занятия")?,
        ],
        Role::Coordinator => vec![
            new_requests(conn, user)?,
            stalled(conn, user)?,
            to_log(conn, user, false)?,
        ],
        Role::SchoolAdmin => vec![
            filed(
                conn,
                user,
                "school_requests",
                "Заявки школы",
                "Открытых заявок школы нет.",
            )?,
            upcoming(conn, user, role, "Ближайшие занятия учителей школы")?,
        ],
        Role::Admin | Role::Observer => vec![by_municipality(conn, user)?],
    })
}

fn section(
    key: &str,
    title: &str,
    empty: &str,
    items: Vec<AgendaItem>,
    more: &str,
) -> AgendaSection {
    AgendaSection {
        key: key.into(),
        title: title.into(),
        empty: empty.into(),
        items: items.into_iter().take(SHOWN).collect(),
        more: Some(more.into()),
    }
}

fn request_item(r: &Request, step: (&str, bool)) -> AgendaItem {
    let who = match &r.tutor_name {
        Some(t) => format!("{} · тьютор {t}", r.school_name),
        None => r.school_name.clone(),
    };
    AgendaItem {
        title: r.topic.clone(),
        detail: format!("{who} · {}", r.status.label_ru()),
        step: step.0.into(),
        urgent: step.1,
        at: None,
        link: format!("/requests/{}", r.id),
    }
}

fn session_item(s: &Session, step: (&str, bool)) -> AgendaItem {
    let place = s
        .place
        .clone()
        .unwrap_or_else(|| s.format.label_ru().to_lowercase());
    let tutors: Vec<&str> = s.tutors.iter().map(|p| p.full_name.as_str()).collect();
    AgendaItem {
        title: s.title.clone(),
        detail: format!("{} · {place} · {}", s.form.label_ru(), tutors.join(", ")),
        step: step.0.into(),
        urgent: step.1,
        at: Some(s.starts_at),
        link: format!("/sessions/{}", s.id),
    }
}

fn requests_where(conn: &mut DbConn, user: &AuthUser, f: RequestFilter) -> AppResult<Vec<Request>> {
    let f = RequestFilter {
        limit: Some(200),
        ..f
    };
    Ok(requests::rules::list(conn, user, &f)?.items)
}

fn sessions_where(conn: &mut DbConn, user: &AuthUser, f: SessionFilter) -> AppResult<Vec<Session>> {
    let f = SessionFilter {
        limit: Some(50),
        ..f
    };
    Ok(sessions::rules::list(conn, user, &f)?.items)
}

fn open(r: &Request) -> bool {
    r.status.is_open()
}

/// Open requests the caller files (teacher: their own; school: all of it), the ones
/// waiting for the requester first.
fn filed(
    conn: &mut DbConn,
    user: &AuthUser,
    key: &str,
    title: &str,
    empty: &str,
) -> AppResult<AgendaSection> {
    let own_only = user.role == Role::Teacher;
    let mut rs: Vec<Request> = requests_where(conn, user, RequestFilter::default())?
        .into_iter()
        .filter(|r| open(r) && (!own_only || r.requester_id == user.id))
        .collect();
    rs.sort_by_key(|r| !requester_step(r.status).1);
    let items = rs
        .iter()
        .map(|r| request_item(r, requester_step(r.status)))
        .collect();
    Ok(section(key, title, empty, items, "/requests"))
}

/// Sessions the teacher is registered for, from now on.
fn my_sessions(conn: &mut DbConn, user: &AuthUser) -> AppResult<AgendaSection> {
    let f = SessionFilter {
        mine: Some(true),
        from: Some(Utc::now()),
        status: Some(SessionStatus::Planned),
        ..Default::default()
    };
    let items = sessions_where(conn, user, f)?
        .iter()
        .map(|s| session_item(s, ("Вы записаны", false)))
        .collect();
    Ok(section(
        "my_sessions",
        "Мои ближайшие занятия",
        "Вы пока никуда не записаны. Откройте расписание.",
        items,
        "/sessions",
    ))
}

/// Requests assigned to the tutor that still need a session.
fn to_schedule(conn: &mut DbConn, user: &AuthUser) -> AppResult<AgendaSection> {
    let f = RequestFilter {
        tutor_user_id: Some(user.id.clone()),
        status: Some(RequestStatus::Accepted),
        ..Default::default()
    };
    let items = requests_where(conn, user, f)?
        .iter()
        .map(|r| request_item(r, tutor_step(r.status)))
        .collect();
    Ok(section(
        "to_schedule",
        "Заявки ждут занятия",
        "Все назначенные вам заявки запланированы.",
        items,
        "/requests",
    ))
}

/// Sessions over but not logged: the tutor's own, or all of the municipality.
fn to_log(conn: &mut DbConn, user: &AuthUser, mine: bool) -> AppResult<AgendaSection> {
    let f = SessionFilter {
        mine: mine.then_some(true),
        awaiting_log: Some(true),
        ..Default::default()
    };
    let now = Utc::now();
    let items = sessions_where(conn, user, f)?
        .iter()
        .map(|s| session_item(s, session_step(s, now)))
        .collect();
    Ok(section(
        "to_log",
        "Отметить проведёнными",
        "Все прошедшие занятия отмечены.",
        items,
        "/sessions?awaiting_log=true",
    ))
}

/// Reviews the caller is the expert of that wait for them, the most urgent first.
fn to_review(conn: &mut DbConn, user: &AuthUser) -> AppResult<AgendaSection> {
    let f = ReviewFilter {
        expert_id: Some(user.id.clone()),
        limit: Some(50),
        ..Default::default()
    };
    let today = crate::store::zone::today(crate::store::zone::of_user(conn, &user.id)?);
    let mut items: Vec<(Option<chrono::NaiveDate>, AgendaItem)> =
        reviews::rules::list(conn, user, &f)?
            .items
            .into_iter()
            .filter_map(|r| {
                let late = r.due_on.is_some_and(|d| d <= today + TimeDelta::days(2));
                let (step, urgent) = expert_step(r.status, late)?;
                let due = r
                    .due_on
                    .map(|d| format!(" · срок {}", tutornet_domain::text::format_date_ru(d)))
                    .unwrap_or_default();
                Some((
                    r.due_on,
                    AgendaItem {
                        title: r.title.clone(),
                        detail: format!(
                            "{} · {} · {}{due}",
                            r.document_type.label_ru(),
                            r.author_name,
                            r.school_name
                        ),
                        step: step.into(),
                        urgent,
                        at: None,
                        link: format!("/reviews/{}", r.id),
                    },
                ))
            })
            .collect();
    items.sort_by_key(|(due, _)| due.unwrap_or(chrono::NaiveDate::MAX));
    Ok(section(
        "to_review",
        "Экспертиза документов",
        "Документов на экспертизе у вас нет.",
        items.into_iter().map(|(_, i)| i).collect(),
        "/reviews?mine=true",
    ))
}

/// The next week of sessions in the caller's view (tutor: held by them; school: its teachers).
fn upcoming(
    conn: &mut DbConn,
    user: &AuthUser,
    role: Role,
    title: &str,
) -> AppResult<AgendaSection> {
    let now = Utc::now();
    let f = SessionFilter {
        mine: (role == Role::Tutor).then_some(true),
        school_id: (role == Role::SchoolAdmin)
            .then(|| user.school_id.clone())
            .flatten(),
        from: Some(now),
        to: Some(now + TimeDelta::days(7)),
        status: Some(SessionStatus::Planned),
        ..Default::default()
    };
    let items = sessions_where(conn, user, f)?
        .iter()
        .map(|s| session_item(s, session_step(s, now)))
        .collect();
    Ok(section(
        "upcoming",
        title,
        "На ближайшую неделю занятий нет.",
        items,
        "/sessions",
    ))
}

fn new_requests(conn: &mut DbConn, user: &AuthUser) -> AppResult<AgendaSection> {
    let f = RequestFilter {
        status: Some(RequestStatus::New),
        ..Default::default()
    };
    let items = requests_where(conn, user, f)?
        .iter()
        .map(|r| request_item(r, coordinator_step(r.status, false)))
        .collect();
    Ok(section(
        "new_requests",
        "Новые заявки",
        "Новых заявок нет.",
        items,
        "/requests?status=new",
    ))
}

fn stalled(conn: &mut DbConn, user: &AuthUser) -> AppResult<AgendaSection> {
    let f = RequestFilter {
        stale_days: Some(STALE_DAYS),
        ..Default::default()
    };
    let items = requests_where(conn, user, f)?
        .iter()
        .filter(|r| open(r) && r.status != RequestStatus::New)
        .map(|r| request_item(r, coordinator_step(r.status, true)))
        .collect();
    Ok(section(
        "stalled",
        "Заявки без движения",
        "Все заявки в работе движутся.",
        items,
        "/dashboard",
    ))
}

/// The region by municipality: new and open requests, sessions this week.
fn by_municipality(conn: &mut DbConn, user: &AuthUser) -> AppResult<AgendaSection> {
    let reach = user.reach(Resource::Municipality, Action::Read)?;
    let ms = crate::features::municipalities::ops::list(conn, &reach, false)?.items;
    let ids: Vec<String> = ms.iter().map(|m| m.id.clone()).collect();
    let (reqs, week) = super::repo::region_activity(conn, &ids)?;
    let items = ms
        .iter()
        .map(|m| {
            let new = reqs
                .iter()
                .filter(|(x, s)| x == &m.id && s == "new")
                .count();
            let open = reqs.iter().filter(|(x, _)| x == &m.id).count();
            let planned = week.iter().filter(|x| *x == &m.id).count();
            AgendaItem {
                title: m.name.clone(),
                detail: format!(
                    "Заявок в работе: {open}, из них новых: {new} · занятий на неделе: {planned}"
                ),
                step: if new > 0 {
                    "Новые заявки ждут координатора".into()
                } else {
                    "Сводка муниципалитета".into()
                },
                urgent: new > 0,
                at: None,
                link: format!("/dashboard?municipality_id={}", m.id),
            }
        })
        .collect();
    Ok(AgendaSection {
        key: "municipalities".into(),
        title: "Муниципалитеты региона".into(),
        empty: "В регионе нет муниципалитетов.".into(),
        items,
        more: None,
    })
}
