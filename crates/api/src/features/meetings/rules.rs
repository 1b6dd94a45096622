//! Operations on meetings: list, read, create (invitees from the composition in force
//! that day), edit the whole meeting while it is not signed, hold and sign, and mark a
//! поручение done — validated, authorised per object, written versioned and audited.

use super::policy::{self, Facts};
use super::repo::{self, MeetingRow, NewDecision, NewInvitee, NewItem};
use crate::auth::AuthUser;
use crate::error::{AppError, AppResult};
use crate::store::audit::Scope;
use crate::store::conn::DbConn;
use crate::store::record::new_id;
use crate::store::schema::{academic_years, meetings as mt, users};
use crate::store::versioned::{update_versioned, Change};
use crate::store::Audit;
use crate::{new_bookkeeping, set_versioned};
use chrono::NaiveDate;
use diesel::prelude::*;
use tutornet_domain::audit::{AuditAction, AuditEntity};
use tutornet_domain::meetings::{
    self as domain, Decision, DecisionMark, Flow, Meeting, MeetingAction, MeetingFilter,
    MeetingInput, MeetingStatus, MeetingSummary, MeetingTransition, MeetingUpdate,
};
use tutornet_domain::permissions::{Action, Resource};
use tutornet_domain::text::{clean, surname_initials};
use tutornet_domain::{Page, ProblemCode};

const R: Resource = Resource::Meeting;

fn refused(reason: impl Into<String>) -> AppError {
    AppError::Conflict {
        code: ProblemCode::InvalidTransition,
        detail: reason.into(),
    }
}

fn today(conn: &mut DbConn, m: &str) -> AppResult<NaiveDate> {
    crate::store::zone::today_in(conn, m)
}

/// A stored meeting as the caller reached it.
pub(super) struct Loaded {
    pub row: MeetingRow,
    pub region: String,
    /// The caller organises it (edits, holds, signs).
    pub organiser: bool,
}

/// The meeting (404 outside the read reach), its region and whether the caller organises it.
pub(super) fn access(conn: &mut DbConn, user: &AuthUser, id: &str) -> AppResult<Loaded> {
    let r = repo::row(conn, id)?;
    let region = crate::access::places::region_of(conn, &r.municipality_id)?.unwrap_or_default();
    let (invited, owners) = repo::related(conn, id)?;
    let facts = Facts {
        municipality_id: &r.municipality_id,
        region_id: Some(&region),
        invited: &invited,
        owners: &owners,
    };
    if !policy::visible(user.try_reach(R, Action::Read).as_ref(), &facts) {
        return Err(AppError::NotFound("Совещание не найдено".into()));
    }
    let organiser = policy::organises(user.try_reach(R, Action::Create).as_ref(), &facts);
    Ok(Loaded {
        row: r,
        region,
        organiser,
    })
}

fn audit<'a>(user: &'a AuthUser, entity: AuditEntity, id: &'a str, l: &'a Loaded) -> Audit<'a> {
    Audit::new(
        user,
        entity,
        id,
        Scope::municipality(&l.region, &l.row.municipality_id),
    )
}

pub fn list(
    conn: &mut DbConn,
    user: &AuthUser,
    f: &MeetingFilter,
) -> AppResult<Page<MeetingSummary>> {
    let reach = user.reach(R, Action::Read)?;
    repo::list(conn, &reach, f)
}

pub fn get(conn: &mut DbConn, user: &AuthUser, id: &str) -> AppResult<Meeting> {
    let l = access(conn, user, id)?;
    let today = today(conn, &l.row.municipality_id)?;
    repo::find(conn, id, today)
}

/// The academic year a date falls in.
fn year_of(conn: &mut DbConn, d: NaiveDate) -> AppResult<Option<String>> {
    Ok(academic_years::table
        .filter(academic_years::starts_on.le(d))
        .filter(academic_years::ends_on.ge(d))
        .filter(academic_years::archived_at.is_null())
        .select(academic_years::id)
        .first(conn)
        .optional()?)
}

/// The members of the composition in force on `d`, as invitees, grouped by specialisation.
fn from_composition(conn: &mut DbConn, m: &str, d: NaiveDate) -> AppResult<Vec<NewInvitee>> {
    let Some(year) = year_of(conn, d)? else {
        return Ok(Vec::new());
    };
    let members = crate::features::composition::ops::members_on(conn, m, &year, d)?;
    let schools = crate::store::names::school_short_names(
        conn,
        members.iter().filter_map(|x| x.school_id.clone()).collect(),
    )?;
    let mut list: Vec<NewInvitee> = members
        .into_iter()
        .map(|x| NewInvitee {
            id: None,
            category: domain::category_of(x.specialisation).to_string(),
            school: x
                .school_id
                .as_ref()
                .and_then(|s| schools.get(s).cloned())
                .or(x.workplace),
            user_id: x.user_id,
            member_id: Some(x.id),
            full_name: x.full_name,
            position: x.position,
            present: None,
            absence_reason: None,
        })
        .collect();
    list.sort_by(|a, b| a.category.cmp(&b.category));
    Ok(list)
}

pub fn create(conn: &mut DbConn, user: &AuthUser, input: &MeetingInput) -> AppResult<Meeting> {
    let reach = user.reach(R, Action::Create)?;
    input.validate().map_err(AppError::Validation)?;
    let m = clean(&input.municipality_id)
        .or(user.municipality_id.clone())
        .ok_or_else(|| AppError::field("municipality_id", "required", "Выберите муниципалитет"))?;
    crate::access::places::check_new_in(
        conn,
        &reach,
        &m,
        "Совещания созывает координатор своего муниципалитета",
    )?;
    let held_on = input.held_on.expect("validated");
    let id = new_id();
    diesel::insert_into(mt::table)
        .values((
            mt::id.eq(&id),
            mt::municipality_id.eq(&m),
            mt::kind.eq(input.kind.expect("validated").as_str()),
            mt::kind_text.eq(clean(&input.kind_text)),
            mt::number.eq(clean(&input.number)),
            mt::topic.eq(input.topic.trim()),
            mt::held_on.eq(held_on),
            mt::starts_at.eq(hhmm(&input.starts_at)),
            mt::place.eq(input.place.trim()),
            mt::status.eq(MeetingStatus::Planned.as_str()),
            mt::extra_present.eq(0),
            mt::include_misc.eq(true),
            mt::misc_text.eq(""),
            new_bookkeeping!(meetings, Some(user.id.clone())),
        ))
        .execute(conn)?;
    let invitees = from_composition(conn, &m, held_on)?;
    repo::set_invitees(conn, &id, &invitees)?;
    let l = access(conn, user, &id)?;
    let today = today(conn, &m)?;
    let made = repo::find(conn, &id, today)?;
    audit(user, AuditEntity::Meeting, &id, &l).created(conn, &made)?;
    Ok(made)
}

/// «9:30» → «09:30».
fn hhmm(s: &str) -> String {
    domain::parse_time(s)
        .map(|(h, m)| format!("{h:02}:{m:02}"))
        .unwrap_or_default()
}

/// 422 on `field` unless the user exists; their (full name, position).
fn person(conn: &mut DbConn, field: &str, id: &str) -> AppResult<(String, Option<String>)> {
    users::table
        .find(id)
        .filter(users::archived_at.is_null())
        .select((users::full_name, users::position))
        .first(conn)
        .optional()?
        .ok_or_else(|| AppError::field(field, "invalid_reference", "Пользователь не найден"))
}

/// The organiser of an editable meeting, or 403 / 409.
pub(super) fn editable(conn: &mut DbConn, user: &AuthUser, id: &str) -> AppResult<Loaded> {
    let l = access(conn, user, id)?;
    if !l.organiser {
        return Err(AppError::Forbidden(
            "Совещание ведёт координатор муниципалитета".into(),
        ));
    }
    domain::may_edit(l.row.status()?).map_err(refused)?;
    Ok(l)
}

/// The input's parts resolved against the database (people named by account).
fn resolve(conn: &mut DbConn, u: &MeetingUpdate) -> AppResult<(Vec<NewInvitee>, Vec<NewItem>)> {
    let mut invitees = Vec::new();
    for (i, p) in u.invitees.iter().enumerate() {
        if let Some(uid) = clean(&p.user_id) {
            person(conn, &format!("invitees[{i}].user_id"), &uid)?;
        }
        invitees.push(NewInvitee {
            id: clean(&p.id),
            user_id: clean(&p.user_id),
            member_id: clean(&p.member_id),
            full_name: p.full_name.trim().to_string(),
            position: clean(&p.position),
            school: clean(&p.school),
            category: p.category.trim().to_string(),
            present: p.present,
            absence_reason: if p.present == Some(false) {
                clean(&p.absence_reason)
            } else {
                None
            },
        });
    }
    let mut items = Vec::new();
    for (i, a) in u.agenda.iter().enumerate() {
        let (mut name, mut pos) = (clean(&a.speaker_name), clean(&a.speaker_position));
        if let Some(uid) = clean(&a.speaker_user_id) {
            let (n, p) = person(conn, &format!("agenda[{i}].speaker_user_id"), &uid)?;
            name = name.or(Some(n));
            pos = pos.or(p);
        }
        let mut decisions = Vec::new();
        for (j, d) in a.decisions.iter().enumerate() {
            let owner = clean(&d.owner_user_id);
            let mut owner_name = clean(&d.owner_name);
            if let Some(uid) = &owner {
                let field = format!("agenda[{i}].decisions[{j}].owner_user_id");
                let (n, _) = person(conn, &field, uid)?;
                owner_name = owner_name.or(Some(surname_initials(&n)));
            }
            decisions.push(NewDecision {
                id: clean(&d.id),
                text: d.text.trim().to_string(),
                owner_user_id: owner,
                owner_name: owner_name.unwrap_or_default(),
                deadline: d.deadline,
            });
        }
        items.push(NewItem {
            id: clean(&a.id),
            title: a.title.trim().to_string(),
            speaker_user_id: clean(&a.speaker_user_id),
            speaker_name: name,
            speaker_position: pos,
            speaker_collective: clean(&a.speaker_collective),
            proceedings: a.proceedings.trim().to_string(),
            decisions,
        });
    }
    Ok((invitees, items))
}

/// Writes the whole meeting under its version (409 when stale); audited with the states
/// before and after.
pub fn update(
    conn: &mut DbConn,
    user: &AuthUser,
    id: &str,
    u: &MeetingUpdate,
) -> AppResult<Meeting> {
    let l = editable(conn, user, id)?;
    u.validate().map_err(AppError::Validation)?;
    let (invitees, items) = resolve(conn, u)?;
    let held_on = u.held_on.expect("validated");
    let today = today(conn, &l.row.municipality_id)?;
    let before = repo::find(conn, id, today)?;
    let sig = |n: usize| {
        u.signatories
            .get(n)
            .map(|s| (s.position.trim(), s.name.trim()))
    };
    let (s1, s2) = (sig(0), sig(1));
    let mid = id.to_string();
    let change = update_versioned(
        conn,
        Some(u.version),
        l.row.book.version,
        before.clone(),
        |conn, v| {
            let n = set_versioned!(
                conn,
                meetings,
                &mid,
                v,
                &user.id,
                (
                    mt::kind.eq(u.kind.expect("validated").as_str()),
                    mt::kind_text.eq(clean(&u.kind_text)),
                    mt::number.eq(clean(&u.number)),
                    mt::topic.eq(u.topic.trim()),
                    mt::held_on.eq(held_on),
                    mt::starts_at.eq(hhmm(&u.starts_at)),
                    mt::place.eq(u.place.trim()),
                    mt::extra_present.eq(u.extra_present),
                    mt::include_misc.eq(u.include_misc),
                    mt::misc_text.eq(u.misc_text.trim()),
                    mt::signatory_position.eq(s1.map(|s| s.0)),
                    mt::signatory_name.eq(s1.map(|s| s.1)),
                    mt::second_signatory_position.eq(s2.map(|s| s.0)),
                    mt::second_signatory_name.eq(s2.map(|s| s.1)),
                )
            )?;
            if n > 0 {
                repo::set_invitees(conn, &mid, &invitees)?;
                repo::set_agenda(conn, &mid, &user.id, &items)?;
            }
            Ok(n)
        },
        |conn| repo::find(conn, &mid, today),
    )?;
    match change {
        Change::Unchanged(same) => Ok(same),
        Change::Stored(after) => {
            audit(user, AuditEntity::Meeting, id, &l).record(
                conn,
                AuditAction::Update,
                Some(&before),
                Some(&after),
            )?;
            Ok(after)
        }
    }
}

/// Hold (the date has come) or sign (agenda, signatories and every attendance ticked).
pub fn transition(
    conn: &mut DbConn,
    user: &AuthUser,
    id: &str,
    body: &MeetingTransition,
) -> AppResult<Meeting> {
    let l = editable(conn, user, id)?;
    let action = body
        .action
        .ok_or_else(|| AppError::field("action", "required", "Выберите действие"))?;
    let today = today(conn, &l.row.municipality_id)?;
    let before = repo::find(conn, id, today)?;
    let f = Flow {
        status: before.status,
        date_reached: before.held_on <= today,
        agenda_items: before.agenda.len(),
        signatories: before.signatories.len(),
        unticked: before
            .invitees
            .iter()
            .filter(|i| i.present.is_none())
            .count(),
    };
    let next = domain::transition(f, action).map_err(refused)?;
    let mid = id.to_string();
    let change = update_versioned(
        conn,
        Some(body.version),
        l.row.book.version,
        before.clone(),
        |conn, v| {
            Ok(set_versioned!(
                conn,
                meetings,
                &mid,
                v,
                &user.id,
                (mt::status.eq(next.as_str()),)
            )?)
        },
        |conn| repo::find(conn, &mid, today),
    )?;
    let Change::Stored(after) = change else {
        return Err(AppError::Internal("a transition changed nothing".into()));
    };
    let act = match action {
        MeetingAction::Hold => AuditAction::Hold,
        MeetingAction::Sign => AuditAction::SignProtocol,
    };
    audit(user, AuditEntity::Meeting, id, &l).record(conn, act, Some(&before), Some(&after))?;
    Ok(after)
}

/// Marks a поручение done (or open again): its owner or the organiser, once the meeting
/// was held — also after the protocol is signed (execution is not the protocol's text).
pub fn mark(
    conn: &mut DbConn,
    user: &AuthUser,
    id: &str,
    did: &str,
    body: &DecisionMark,
) -> AppResult<Decision> {
    let l = access(conn, user, id)?;
    let d = repo::decision_row(conn, id, did)?;
    let own = d.owner_user_id.as_deref() == Some(user.id.as_str())
        && user.try_reach(R, Action::Update).is_some();
    if !l.organiser && !own {
        return Err(AppError::Forbidden(
            "Исполнение поручения отмечает ответственный или координатор".into(),
        ));
    }
    if l.row.status()? == MeetingStatus::Planned {
        return Err(refused("Совещание ещё не проведено: поручений пока нет"));
    }
    let today = today(conn, &l.row.municipality_id)?;
    let done_on = if body.done {
        let on = body.done_on.unwrap_or(today);
        if on > today {
            return Err(AppError::field(
                "done_on",
                "in_future",
                "Дата исполнения не может быть позже сегодняшней",
            ));
        }
        Some(on)
    } else {
        None
    };
    let before = repo::decision(conn, id, did, today)?;
    let (mid, did_s) = (id.to_string(), did.to_string());
    let change = update_versioned(
        conn,
        Some(body.version),
        d.book.version,
        before.clone(),
        |conn, v| {
            Ok(set_versioned!(
                conn,
                meeting_decisions,
                &did_s,
                v,
                &user.id,
                (crate::store::schema::meeting_decisions::done_on.eq(done_on),)
            )?)
        },
        |conn| repo::decision(conn, &mid, &did_s, today),
    )?;
    match change {
        Change::Unchanged(same) => Ok(same),
        Change::Stored(after) => {
            audit(user, AuditEntity::MeetingDecision, did, &l).record(
                conn,
                AuditAction::DecisionMark,
                Some(&before),
                Some(&after),
            )?;
            Ok(after)
        }
    }
}
