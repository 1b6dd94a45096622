//! Requests (заявки) to the consultation point and their workflow.

use crate::auth::{AuthUser, Reach};
use crate::db::notifications::{coordinators, notify};
use crate::db::schema::{
    attachments, member_subjects, members, ratings, request_events, requests, schools,
    session_tutors, sessions, subjects, users,
};
use crate::db::{audit, new_id, now, Cursor, DbConn};
use crate::error::{AppError, AppResult};
use crate::set_versioned;
use crate::store::stored;
use diesel::prelude::*;
use std::collections::HashMap;
use tutornet_domain::community::{
    Actor, Audience, FormOfWork, Request, RequestAction, RequestDetail, RequestEvent,
    RequestFilter, RequestInput, RequestStatus, RequestTransition, TutorSuggestion, WorkFormat,
};
use tutornet_domain::permissions::{Action, Resource, Role};
use tutornet_domain::Page;
use tutornet_domain::ProblemCode;

#[derive(Queryable, Selectable, Clone)]
#[diesel(table_name = requests)]
pub struct RequestRow {
    pub id: String,
    pub municipality_id: String,
    pub academic_year_id: String,
    pub school_id: String,
    pub requester_id: String,
    pub for_school: bool,
    pub form: String,
    pub subject_id: Option<String>,
    pub topic: String,
    pub problem: String,
    pub audience: String,
    pub audience_count: Option<i32>,
    pub audience_grade: Option<String>,
    pub format: String,
    pub period_from: Option<chrono::NaiveDate>,
    pub period_to: Option<chrono::NaiveDate>,
    pub status: String,
    pub tutor_user_id: Option<String>,
    pub session_id: Option<String>,
    pub decline_reason: Option<String>,
    pub status_changed_at: chrono::NaiveDateTime,
    pub created_at: chrono::NaiveDateTime,
    pub updated_at: chrono::NaiveDateTime,
    pub version: i32,
}

pub const OPEN: [&str; 4] = ["new", "needs_info", "accepted", "scheduled"];

/// Names of users by id.
pub fn user_names(conn: &mut DbConn, ids: Vec<String>) -> AppResult<HashMap<String, String>> {
    Ok(users::table
        .filter(users::id.eq_any(ids))
        .select((users::id, users::full_name))
        .load::<(String, String)>(conn)?
        .into_iter()
        .collect())
}

pub fn to_domain(conn: &mut DbConn, rows: Vec<RequestRow>) -> AppResult<Vec<Request>> {
    let mut people: Vec<String> = rows.iter().map(|r| r.requester_id.clone()).collect();
    people.extend(rows.iter().filter_map(|r| r.tutor_user_id.clone()));
    let names = user_names(conn, people)?;
    let school_ids: Vec<String> = rows.iter().map(|r| r.school_id.clone()).collect();
    let school_names: HashMap<String, String> = schools::table
        .filter(schools::id.eq_any(school_ids))
        .select((schools::id, schools::short_name))
        .load::<(String, String)>(conn)?
        .into_iter()
        .collect();
    let subject_ids: Vec<String> = rows.iter().filter_map(|r| r.subject_id.clone()).collect();
    let subject_names: HashMap<String, String> = subjects::table
        .filter(subjects::id.eq_any(subject_ids))
        .select((subjects::id, subjects::name))
        .load::<(String, String)>(conn)?
        .into_iter()
        .collect();
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

pub fn find_row(conn: &mut DbConn, id: &str) -> AppResult<RequestRow> {
    requests::table
        .find(id)
        .select(RequestRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| AppError::NotFound("Заявка не найдена".into()))
}

/// Whether the caller may see the request.
fn visible(user: &AuthUser, r: &RequestRow, region_of: impl Fn(&str) -> Option<String>) -> bool {
    match user.try_reach(Resource::Request, Action::Read) {
        Some(Reach::Region(reg)) => region_of(&r.municipality_id).as_deref() == Some(reg.as_str()),
        Some(Reach::Municipality(m)) => r.municipality_id == m,
        Some(Reach::School(s)) => r.school_id == s,
        Some(Reach::Own(u)) => {
            r.requester_id == u || r.tutor_user_id.as_deref() == Some(u.as_str())
        }
        None => false,
    }
}

pub fn get_row(conn: &mut DbConn, user: &AuthUser, id: &str) -> AppResult<RequestRow> {
    let r = find_row(conn, id)?;
    let region = crate::db::region_of(conn, &r.municipality_id)?;
    if !visible(user, &r, |_| region.clone()) {
        return Err(AppError::NotFound("Заявка не найдена".into()));
    }
    Ok(r)
}

/// The actor roles the caller has for this request.
fn actors(user: &AuthUser, r: &RequestRow) -> Vec<Actor> {
    let mut v = Vec::new();
    let coordinates = match user.role {
        Role::Admin => true,
        Role::Coordinator => user.municipality_id.as_deref() == Some(r.municipality_id.as_str()),
        _ => false,
    };
    if coordinates {
        v.push(Actor::Coordinator);
    }
    if r.tutor_user_id.as_deref() == Some(user.id.as_str()) {
        v.push(Actor::AssignedTutor);
    }
    let school_admin_of =
        user.role == Role::SchoolAdmin && user.school_id.as_deref() == Some(r.school_id.as_str());
    if r.requester_id == user.id || school_admin_of {
        v.push(Actor::Requester);
    }
    v
}

fn allowed_for(user: &AuthUser, r: &RequestRow) -> AppResult<Vec<RequestAction>> {
    let status = stored(&r.status, "requests.status", RequestStatus::parse)?;
    let mine = actors(user, r);
    Ok(RequestAction::allowed_from(status)
        .into_iter()
        .filter(|a| a.actors().iter().any(|x| mine.contains(x)))
        .collect())
}

pub fn detail(conn: &mut DbConn, user: &AuthUser, id: &str) -> AppResult<RequestDetail> {
    let row = get_row(conn, user, id)?;
    let allowed_actions = allowed_for(user, &row)?;
    let request = to_domain(conn, vec![row])?.remove(0);
    type Ev = (
        chrono::NaiveDateTime,
        Option<String>,
        Option<String>,
        String,
        Option<String>,
    );
    let evs: Vec<Ev> = request_events::table
        .filter(request_events::request_id.eq(id))
        .order((request_events::at.asc(), request_events::id.asc()))
        .select((
            request_events::at,
            request_events::actor_id,
            request_events::from_status,
            request_events::to_status,
            request_events::comment,
        ))
        .load(conn)?;
    let names = user_names(conn, evs.iter().filter_map(|e| e.1.clone()).collect())?;
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
        request,
        history,
        allowed_actions,
    })
}

pub fn list(conn: &mut DbConn, user: &AuthUser, f: &RequestFilter) -> AppResult<Page<Request>> {
    let reach = user.reach(Resource::Request, Action::Read)?;
    let limit = crate::db::page_limit(f.limit)?;
    let after = f.cursor.as_deref().map(Cursor::decode).transpose()?;
    if f.stale_days.is_some_and(|d| !(0..=3650).contains(&d)) {
        return Err(AppError::field(
            "stale_days",
            "out_of_range",
            "Число дней — от 0 до 3650",
        ));
    }
    let filtered = || {
        let mut q = requests::table.into_boxed();
        q = match &reach {
            Reach::Region(r) => {
                q.filter(requests::municipality_id.eq_any(crate::db::region_municipalities(r)))
            }
            Reach::Municipality(m) => q.filter(requests::municipality_id.eq(m.clone())),
            Reach::School(s) => q.filter(requests::school_id.eq(s.clone())),
            Reach::Own(u) => q.filter(
                requests::requester_id
                    .eq(u.clone())
                    .or(requests::tutor_user_id.eq(u.clone())),
            ),
        };
        if let Some(s) = f.status {
            q = q.filter(requests::status.eq(s.as_str()));
        }
        if let Some(s) = &f.school_id {
            q = q.filter(requests::school_id.eq(s.clone()));
        }
        if let Some(t) = &f.tutor_user_id {
            q = q.filter(requests::tutor_user_id.eq(t.clone()));
        }
        if let Some(form) = f.form {
            q = q.filter(requests::form.eq(form.as_str()));
        }
        if let Some(days) = f.stale_days {
            q = q
                .filter(requests::status.eq_any(OPEN))
                .filter(requests::status_changed_at.le(now() - chrono::Duration::days(days)));
        }
        q
    };
    let total: i64 = filtered().count().get_result(conn)?;
    let mut q = filtered();
    if let Some(c) = after {
        q = q.filter(requests::id.lt(c.id));
    }
    let rows: Vec<RequestRow> = q
        .order(requests::id.desc())
        .limit(limit + 1)
        .select(RequestRow::as_select())
        .load(conn)?;
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

fn event(
    conn: &mut DbConn,
    request_id: &str,
    actor: Option<&str>,
    from: Option<&str>,
    to: &str,
    comment: Option<&str>,
) -> AppResult<()> {
    diesel::insert_into(request_events::table)
        .values((
            request_events::id.eq(new_id()),
            request_events::request_id.eq(request_id),
            request_events::at.eq(now()),
            request_events::actor_id.eq(actor),
            request_events::from_status.eq(from),
            request_events::to_status.eq(to),
            request_events::comment.eq(comment),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn create(conn: &mut DbConn, user: &AuthUser, input: &RequestInput) -> AppResult<Request> {
    user.reach(Resource::Request, Action::Create)?;
    input.validate().map_err(AppError::Validation)?;
    let school_id = user
        .school_id
        .clone()
        .filter(|_| matches!(user.role, Role::Teacher | Role::SchoolAdmin))
        .ok_or_else(|| AppError::Forbidden("Заявки подают учителя и администрация школ".into()))?;
    let municipality_id: String = schools::table
        .find(&school_id)
        .select(schools::municipality_id)
        .first(conn)?;
    let year = crate::db::academic_years::current(conn)?.ok_or(AppError::Conflict {
        code: ProblemCode::NoCurrentYear,
        detail: "Не задан текущий учебный год".into(),
    })?;
    if let Some(s) = &input.subject_id {
        let n: i64 = subjects::table
            .filter(subjects::id.eq(s))
            .count()
            .get_result(conn)?;
        if n == 0 {
            return Err(AppError::field(
                "subject_id",
                "invalid_reference",
                "Предмет не найден",
            ));
        }
    }
    let id = new_id();
    let t = now();
    diesel::insert_into(requests::table)
        .values((
            requests::id.eq(&id),
            requests::municipality_id.eq(&municipality_id),
            requests::academic_year_id.eq(&year.id),
            requests::school_id.eq(&school_id),
            requests::requester_id.eq(&user.id),
            requests::for_school.eq(input.for_school && user.role == Role::SchoolAdmin),
            requests::form.eq(input.form.map(|f| f.as_str()).unwrap_or_default()),
            requests::subject_id.eq(&input.subject_id),
            requests::topic.eq(input.topic.trim()),
            requests::problem.eq(input.problem.trim()),
            requests::audience.eq(input.audience.map(|a| a.as_str()).unwrap_or_default()),
            requests::audience_count.eq(input.audience_count),
            requests::audience_grade.eq(crate::db::schools::clean(&input.audience_grade)),
            requests::format.eq(input.format.map(|f| f.as_str()).unwrap_or_default()),
            requests::period_from.eq(input.period_from),
            requests::period_to.eq(input.period_to),
            requests::status.eq(RequestStatus::New.as_str()),
            requests::status_changed_at.eq(t),
            requests::created_at.eq(t),
            requests::updated_at.eq(t),
            requests::created_by.eq(&user.id),
            requests::updated_by.eq(&user.id),
            requests::version.eq(1),
        ))
        .execute(conn)?;
    event(conn, &id, Some(&user.id), None, "new", None)?;
    let link = format!("/requests/{id}");
    let coords = coordinators(conn, &municipality_id)?;
    notify(
        conn,
        &coords,
        Some(&user.id),
        "request_new",
        "Новая заявка",
        &format!("{}: {}", user.full_name, input.topic.trim()),
        Some(&link),
    )?;
    let row = find_row(conn, &id)?;
    let after = to_domain(conn, vec![row])?.remove(0);
    let region = crate::db::region_of(conn, &municipality_id)?;
    audit::record(
        conn,
        Some(user),
        "create",
        "request",
        &id,
        audit::Scope {
            region_id: region.as_deref(),
            municipality_id: Some(&municipality_id),
        },
        None,
        Some(&after),
    )?;
    Ok(after)
}

/// Approved tutors of the current composition with an account, for a municipality.
pub fn composition_tutors(
    conn: &mut DbConn,
    municipality_id: &str,
) -> AppResult<Vec<(String, String, Option<String>)>> {
    let Some(year) = crate::db::academic_years::current(conn)? else {
        return Ok(Vec::new());
    };
    let today = now().date();
    Ok(members::table
        .inner_join(users::table.on(users::id.nullable().eq(members::user_id)))
        .filter(members::municipality_id.eq(municipality_id))
        .filter(members::academic_year_id.eq(&year.id))
        .filter(
            members::status.eq("approved").or(members::status
                .eq("excluded")
                .and(members::excluded_on.gt(today))),
        )
        .filter(members::archived_at.is_null())
        .filter(users::active.eq(true))
        .select((users::id, users::full_name, users::school_id))
        .load(conn)?)
}

/// Open requests plus upcoming planned sessions of a tutor.
pub fn tutor_load(conn: &mut DbConn, tutor_id: &str) -> AppResult<(i64, i64)> {
    let open: i64 = requests::table
        .filter(requests::tutor_user_id.eq(tutor_id))
        .filter(requests::status.eq_any(["accepted", "scheduled"]))
        .count()
        .get_result(conn)?;
    let planned: i64 = session_tutors::table
        .inner_join(sessions::table)
        .filter(session_tutors::user_id.eq(tutor_id))
        .filter(sessions::status.eq("planned"))
        .filter(sessions::ends_at.ge(now()))
        .count()
        .get_result(conn)?;
    Ok((open, planned))
}

pub fn average_rating(conn: &mut DbConn, tutor_id: &str) -> AppResult<Option<f64>> {
    let scores: Vec<i32> = ratings::table
        .inner_join(session_tutors::table.on(session_tutors::session_id.eq(ratings::session_id)))
        .filter(session_tutors::user_id.eq(tutor_id))
        .select(ratings::score)
        .load(conn)?;
    Ok((!scores.is_empty())
        .then(|| scores.iter().map(|s| *s as f64).sum::<f64>() / scores.len() as f64))
}

/// Tutors of the current composition ranked for a request, with reasons.
pub fn suggestions(
    conn: &mut DbConn,
    user: &AuthUser,
    id: &str,
) -> AppResult<Vec<TutorSuggestion>> {
    let r = get_row(conn, user, id)?;
    if !actors(user, &r).contains(&Actor::Coordinator) {
        return Err(AppError::forbidden());
    }
    let tutors = composition_tutors(conn, &r.municipality_id)?;
    let mut out = Vec::new();
    for (uid, name, school) in tutors {
        let mut score = 0;
        let mut reasons = Vec::new();
        let subject_ids: Vec<String> = member_subjects::table
            .inner_join(members::table)
            .filter(members::user_id.eq(&uid))
            .filter(members::municipality_id.eq(&r.municipality_id))
            .select(member_subjects::subject_id)
            .load(conn)?;
        if let Some(s) = &r.subject_id {
            if subject_ids.contains(s) {
                score += 50;
                reasons.push("тот же предмет".to_string());
            }
        }
        let attached: i64 = attachments::table
            .inner_join(members::table)
            .filter(members::user_id.eq(&uid))
            .filter(attachments::archived_at.is_null())
            .filter(
                attachments::school_id
                    .eq(&r.school_id)
                    .or(attachments::teacher_user_id.eq(&r.requester_id)),
            )
            .count()
            .get_result(conn)?;
        if attached > 0 {
            score += 30;
            reasons.push("закреплён за этой школой или учителем".to_string());
        }
        let (open, planned) = tutor_load(conn, &uid)?;
        let load = open + planned;
        score -= (load as i32) * 5;
        reasons.push(format!(
            "нагрузка: {open} заявок в работе, {planned} занятий впереди"
        ));
        let avg = average_rating(conn, &uid)?;
        if let Some(a) = avg {
            score += (a * 4.0).round() as i32;
            reasons.push(format!("средняя оценка {a:.1}"));
        }
        let same_school = school.as_deref() == Some(r.school_id.as_str());
        if same_school {
            reasons.push("работает в школе заявителя — назначается только явно".to_string());
        }
        let school_name = match &school {
            Some(s) => schools::table
                .find(s)
                .select(schools::short_name)
                .first(conn)
                .optional()?,
            None => None,
        };
        out.push(TutorSuggestion {
            user_id: uid,
            full_name: name,
            school_name,
            score,
            same_school,
            reasons,
            load,
            average_rating: avg,
        });
    }
    out.sort_by(|a, b| {
        a.same_school
            .cmp(&b.same_school)
            .then(b.score.cmp(&a.score))
            .then_with(|| {
                tutornet_domain::text::collation_key(&a.full_name)
                    .cmp(&tutornet_domain::text::collation_key(&b.full_name))
            })
    });
    Ok(out)
}

/// Sets status (and fields) with an event; no checks (callers check).
#[allow(clippy::too_many_arguments)]
pub fn move_to(
    conn: &mut DbConn,
    actor: Option<&AuthUser>,
    r: &RequestRow,
    to: RequestStatus,
    comment: Option<&str>,
    tutor: Option<Option<&str>>,
    session: Option<Option<&str>>,
    decline_reason: Option<&str>,
) -> AppResult<()> {
    let t = now();
    if set_versioned!(
        conn,
        requests,
        &r.id,
        r.version,
        actor.map(|a| a.id.clone()),
        (
            requests::status.eq(to.as_str()),
            requests::status_changed_at.eq(t),
        )
    )? == 0
    {
        return Err(AppError::version_conflict(r.version + 1));
    }
    if let Some(tu) = tutor {
        diesel::update(requests::table.find(&r.id))
            .set(requests::tutor_user_id.eq(tu))
            .execute(conn)?;
    }
    if let Some(s) = session {
        diesel::update(requests::table.find(&r.id))
            .set(requests::session_id.eq(s))
            .execute(conn)?;
    }
    if let Some(d) = decline_reason {
        diesel::update(requests::table.find(&r.id))
            .set(requests::decline_reason.eq(d))
            .execute(conn)?;
    }
    event(
        conn,
        &r.id,
        actor.map(|a| a.id.as_str()),
        Some(&r.status),
        to.as_str(),
        comment,
    )?;
    // Everyone involved hears about it (the actor is skipped).
    let mut to_notify = vec![r.requester_id.clone()];
    if let Some(t) = tutor
        .flatten()
        .map(str::to_string)
        .or(r.tutor_user_id.clone())
    {
        to_notify.push(t);
    }
    if matches!(to, RequestStatus::New | RequestStatus::Cancelled) {
        to_notify.extend(coordinators(conn, &r.municipality_id)?);
    }
    let title = format!("Заявка: {}", to.label_ru());
    let body = match comment {
        Some(c) if !c.is_empty() => format!("«{}» — {}", r.topic, c),
        _ => format!("«{}»", r.topic),
    };
    notify(
        conn,
        &to_notify,
        actor.map(|a| a.id.as_str()),
        "request_status",
        &title,
        &body,
        Some(&format!("/requests/{}", r.id)),
    )
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
        let allowed: Vec<String> = RequestAction::allowed_from(from)
            .iter()
            .map(|a| format!("{} ({})", a.label_ru(), a.as_str()))
            .collect();
        return Err(AppError::Conflict {
            code: ProblemCode::InvalidTransition,
            detail: format!(
                "Из статуса «{}» действие «{}» невозможно. Допустимо: {}",
                from.label_ru(),
                action.label_ru(),
                if allowed.is_empty() {
                    "ничего (заявка закрыта)".into()
                } else {
                    allowed.join(", ")
                }
            ),
        });
    };
    if !action.actors().iter().any(|a| actors(user, &r).contains(a)) {
        return Err(AppError::Forbidden(format!(
            "Действие «{}» вам недоступно",
            action.label_ru()
        )));
    }
    crate::db::check_version(Some(t.version), r.version)?;
    let comment = t
        .comment
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty());
    if matches!(
        action,
        RequestAction::AskInfo | RequestAction::Answer | RequestAction::Decline
    ) && comment.is_none()
    {
        let msg = match action {
            RequestAction::AskInfo => "Напишите, что нужно уточнить",
            RequestAction::Answer => "Напишите ответ на уточнение",
            _ => "Укажите причину отклонения",
        };
        return Err(AppError::field("comment", "required", msg));
    }
    let before = to_domain(conn, vec![r.clone()])?.remove(0);
    match action {
        RequestAction::Accept => {
            let tutor = t
                .tutor_user_id
                .as_deref()
                .ok_or_else(|| AppError::field("tutor_user_id", "required", "Выберите тьютора"))?;
            let tutors = composition_tutors(conn, &r.municipality_id)?;
            let Some((_, _, tutor_school)) = tutors.iter().find(|(u, _, _)| u == tutor) else {
                return Err(AppError::field("tutor_user_id", "not_in_composition", "Этот человек не входит в утверждённый состав сообщества тьюторов текущего года"));
            };
            if tutor_school.as_deref() == Some(r.school_id.as_str()) && !t.allow_same_school {
                return Err(AppError::field(
                    "tutor_user_id",
                    "same_school",
                    "Тьютор работает в школе заявителя; подтвердите выбор (allow_same_school)",
                ));
            }
            move_to(
                conn,
                Some(user),
                &r,
                to,
                comment,
                Some(Some(tutor)),
                None,
                None,
            )?;
        }
        RequestAction::Schedule => {
            let sid = t
                .session_id
                .as_deref()
                .ok_or_else(|| AppError::field("session_id", "required", "Выберите занятие"))?;
            let s: Option<(String, String)> = sessions::table
                .find(sid)
                .select((sessions::municipality_id, sessions::status))
                .first(conn)
                .optional()?;
            match s {
                Some((m, st)) if m == r.municipality_id && st != "cancelled" => {}
                _ => {
                    return Err(AppError::field(
                        "session_id",
                        "invalid_reference",
                        "Занятие не найдено или отменено",
                    ))
                }
            }
            move_to(
                conn,
                Some(user),
                &r,
                to,
                comment,
                None,
                Some(Some(sid)),
                None,
            )?;
        }
        RequestAction::Decline => move_to(conn, Some(user), &r, to, comment, None, None, comment)?,
        _ => move_to(conn, Some(user), &r, to, comment, None, None, None)?,
    }
    let after_row = find_row(conn, id)?;
    let after = to_domain(conn, vec![after_row])?.remove(0);
    let region = crate::db::region_of(conn, &r.municipality_id)?;
    audit::record(
        conn,
        Some(user),
        action.as_str(),
        "request",
        id,
        audit::Scope {
            region_id: region.as_deref(),
            municipality_id: Some(&r.municipality_id),
        },
        Some(&before),
        Some(&after),
    )?;
    detail(conn, user, id)
}
