//! Sessions of the consultation point: schedule with conflicts and series,
//! registrations with a waitlist, the log, amendments and ratings.

use crate::auth::{AuthUser, Reach};
use crate::db::notifications::notify;
use crate::db::requests::{find_row as find_request, move_to, user_names};
use crate::db::schema::{
    ratings, registrations, requests, schools, session_amendments, session_tutors, sessions,
    subjects, users,
};
use crate::db::{audit, new_id, now, Cursor, DbConn};
use crate::error::{AppError, AppResult};
use crate::set_versioned;
use crate::store::stored;
use crate::store::{update_versioned, Change};
use chrono::{Months, NaiveDateTime};
use diesel::prelude::*;
use std::collections::HashMap;
use tutornet_domain::community::{
    Amendment, AmendmentInput, Audience, FormOfWork, Person, Rating, RatingInput, Recurrence,
    Registration, RegistrationStatus, RequestStatus, Session, SessionCancel, SessionDetail,
    SessionFilter, SessionInput, SessionLogInput, SessionStatus, WorkFormat, AMENDABLE_FIELDS,
};
use tutornet_domain::permissions::{Action, Resource, Role};
use tutornet_domain::text::format_date_ru;
use tutornet_domain::Page;
use tutornet_domain::ProblemCode;

#[derive(Queryable, Selectable, Clone, serde::Serialize)]
#[diesel(table_name = sessions)]
pub struct SessionRow {
    pub id: String,
    pub municipality_id: String,
    pub academic_year_id: String,
    pub series_id: Option<String>,
    pub form: String,
    pub subject_id: Option<String>,
    pub title: String,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub place: Option<String>,
    pub online_link: Option<String>,
    pub format: String,
    pub audience: String,
    pub seats: Option<i32>,
    pub status: String,
    pub cancel_reason: Option<String>,
    pub students_class: Option<String>,
    pub students_count: Option<i32>,
    pub outcome: Option<String>,
    pub summary: Option<String>,
    pub private_notes: Option<String>,
    pub materials: Option<String>,
    pub held_at: Option<NaiveDateTime>,
    pub version: i32,
}

fn fmt_time(t: NaiveDateTime) -> String {
    format!("{} {}", format_date_ru(t.date()), t.format("%H:%M"))
}

fn find_row(conn: &mut DbConn, id: &str) -> AppResult<SessionRow> {
    sessions::table
        .find(id)
        .select(SessionRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| AppError::NotFound("Занятие не найдено".into()))
}

fn tutors_of(conn: &mut DbConn, ids: &[String]) -> AppResult<HashMap<String, Vec<Person>>> {
    let rows: Vec<(String, String, String)> = session_tutors::table
        .inner_join(users::table)
        .filter(session_tutors::session_id.eq_any(ids))
        .select((session_tutors::session_id, users::id, users::full_name))
        .load(conn)?;
    let mut map: HashMap<String, Vec<Person>> = HashMap::new();
    for (s, id, full_name) in rows {
        map.entry(s).or_default().push(Person { id, full_name });
    }
    Ok(map)
}

fn to_domain(conn: &mut DbConn, user: &AuthUser, rows: Vec<SessionRow>) -> AppResult<Vec<Session>> {
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let tutors = tutors_of(conn, &ids)?;
    let regs: Vec<(String, String, String)> = registrations::table
        .filter(registrations::session_id.eq_any(&ids))
        .select((
            registrations::session_id,
            registrations::user_id,
            registrations::status,
        ))
        .load(conn)?;
    let reqs: Vec<(String, Option<String>)> = requests::table
        .filter(requests::session_id.eq_any(&ids))
        .select((requests::id, requests::session_id))
        .load(conn)?;
    let subject_ids: Vec<String> = rows.iter().filter_map(|r| r.subject_id.clone()).collect();
    let subject_names: HashMap<String, String> = subjects::table
        .filter(subjects::id.eq_any(subject_ids))
        .select((subjects::id, subjects::name))
        .load::<(String, String)>(conn)?
        .into_iter()
        .collect();
    rows.into_iter()
        .map(|r| {
            let count = |st: &str| {
                regs.iter()
                    .filter(|(s, _, x)| *s == r.id && x == st)
                    .count() as i64
            };
            Ok(Session {
                tutors: tutors.get(&r.id).cloned().unwrap_or_default(),
                request_ids: reqs
                    .iter()
                    .filter(|(_, s)| s.as_deref() == Some(r.id.as_str()))
                    .map(|(id, _)| id.clone())
                    .collect(),
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
                form: stored(&r.form, "sessions.form", FormOfWork::parse)?,
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
                version: r.version,
            })
        })
        .collect::<AppResult<Vec<_>>>()
}

fn check_visible(conn: &mut DbConn, user: &AuthUser, r: &SessionRow) -> AppResult<()> {
    let ok = match user.try_reach(Resource::Session, Action::Read) {
        Some(Reach::Region(reg)) => {
            crate::db::region_of(conn, &r.municipality_id)?.as_deref() == Some(reg.as_str())
        }
        Some(Reach::Municipality(m)) => r.municipality_id == m,
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(AppError::NotFound("Занятие не найдено".into()))
    }
}

/// Coordinators/admins of the municipality and the session's own tutors manage it.
fn can_manage(conn: &mut DbConn, user: &AuthUser, r: &SessionRow) -> AppResult<bool> {
    Ok(match user.role {
        Role::Admin => {
            crate::db::region_of(conn, &r.municipality_id)?.as_deref()
                == Some(user.region_id.as_str())
        }
        Role::Coordinator => user.municipality_id.as_deref() == Some(r.municipality_id.as_str()),
        Role::Tutor => {
            let n: i64 = session_tutors::table
                .filter(session_tutors::session_id.eq(&r.id))
                .filter(session_tutors::user_id.eq(&user.id))
                .count()
                .get_result(conn)?;
            n > 0
        }
        _ => false,
    })
}

fn require_manage(conn: &mut DbConn, user: &AuthUser, r: &SessionRow) -> AppResult<()> {
    check_visible(conn, user, r)?;
    if can_manage(conn, user, r)? {
        Ok(())
    } else {
        Err(AppError::forbidden())
    }
}

pub fn list(conn: &mut DbConn, user: &AuthUser, f: &SessionFilter) -> AppResult<Page<Session>> {
    let reach = user.reach(Resource::Session, Action::Read)?;
    let limit = crate::db::page_limit(f.limit)?;
    let after = f.cursor.as_deref().map(Cursor::decode).transpose()?;
    let me = user.id.clone();
    let filtered = || {
        let mut q = sessions::table.into_boxed();
        q = match &reach {
            Reach::Region(r) => {
                q.filter(sessions::municipality_id.eq_any(crate::db::region_municipalities(r)))
            }
            Reach::Municipality(m) => q.filter(sessions::municipality_id.eq(m.clone())),
            _ => q.filter(sessions::id.eq("")),
        };
        if let Some(from) = f.from {
            q = q.filter(sessions::ends_at.ge(from.naive_utc()));
        }
        if let Some(to) = f.to {
            q = q.filter(sessions::starts_at.lt(to.naive_utc()));
        }
        if let Some(t) = &f.tutor_id {
            q = q.filter(
                sessions::id.eq_any(
                    session_tutors::table
                        .filter(session_tutors::user_id.eq(t.clone()))
                        .select(session_tutors::session_id),
                ),
            );
        }
        if let Some(s) = &f.school_id {
            q = q.filter(
                sessions::id.nullable().eq_any(
                    requests::table
                        .filter(requests::school_id.eq(s.clone()))
                        .select(requests::session_id),
                ),
            );
        }
        if f.low_results_only == Some(true) {
            q = q.filter(
                sessions::id.nullable().eq_any(
                    requests::table
                        .filter(
                            requests::school_id.eq_any(
                                schools::table
                                    .filter(schools::is_low_results.eq(true))
                                    .select(schools::id),
                            ),
                        )
                        .select(requests::session_id),
                ),
            );
        }
        if let Some(s) = &f.subject_id {
            q = q.filter(sessions::subject_id.eq(s.clone()));
        }
        if let Some(form) = f.form {
            q = q.filter(sessions::form.eq(form.as_str()));
        }
        if let Some(st) = f.status {
            q = q.filter(sessions::status.eq(st.as_str()));
        }
        if f.mine == Some(true) {
            q = q.filter(
                sessions::id
                    .eq_any(
                        session_tutors::table
                            .filter(session_tutors::user_id.eq(me.clone()))
                            .select(session_tutors::session_id),
                    )
                    .or(sessions::id.eq_any(
                        registrations::table
                            .filter(registrations::user_id.eq(me.clone()))
                            .filter(registrations::status.ne("cancelled"))
                            .select(registrations::session_id),
                    )),
            );
        }
        if f.awaiting_log == Some(true) {
            q = q
                .filter(sessions::status.eq("planned"))
                .filter(sessions::ends_at.lt(now()));
        }
        q
    };
    let total: i64 = filtered().count().get_result(conn)?;
    let mut q = filtered();
    if let Some(c) = after {
        let k = NaiveDateTime::parse_from_str(&c.k, "%Y-%m-%dT%H:%M:%S%.f").map_err(|_| {
            AppError::field(
                "cursor",
                "invalid_cursor",
                "Недействительный курсор страницы",
            )
        })?;
        q = q.filter(
            sessions::starts_at
                .gt(k)
                .or(sessions::starts_at.eq(k).and(sessions::id.gt(c.id))),
        );
    }
    let rows: Vec<SessionRow> = q
        .order((sessions::starts_at.asc(), sessions::id.asc()))
        .limit(limit + 1)
        .select(SessionRow::as_select())
        .load(conn)?;
    let more = rows.len() as i64 > limit;
    let rows: Vec<SessionRow> = rows.into_iter().take(limit as usize).collect();
    let next_cursor = if more {
        rows.last().map(|r| {
            Cursor {
                k: r.starts_at.format("%Y-%m-%dT%H:%M:%S%.f").to_string(),
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
    let r = find_row(conn, id)?;
    check_visible(conn, user, &r)?;
    let manage = can_manage(conn, user, &r)?;
    let session = to_domain(conn, user, vec![r.clone()])?.remove(0);
    type RegRow = (
        String,
        String,
        String,
        Option<bool>,
        NaiveDateTime,
        Option<String>,
        String,
    );
    let regs: Vec<RegRow> = registrations::table
        .inner_join(users::table)
        .filter(registrations::session_id.eq(id))
        .order((registrations::created_at.asc(), registrations::id.asc()))
        .select((
            registrations::id,
            registrations::user_id,
            registrations::status,
            registrations::attended,
            registrations::created_at,
            users::school_id,
            users::full_name,
        ))
        .load(conn)?;
    let school_ids: Vec<String> = regs.iter().filter_map(|r| r.5.clone()).collect();
    let school_names: HashMap<String, String> = schools::table
        .filter(schools::id.eq_any(school_ids))
        .select((schools::id, schools::short_name))
        .load::<(String, String)>(conn)?
        .into_iter()
        .collect();
    let sees_people =
        manage || matches!(user.role, Role::Coordinator | Role::Admin | Role::Observer);
    // Waitlist places count over everyone, before the list is cut to what the caller sees.
    let mut position = 0;
    let mut rows = Vec::with_capacity(regs.len());
    for r in regs {
        let status = stored(&r.2, "registrations.status", RegistrationStatus::parse)?;
        rows.push((r, status));
    }
    let registrations: Vec<Registration> = rows
        .into_iter()
        .map(|(r, status)| {
            let waitlist_position = (status == RegistrationStatus::Waitlisted).then(|| {
                position += 1;
                position
            });
            (r, status, waitlist_position)
        })
        .filter(|(r, _, _)| {
            sees_people
                || r.1 == user.id
                || (user.role == Role::SchoolAdmin && r.5 == user.school_id)
        })
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
        .collect();
    type AmRow = (
        NaiveDateTime,
        Option<String>,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
    );
    let ams: Vec<AmRow> = session_amendments::table
        .filter(session_amendments::session_id.eq(id))
        .order(session_amendments::at.asc())
        .select((
            session_amendments::at,
            session_amendments::author_id,
            session_amendments::field,
            session_amendments::before_value,
            session_amendments::after_value,
            session_amendments::note,
        ))
        .load(conn)?;
    let names = user_names(conn, ams.iter().filter_map(|a| a.1.clone()).collect())?;
    let amendments = ams
        .into_iter()
        .filter(|a| manage || a.2 != "private_notes")
        .map(|a| Amendment {
            at: a.0.and_utc(),
            author_name: a.1.as_ref().and_then(|x| names.get(x).cloned()),
            author_id: a.1,
            field: a.2,
            before_value: a.3,
            after_value: a.4,
            note: a.5,
        })
        .collect();
    type RtRow = (String, String, i32, Option<String>, NaiveDateTime);
    let rts: Vec<RtRow> = ratings::table
        .inner_join(users::table)
        .filter(ratings::session_id.eq(id))
        .order(ratings::created_at.asc())
        .select((
            ratings::user_id,
            users::full_name,
            ratings::score,
            ratings::comment,
            ratings::created_at,
        ))
        .load(conn)?;
    let average_rating =
        (!rts.is_empty()).then(|| rts.iter().map(|r| r.2 as f64).sum::<f64>() / rts.len() as f64);
    let ratings = rts
        .into_iter()
        .map(|r| Rating {
            user_id: r.0,
            full_name: r.1,
            score: r.2,
            comment: r.3,
            created_at: r.4.and_utc(),
        })
        .collect();
    Ok(SessionDetail {
        session,
        students_class: r.students_class,
        students_count: r.students_count,
        outcome: r.outcome,
        summary: r.summary,
        private_notes: if manage { r.private_notes } else { None },
        materials: r.materials,
        files: crate::db::files::list(conn, crate::db::files::SESSION, id)?,
        held_at: r.held_at.map(|t| t.and_utc()),
        registrations,
        amendments,
        ratings,
        average_rating,
        can_manage: manage,
    })
}

/// 409 when a tutor or an in-person place is already taken in [start, end).
fn check_conflicts(
    conn: &mut DbConn,
    tutor_ids: &[String],
    place: Option<&str>,
    start: NaiveDateTime,
    end: NaiveDateTime,
    except: Option<&str>,
) -> AppResult<()> {
    let overlapping = |conn: &mut DbConn| -> AppResult<Vec<SessionRow>> {
        let mut q = sessions::table
            .filter(sessions::status.ne("cancelled"))
            .filter(sessions::starts_at.lt(end))
            .filter(sessions::ends_at.gt(start))
            .into_boxed();
        if let Some(e) = except {
            q = q.filter(sessions::id.ne(e.to_string()));
        }
        Ok(q.select(SessionRow::as_select()).load(conn)?)
    };
    let others = overlapping(conn)?;
    if others.is_empty() {
        return Ok(());
    }
    let ids: Vec<String> = others.iter().map(|s| s.id.clone()).collect();
    let busy: Vec<(String, String, String)> = session_tutors::table
        .inner_join(users::table)
        .filter(session_tutors::session_id.eq_any(&ids))
        .filter(session_tutors::user_id.eq_any(tutor_ids))
        .select((session_tutors::session_id, users::id, users::full_name))
        .load(conn)?;
    if let Some((sid, _, name)) = busy.first() {
        let s = others
            .iter()
            .find(|o| &o.id == sid)
            .expect("overlapping session");
        return Err(AppError::Clash {
            code: ProblemCode::TutorConflict,
            detail: format!(
                "{name} уже ведёт в это время занятие «{}» ({} – {}, id {})",
                s.title,
                fmt_time(s.starts_at),
                s.ends_at.format("%H:%M"),
                s.id
            ),
            other_id: s.id.clone(),
        });
    }
    if let Some(p) = place
        .map(tutornet_domain::text::search_key)
        .filter(|p| !p.is_empty())
    {
        if let Some(s) = others.iter().find(|o| {
            o.format == "in_person"
                && o.place.as_deref().map(tutornet_domain::text::search_key) == Some(p.clone())
        }) {
            return Err(AppError::Clash {
                code: ProblemCode::RoomConflict,
                detail: format!(
                    "Помещение «{}» уже занято занятием «{}» ({} – {}, id {})",
                    s.place.clone().unwrap_or_default(),
                    s.title,
                    fmt_time(s.starts_at),
                    s.ends_at.format("%H:%M"),
                    s.id
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
    municipality_id: &str,
    input: &SessionInput,
) -> AppResult<Vec<String>> {
    let mut ids = input.tutor_ids.clone();
    if ids.is_empty() && user.role == Role::Tutor {
        ids.push(user.id.clone());
    }
    if ids.is_empty() {
        return Err(AppError::field("tutor_ids", "required", "Укажите тьютора"));
    }
    if user.role == Role::Tutor && !ids.contains(&user.id) {
        return Err(AppError::field(
            "tutor_ids",
            "must_include_self",
            "Тьютор планирует только свои занятия",
        ));
    }
    ids.sort();
    ids.dedup();
    let found: i64 = users::table
        .filter(users::id.eq_any(&ids))
        .filter(users::role.eq("tutor"))
        .filter(users::active.eq(true))
        .filter(users::municipality_id.eq(municipality_id))
        .count()
        .get_result(conn)?;
    if found != ids.len() as i64 {
        return Err(AppError::field(
            "tutor_ids",
            "invalid_reference",
            "Тьюторы должны быть действующими тьюторами муниципалитета",
        ));
    }
    Ok(ids)
}

fn occurrences(input: &SessionInput) -> Vec<(NaiveDateTime, NaiveDateTime)> {
    let (s, e) = (input.starts_at.naive_utc(), input.ends_at.naive_utc());
    let Some(rec) = input.recurrence else {
        return vec![(s, e)];
    };
    let until = input.repeat_until.unwrap_or(s.date());
    let mut out = Vec::new();
    for i in 0..60u32 {
        let shift = |t: NaiveDateTime| match rec {
            Recurrence::Weekly => t.checked_add_signed(chrono::Duration::weeks(i as i64)),
            Recurrence::Monthly => t.checked_add_months(Months::new(i)),
            Recurrence::Quarterly => t.checked_add_months(Months::new(3 * i)),
        };
        let (Some(a), Some(b)) = (shift(s), shift(e)) else {
            break;
        };
        if a.date() > until {
            break;
        }
        out.push((a, b));
    }
    out
}

pub fn create(conn: &mut DbConn, user: &AuthUser, input: &SessionInput) -> AppResult<Vec<Session>> {
    user.reach(Resource::Session, Action::Create)?;
    input.validate().map_err(AppError::Validation)?;
    let municipality_id = user.municipality_id.clone().ok_or_else(|| {
        AppError::Forbidden("Занятия планируют координатор или тьютор муниципалитета".into())
    })?;
    let year = crate::db::academic_years::current(conn)?.ok_or(AppError::Conflict {
        code: ProblemCode::NoCurrentYear,
        detail: "Не задан текущий учебный год".into(),
    })?;
    let tutor_ids = validate_tutors(conn, user, &municipality_id, input)?;
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
    let occ = occurrences(input);
    if occ.is_empty() {
        return Err(AppError::field(
            "repeat_until",
            "invalid_period",
            "Дата окончания повтора раньше первого занятия",
        ));
    }
    for (a, _) in &occ {
        if a.date() < year.starts_on || a.date() > year.ends_on {
            return Err(AppError::field(
                if occ.len() > 1 {
                    "repeat_until"
                } else {
                    "starts_at"
                },
                "outside_academic_year",
                format!(
                    "Занятие вне текущего учебного года {} ({} – {})",
                    year.name,
                    format_date_ru(year.starts_on),
                    format_date_ru(year.ends_on)
                ),
            ));
        }
    }
    // Requests answered by the session: same municipality, accepted, caller may schedule them.
    let mut linked = Vec::new();
    for rid in &input.request_ids {
        let r = find_request(conn, rid).map_err(|_| {
            AppError::field("request_ids", "invalid_reference", "Заявка не найдена")
        })?;
        if r.municipality_id != municipality_id || r.status != "accepted" {
            return Err(AppError::field(
                "request_ids",
                "invalid_state",
                "Занятие можно связать только с принятыми заявками своего муниципалитета",
            ));
        }
        if user.role == Role::Tutor && r.tutor_user_id.as_deref() != Some(user.id.as_str()) {
            return Err(AppError::field(
                "request_ids",
                "not_assigned",
                "Заявка назначена другому тьютору",
            ));
        }
        linked.push(r);
    }
    let place = input
        .place
        .as_deref()
        .filter(|_| input.format == Some(WorkFormat::InPerson));
    let series_id = (occ.len() > 1).then(new_id);
    let mut ids = Vec::new();
    for (a, b) in occ {
        check_conflicts(conn, &tutor_ids, place, a, b, None)?;
        let id = new_id();
        let t = now();
        diesel::insert_into(sessions::table)
            .values((
                sessions::id.eq(&id),
                sessions::municipality_id.eq(&municipality_id),
                sessions::academic_year_id.eq(&year.id),
                sessions::series_id.eq(&series_id),
                sessions::form.eq(input.form.map(|f| f.as_str()).unwrap_or_default()),
                sessions::subject_id.eq(&input.subject_id),
                sessions::title.eq(input.title.trim()),
                sessions::starts_at.eq(a),
                sessions::ends_at.eq(b),
                sessions::place.eq(crate::db::schools::clean(&input.place)),
                sessions::online_link.eq(crate::db::schools::clean(&input.online_link)),
                sessions::format.eq(input.format.map(|f| f.as_str()).unwrap_or_default()),
                sessions::audience.eq(input.audience.map(|f| f.as_str()).unwrap_or_default()),
                sessions::seats.eq(input.seats),
                sessions::status.eq("planned"),
                sessions::created_at.eq(t),
                sessions::updated_at.eq(t),
                sessions::created_by.eq(&user.id),
                sessions::updated_by.eq(&user.id),
                sessions::version.eq(1),
            ))
            .execute(conn)?;
        for tid in &tutor_ids {
            diesel::insert_into(session_tutors::table)
                .values((
                    session_tutors::session_id.eq(&id),
                    session_tutors::user_id.eq(tid),
                ))
                .execute(conn)?;
        }
        ids.push(id);
    }
    // The first occurrence answers the linked requests.
    for r in &linked {
        move_to(
            conn,
            Some(user),
            r,
            RequestStatus::Scheduled,
            Some(&format!("Занятие «{}»", input.title.trim())),
            None,
            Some(Some(&ids[0])),
            None,
        )?;
    }
    notify(
        conn,
        &tutor_ids,
        Some(&user.id),
        "session_planned",
        "Новое занятие в расписании",
        &format!(
            "«{}», {}",
            input.title.trim(),
            fmt_time(input.starts_at.naive_utc())
        ),
        Some(&format!("/sessions/{}", ids[0])),
    )?;
    let rows: Vec<SessionRow> = sessions::table
        .filter(sessions::id.eq_any(&ids))
        .order(sessions::starts_at.asc())
        .select(SessionRow::as_select())
        .load(conn)?;
    let region = crate::db::region_of(conn, &municipality_id)?;
    for r in &rows {
        audit::record(
            conn,
            Some(user),
            "create",
            "session",
            &r.id,
            audit::Scope {
                region_id: region.as_deref(),
                municipality_id: Some(&municipality_id),
            },
            None,
            Some(r),
        )?;
    }
    to_domain(conn, user, rows)
}

pub fn update(
    conn: &mut DbConn,
    user: &AuthUser,
    id: &str,
    input: &SessionInput,
) -> AppResult<Session> {
    let before = find_row(conn, id)?;
    require_manage(conn, user, &before)?;
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
    let year = crate::db::academic_years::find(conn, &before.academic_year_id)?;
    let d = input.starts_at.date_naive();
    if d < year.starts_on || d > year.ends_on {
        return Err(AppError::field(
            "starts_at",
            "outside_academic_year",
            format!("Занятие вне учебного года {}", year.name),
        ));
    }
    let tutor_ids = validate_tutors(conn, user, &before.municipality_id, input)?;
    let place = input
        .place
        .as_deref()
        .filter(|_| input.format == Some(WorkFormat::InPerson));
    check_conflicts(
        conn,
        &tutor_ids,
        place,
        input.starts_at.naive_utc(),
        input.ends_at.naive_utc(),
        Some(id),
    )?;
    let full = |conn: &mut DbConn| -> AppResult<Session> {
        let row = find_row(conn, id)?;
        Ok(to_domain(conn, user, vec![row])?.remove(0))
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
                    sessions::place.eq(crate::db::schools::clean(&input.place)),
                    sessions::online_link.eq(crate::db::schools::clean(&input.online_link)),
                    sessions::format.eq(input.format.map(|f| f.as_str()).unwrap_or_default()),
                    sessions::audience.eq(input.audience.map(|f| f.as_str()).unwrap_or_default()),
                    sessions::seats.eq(input.seats),
                )
            )?;
            if n > 0 {
                diesel::delete(session_tutors::table.filter(session_tutors::session_id.eq(id)))
                    .execute(conn)?;
                for tid in &tutor_ids {
                    diesel::insert_into(session_tutors::table)
                        .values((
                            session_tutors::session_id.eq(id),
                            session_tutors::user_id.eq(tid),
                        ))
                        .execute(conn)?;
                }
            }
            Ok(n)
        },
        full,
    )?;
    let session = match change {
        Change::Unchanged(same) => return Ok(same),
        Change::Stored(after) => after,
    };
    let after = find_row(conn, id)?;
    let participants = participant_ids(conn, id)?;
    notify(
        conn,
        &participants,
        Some(&user.id),
        "session_changed",
        "Занятие изменено",
        &format!("«{}», {}", after.title, fmt_time(after.starts_at)),
        Some(&format!("/sessions/{id}")),
    )?;
    let region = crate::db::region_of(conn, &before.municipality_id)?;
    audit::record(
        conn,
        Some(user),
        "update",
        "session",
        id,
        audit::Scope {
            region_id: region.as_deref(),
            municipality_id: Some(&before.municipality_id),
        },
        Some(&before),
        Some(&after),
    )?;
    Ok(session)
}

fn participant_ids(conn: &mut DbConn, id: &str) -> AppResult<Vec<String>> {
    Ok(registrations::table
        .filter(registrations::session_id.eq(id))
        .filter(registrations::status.ne("cancelled"))
        .select(registrations::user_id)
        .load(conn)?)
}

pub fn cancel(
    conn: &mut DbConn,
    user: &AuthUser,
    id: &str,
    input: &SessionCancel,
) -> AppResult<Session> {
    let before = find_row(conn, id)?;
    require_manage(conn, user, &before)?;
    if input.reason.trim().is_empty() {
        return Err(AppError::field(
            "reason",
            "required",
            "Укажите причину отмены",
        ));
    }
    crate::db::check_version(Some(input.version), before.version)?;
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
    let linked: Vec<String> = requests::table
        .filter(requests::session_id.eq(id))
        .filter(requests::status.eq("scheduled"))
        .select(requests::id)
        .load(conn)?;
    for rid in linked {
        let r = find_request(conn, &rid)?;
        move_to(
            conn,
            Some(user),
            &r,
            RequestStatus::Accepted,
            Some(&format!("Занятие отменено: {}", input.reason.trim())),
            None,
            Some(None),
            None,
        )?;
    }
    let participants = participant_ids(conn, id)?;
    notify(
        conn,
        &participants,
        Some(&user.id),
        "session_cancelled",
        "Занятие отменено",
        &format!(
            "«{}», {}: {}",
            before.title,
            fmt_time(before.starts_at),
            input.reason.trim()
        ),
        Some(&format!("/sessions/{id}")),
    )?;
    let after = find_row(conn, id)?;
    let region = crate::db::region_of(conn, &before.municipality_id)?;
    audit::record(
        conn,
        Some(user),
        "cancel",
        "session",
        id,
        audit::Scope {
            region_id: region.as_deref(),
            municipality_id: Some(&before.municipality_id),
        },
        Some(&before),
        Some(&after),
    )?;
    Ok(to_domain(conn, user, vec![after])?.remove(0))
}

/// A teacher registers; beyond the seats they join the waitlist.
pub fn register(conn: &mut DbConn, user: &AuthUser, id: &str) -> AppResult<SessionDetail> {
    let s = find_row(conn, id)?;
    check_visible(conn, user, &s)?;
    if !matches!(user.role, Role::Teacher | Role::SchoolAdmin | Role::Tutor) {
        return Err(AppError::Forbidden("Записываются педагоги".into()));
    }
    let form = stored(&s.form, "sessions.form", FormOfWork::parse)?;
    if !form.is_group() || s.audience == "students" {
        return Err(AppError::Conflict {
            code: ProblemCode::NotOpenForRegistration,
            detail: "На это занятие не ведётся запись педагогов".into(),
        });
    }
    if s.status != "planned" {
        return Err(AppError::Conflict {
            code: ProblemCode::NotPlanned,
            detail: "Запись возможна только на запланированное занятие".into(),
        });
    }
    let existing: Option<(String, String)> = registrations::table
        .filter(registrations::session_id.eq(id))
        .filter(registrations::user_id.eq(&user.id))
        .select((registrations::id, registrations::status))
        .first(conn)
        .optional()?;
    if matches!(&existing, Some((_, st)) if st != "cancelled") {
        return Err(AppError::Conflict {
            code: ProblemCode::AlreadyRegistered,
            detail: "Вы уже записаны на это занятие".into(),
        });
    }
    let taken: i64 = registrations::table
        .filter(registrations::session_id.eq(id))
        .filter(registrations::status.eq("registered"))
        .count()
        .get_result(conn)?;
    let status = match s.seats {
        Some(seats) if taken >= seats as i64 => RegistrationStatus::Waitlisted,
        _ => RegistrationStatus::Registered,
    };
    let t = now();
    match existing {
        Some((rid, _)) => {
            diesel::update(registrations::table.find(rid))
                .set((
                    registrations::status.eq(status.as_str()),
                    registrations::created_at.eq(t),
                    registrations::updated_at.eq(t),
                ))
                .execute(conn)?;
        }
        None => {
            diesel::insert_into(registrations::table)
                .values((
                    registrations::id.eq(new_id()),
                    registrations::session_id.eq(id),
                    registrations::user_id.eq(&user.id),
                    registrations::status.eq(status.as_str()),
                    registrations::created_at.eq(t),
                    registrations::updated_at.eq(t),
                ))
                .execute(conn)?;
        }
    }
    detail(conn, user, id)
}

/// Cancels the caller's registration; the first on the waitlist moves up.
pub fn unregister(conn: &mut DbConn, user: &AuthUser, id: &str) -> AppResult<SessionDetail> {
    let s = find_row(conn, id)?;
    check_visible(conn, user, &s)?;
    let reg: Option<(String, String)> = registrations::table
        .filter(registrations::session_id.eq(id))
        .filter(registrations::user_id.eq(&user.id))
        .filter(registrations::status.ne("cancelled"))
        .select((registrations::id, registrations::status))
        .first(conn)
        .optional()?;
    let Some((rid, status)) = reg else {
        return Err(AppError::NotFound("Вы не записаны на это занятие".into()));
    };
    if s.status != "planned" {
        return Err(AppError::Conflict {
            code: ProblemCode::NotPlanned,
            detail: "Занятие уже проведено или отменено".into(),
        });
    }
    diesel::update(registrations::table.find(&rid))
        .set((
            registrations::status.eq("cancelled"),
            registrations::updated_at.eq(now()),
        ))
        .execute(conn)?;
    if status == "registered" {
        let next: Option<(String, String)> = registrations::table
            .filter(registrations::session_id.eq(id))
            .filter(registrations::status.eq("waitlisted"))
            .order((registrations::created_at.asc(), registrations::id.asc()))
            .select((registrations::id, registrations::user_id))
            .first(conn)
            .optional()?;
        if let Some((nid, nuser)) = next {
            diesel::update(registrations::table.find(&nid))
                .set((
                    registrations::status.eq("registered"),
                    registrations::updated_at.eq(now()),
                ))
                .execute(conn)?;
            notify(
                conn,
                &[nuser],
                None,
                "waitlist_promoted",
                "Освободилось место — вы записаны",
                &format!("«{}», {}", s.title, fmt_time(s.starts_at)),
                Some(&format!("/sessions/{id}")),
            )?;
        }
    }
    detail(conn, user, id)
}

/// Logs a session as held: attendance, outcome, notes. Linked requests become done.
pub fn log(
    conn: &mut DbConn,
    user: &AuthUser,
    id: &str,
    input: &SessionLogInput,
) -> AppResult<SessionDetail> {
    let s = find_row(conn, id)?;
    require_manage(conn, user, &s)?;
    input.validate().map_err(AppError::Validation)?;
    crate::db::check_version(Some(input.version), s.version)?;
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
                fmt_time(s.starts_at)
            ),
        ));
    }
    let registered: Vec<String> = registrations::table
        .filter(registrations::session_id.eq(id))
        .filter(registrations::status.eq("registered"))
        .select(registrations::user_id)
        .load(conn)?;
    if let Some(bad) = input
        .attended_user_ids
        .iter()
        .find(|u| !registered.contains(u))
    {
        return Err(AppError::field(
            "attended_user_ids",
            "not_registered",
            format!("Участник {bad} не записан на занятие"),
        ));
    }
    for u in &registered {
        diesel::update(
            registrations::table
                .filter(registrations::session_id.eq(id))
                .filter(registrations::user_id.eq(u)),
        )
        .set(registrations::attended.eq(Some(input.attended_user_ids.contains(u))))
        .execute(conn)?;
    }
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
            sessions::students_class.eq(crate::db::schools::clean(&input.students_class)),
            sessions::students_count.eq(input.students_count),
            sessions::outcome.eq(input.outcome.trim()),
            sessions::summary.eq(crate::db::schools::clean(&input.summary)),
            sessions::private_notes.eq(crate::db::schools::clean(&input.private_notes)),
            sessions::materials.eq(crate::db::schools::clean(&input.materials)),
        )
    )? == 0
    {
        return Err(AppError::version_conflict(s.version + 1));
    }
    let linked: Vec<String> = requests::table
        .filter(requests::session_id.eq(id))
        .filter(requests::status.eq("scheduled"))
        .select(requests::id)
        .load(conn)?;
    for rid in linked {
        let r = find_request(conn, &rid)?;
        move_to(
            conn,
            Some(user),
            &r,
            RequestStatus::Done,
            Some("Занятие проведено"),
            None,
            None,
            None,
        )?;
    }
    notify(
        conn,
        &input.attended_user_ids,
        Some(&user.id),
        "session_held",
        "Оцените занятие",
        &format!("«{}» проведено — поставьте оценку", s.title),
        Some(&format!("/sessions/{id}")),
    )?;
    let after = find_row(conn, id)?;
    let region = crate::db::region_of(conn, &s.municipality_id)?;
    audit::record(
        conn,
        Some(user),
        "log",
        "session",
        id,
        audit::Scope {
            region_id: region.as_deref(),
            municipality_id: Some(&s.municipality_id),
        },
        Some(&s),
        Some(&after),
    )?;
    detail(conn, user, id)
}

/// A correction of a held session, kept with author and time.
pub fn amend(
    conn: &mut DbConn,
    user: &AuthUser,
    id: &str,
    input: &AmendmentInput,
) -> AppResult<SessionDetail> {
    let s = find_row(conn, id)?;
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
    let before: Option<String> = match input.field.as_str() {
        "outcome" => s.outcome.clone(),
        "summary" => s.summary.clone(),
        "private_notes" => s.private_notes.clone(),
        "materials" => s.materials.clone(),
        "students_class" => s.students_class.clone(),
        _ => s.students_count.map(|c| c.to_string()),
    };
    let q = diesel::update(sessions::table.find(id));
    let v = Some(value.clone()).filter(|v| !v.is_empty());
    match input.field.as_str() {
        "outcome" => q.set(sessions::outcome.eq(v)).execute(conn)?,
        "summary" => q.set(sessions::summary.eq(v)).execute(conn)?,
        "private_notes" => q.set(sessions::private_notes.eq(v)).execute(conn)?,
        "materials" => q.set(sessions::materials.eq(v)).execute(conn)?,
        "students_class" => q.set(sessions::students_class.eq(v)).execute(conn)?,
        _ => {
            let n: Option<i32> = if value.is_empty() {
                None
            } else {
                Some(
                    value
                        .parse()
                        .ok()
                        .filter(|n| (0..=1000).contains(n))
                        .ok_or_else(|| {
                            AppError::field(
                                "value",
                                "invalid_value",
                                "Количество — число от 0 до 1000",
                            )
                        })?,
                )
            };
            q.set(sessions::students_count.eq(n)).execute(conn)?
        }
    };
    if set_versioned!(conn, sessions, id, s.version, &user.id, ())? == 0 {
        return Err(AppError::version_conflict(s.version + 1));
    }
    diesel::insert_into(session_amendments::table)
        .values((
            session_amendments::id.eq(new_id()),
            session_amendments::session_id.eq(id),
            session_amendments::at.eq(now()),
            session_amendments::author_id.eq(&user.id),
            session_amendments::field.eq(&input.field),
            session_amendments::before_value.eq(before),
            session_amendments::after_value.eq(Some(value)),
            session_amendments::note.eq(input.note.trim()),
        ))
        .execute(conn)?;
    detail(conn, user, id)
}

/// A participant rates a held session once (1–5).
pub fn rate(
    conn: &mut DbConn,
    user: &AuthUser,
    id: &str,
    input: &RatingInput,
) -> AppResult<SessionDetail> {
    let s = find_row(conn, id)?;
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
    let participated: i64 = registrations::table
        .filter(registrations::session_id.eq(id))
        .filter(registrations::user_id.eq(&user.id))
        .filter(registrations::status.eq("registered"))
        .count()
        .get_result(conn)?;
    let requested: i64 = requests::table
        .filter(requests::session_id.eq(id))
        .filter(requests::requester_id.eq(&user.id))
        .count()
        .get_result(conn)?;
    if participated + requested == 0 {
        return Err(AppError::Forbidden("Оценивают участники занятия".into()));
    }
    let already: i64 = ratings::table
        .filter(ratings::session_id.eq(id))
        .filter(ratings::user_id.eq(&user.id))
        .count()
        .get_result(conn)?;
    if already > 0 {
        return Err(AppError::Conflict {
            code: ProblemCode::AlreadyRated,
            detail: "Вы уже оценили это занятие".into(),
        });
    }
    diesel::insert_into(ratings::table)
        .values((
            ratings::id.eq(new_id()),
            ratings::session_id.eq(id),
            ratings::user_id.eq(&user.id),
            ratings::score.eq(input.score),
            ratings::comment.eq(crate::db::schools::clean(&input.comment)),
            ratings::created_at.eq(now()),
        ))
        .execute(conn)?;
    detail(conn, user, id)
}

/// Sessions for an iCal feed: a user's own (held by or registered for), or a municipality's.
pub fn for_feed(
    conn: &mut DbConn,
    user_id: Option<&str>,
    municipality_id: Option<&str>,
) -> AppResult<Vec<SessionRow>> {
    let mut q = sessions::table
        .filter(sessions::status.ne("cancelled"))
        .into_boxed();
    if let Some(m) = municipality_id {
        q = q.filter(sessions::municipality_id.eq(m.to_string()));
    }
    if let Some(u) = user_id {
        q = q.filter(
            sessions::id
                .eq_any(
                    session_tutors::table
                        .filter(session_tutors::user_id.eq(u.to_string()))
                        .select(session_tutors::session_id),
                )
                .or(sessions::id.eq_any(
                    registrations::table
                        .filter(registrations::user_id.eq(u.to_string()))
                        .filter(registrations::status.ne("cancelled"))
                        .select(registrations::session_id),
                )),
        );
    }
    Ok(q.order(sessions::starts_at.asc())
        .limit(2000)
        .select(SessionRow::as_select())
        .load(conn)?)
}

/// 404/403 unless the caller manages the session; returns its municipality.
pub fn check_manage(conn: &mut DbConn, user: &AuthUser, id: &str) -> AppResult<String> {
    let r = find_row(conn, id)?;
    require_manage(conn, user, &r)?;
    Ok(r.municipality_id)
}

pub fn get_session(conn: &mut DbConn, user: &AuthUser, id: &str) -> AppResult<Session> {
    let r = find_row(conn, id)?;
    check_visible(conn, user, &r)?;
    Ok(to_domain(conn, user, vec![r])?.remove(0))
}
