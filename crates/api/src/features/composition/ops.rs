//! The composition of the tutor community: members, orders (приказы), nominations and
//! attachments (закрепление). Import and export of the appendix table live in
//! `composition_io`.

use crate::auth::{AuthUser, Place, Reach};
use crate::db::schema::{
    attachments, composition_orders, member_subjects, members, nominations, schools, subjects,
    users,
};
use crate::db::{audit, meta, new_id, now, Cursor, DbConn, MultiBackend};
use crate::error::{AppError, AppResult};
use crate::set_versioned;
use crate::store::stored;
use crate::store::{update_versioned, Change};
use chrono::NaiveDate;
use diesel::prelude::*;
use std::collections::HashMap;
use tutornet_domain::composition::{
    Attachment, AttachmentInput, CompositionOrder, IdName, Member, MemberFilter, MemberInput,
    MemberStatus, Nomination, NominationDecision, NominationFilter, NominationInput,
    NominationStatus, OrderFilter, OrderInput, OrderKind, OrderMember, TutorLevel,
};
use tutornet_domain::permissions::{Action, Resource, Role};
use tutornet_domain::text::collation_key;
use tutornet_domain::ProblemCode;
use tutornet_domain::{FieldError, Page};

// ---------------------------------------------------------------- rows

#[derive(Queryable, Selectable, Clone)]
#[diesel(table_name = members)]
pub struct MemberRow {
    pub id: String,
    pub municipality_id: String,
    pub academic_year_id: String,
    pub user_id: Option<String>,
    pub full_name: String,
    pub name_sort: String,
    pub level: String,
    pub position: Option<String>,
    pub school_id: Option<String>,
    pub workplace: Option<String>,
    pub status: String,
    pub approved_order_id: Option<String>,
    pub approved_on: Option<NaiveDate>,
    pub excluded_order_id: Option<String>,
    pub excluded_on: Option<NaiveDate>,
    pub exclusion_reason: Option<String>,
    pub nomination_id: Option<String>,
    pub created_at: chrono::NaiveDateTime,
    pub updated_at: chrono::NaiveDateTime,
    pub created_by: Option<String>,
    pub updated_by: Option<String>,
    pub archived_at: Option<chrono::NaiveDateTime>,
    pub version: i32,
}

impl MemberRow {
    fn status(&self) -> AppResult<MemberStatus> {
        stored(&self.status, "members.status", MemberStatus::parse)
    }
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = composition_orders)]
pub struct OrderRow {
    pub id: String,
    pub municipality_id: String,
    pub academic_year_id: String,
    pub kind: String,
    pub number: String,
    pub issued_on: NaiveDate,
    pub issuer: String,
    pub title: String,
    pub file_name: Option<String>,
    pub created_at: chrono::NaiveDateTime,
    pub updated_at: chrono::NaiveDateTime,
    pub created_by: Option<String>,
    pub updated_by: Option<String>,
    pub archived_at: Option<chrono::NaiveDateTime>,
    pub version: i32,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = nominations)]
pub struct NominationRow {
    pub id: String,
    pub municipality_id: String,
    pub academic_year_id: String,
    pub school_id: String,
    pub teacher_user_id: Option<String>,
    pub full_name: String,
    pub subject_id: String,
    pub position: Option<String>,
    pub is_current_teacher: bool,
    pub experience_years: i32,
    pub achievements: Option<String>,
    pub has_authority: bool,
    pub ready_to_help: bool,
    pub justification: String,
    pub status: String,
    pub decision_reason: Option<String>,
    pub decided_by: Option<String>,
    pub decided_at: Option<chrono::NaiveDateTime>,
    pub member_id: Option<String>,
    pub created_at: chrono::NaiveDateTime,
    pub updated_at: chrono::NaiveDateTime,
    pub created_by: Option<String>,
    pub updated_by: Option<String>,
    pub archived_at: Option<chrono::NaiveDateTime>,
    pub version: i32,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = attachments)]
pub struct AttachmentRow {
    pub id: String,
    pub member_id: String,
    pub school_id: Option<String>,
    pub teacher_user_id: Option<String>,
    pub created_at: chrono::NaiveDateTime,
    pub updated_at: chrono::NaiveDateTime,
    pub created_by: Option<String>,
    pub updated_by: Option<String>,
    pub archived_at: Option<chrono::NaiveDateTime>,
    pub version: i32,
}

// ---------------------------------------------------------------- shared helpers

pub fn clean(s: &Option<String>) -> Option<String> {
    crate::db::schools::clean(s)
}

fn municipality_place<'a>(region: &'a str, m: &'a str) -> Place<'a> {
    Place {
        region_id: region,
        municipality_id: Some(m),
        ..Default::default()
    }
}

/// The municipality a write goes to: the given one or the caller's; it must exist and
/// be within `action`'s reach (422 otherwise, like schools). Returns (municipality, region).
pub fn target_municipality(
    conn: &mut DbConn,
    user: &AuthUser,
    resource: Resource,
    action: Action,
    given: Option<&str>,
) -> AppResult<(String, String)> {
    let reach = user.reach(resource, action)?;
    let m = given
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .or_else(|| user.municipality_id.clone())
        .ok_or_else(|| AppError::field("municipality_id", "required", "Выберите муниципалитет"))?;
    let region = crate::db::region_of(conn, &m)?.ok_or_else(|| {
        AppError::field(
            "municipality_id",
            "invalid_reference",
            "Муниципалитет не найден",
        )
    })?;
    if !reach.covers(&municipality_place(&region, &m)) {
        return Err(AppError::field(
            "municipality_id",
            "out_of_scope",
            "Можно работать только с составом своего муниципалитета",
        ));
    }
    Ok((m, region))
}

/// The given academic year (must exist) or the current one.
pub fn resolve_year(conn: &mut DbConn, given: Option<&str>) -> AppResult<String> {
    match given.map(str::trim).filter(|s| !s.is_empty()) {
        Some(id) => crate::db::academic_years::find(conn, id)
            .map(|y| y.id)
            .map_err(|_| {
                AppError::field(
                    "academic_year_id",
                    "invalid_reference",
                    "Учебный год не найден",
                )
            }),
        None => crate::db::academic_years::current(conn)?
            .map(|y| y.id)
            .ok_or_else(|| {
                AppError::field(
                    "academic_year_id",
                    "required",
                    "Текущий учебный год не задан; выберите учебный год",
                )
            }),
    }
}

fn school_names(conn: &mut DbConn, ids: Vec<String>) -> AppResult<HashMap<String, String>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(schools::table
        .filter(schools::id.eq_any(ids))
        .select((schools::id, schools::short_name))
        .load::<(String, String)>(conn)?
        .into_iter()
        .collect())
}

fn user_names(conn: &mut DbConn, ids: Vec<String>) -> AppResult<HashMap<String, String>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(users::table
        .filter(users::id.eq_any(ids))
        .select((users::id, users::full_name))
        .load::<(String, String)>(conn)?
        .into_iter()
        .collect())
}

fn audit_scope<'a>(region: &'a str, m: &'a str) -> audit::Scope<'a> {
    audit::Scope {
        region_id: Some(region),
        municipality_id: Some(m),
    }
}

fn conflict(code: ProblemCode, detail: &str) -> AppError {
    AppError::Conflict {
        code,
        detail: detail.into(),
    }
}

// ---------------------------------------------------------------- members

fn attachments_of(conn: &mut DbConn, member_ids: Vec<String>) -> AppResult<Vec<Attachment>> {
    if member_ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<AttachmentRow> = attachments::table
        .filter(attachments::member_id.eq_any(member_ids))
        .filter(attachments::archived_at.is_null())
        .order(attachments::id.asc())
        .select(AttachmentRow::as_select())
        .load(conn)?;
    to_attachments(conn, rows)
}

fn to_attachments(conn: &mut DbConn, rows: Vec<AttachmentRow>) -> AppResult<Vec<Attachment>> {
    let s = school_names(
        conn,
        rows.iter().filter_map(|r| r.school_id.clone()).collect(),
    )?;
    let u = user_names(
        conn,
        rows.iter()
            .filter_map(|r| r.teacher_user_id.clone())
            .collect(),
    )?;
    Ok(rows
        .into_iter()
        .map(|r| Attachment {
            school_name: r.school_id.as_ref().and_then(|i| s.get(i).cloned()),
            teacher_name: r.teacher_user_id.as_ref().and_then(|i| u.get(i).cloned()),
            id: r.id,
            member_id: r.member_id,
            school_id: r.school_id,
            teacher_user_id: r.teacher_user_id,
            meta: meta(
                r.created_at,
                r.updated_at,
                r.created_by,
                r.updated_by,
                r.archived_at,
                r.version,
            ),
        })
        .collect())
}

/// Rows → members with subjects, school names and attachments (batched).
pub fn to_members(conn: &mut DbConn, rows: Vec<MemberRow>) -> AppResult<Vec<Member>> {
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let mut subj: HashMap<String, Vec<IdName>> = HashMap::new();
    if !ids.is_empty() {
        let list: Vec<(String, String, String)> = member_subjects::table
            .inner_join(subjects::table)
            .filter(member_subjects::member_id.eq_any(ids.clone()))
            .order((member_subjects::member_id, member_subjects::ord))
            .select((member_subjects::member_id, subjects::id, subjects::name))
            .load(conn)?;
        for (m, id, name) in list {
            subj.entry(m).or_default().push(IdName { id, name });
        }
    }
    let schools = school_names(
        conn,
        rows.iter().filter_map(|r| r.school_id.clone()).collect(),
    )?;
    let mut att: HashMap<String, Vec<Attachment>> = HashMap::new();
    for a in attachments_of(conn, ids)? {
        att.entry(a.member_id.clone()).or_default().push(a);
    }
    rows.into_iter()
        .map(|r| -> AppResult<Member> {
            Ok(Member {
                subjects: subj.remove(&r.id).unwrap_or_default(),
                school_name: r.school_id.as_ref().and_then(|i| schools.get(i).cloned()),
                attachments: att.remove(&r.id).unwrap_or_default(),
                level: stored(&r.level, "members.level", TutorLevel::parse)?,
                status: r.status()?,
                id: r.id,
                municipality_id: r.municipality_id,
                academic_year_id: r.academic_year_id,
                user_id: r.user_id,
                full_name: r.full_name,
                position: r.position,
                school_id: r.school_id,
                workplace: r.workplace,
                approved_order_id: r.approved_order_id,
                approved_on: r.approved_on,
                excluded_order_id: r.excluded_order_id,
                excluded_on: r.excluded_on,
                exclusion_reason: r.exclusion_reason,
                nomination_id: r.nomination_id,
                meta: meta(
                    r.created_at,
                    r.updated_at,
                    r.created_by,
                    r.updated_by,
                    r.archived_at,
                    r.version,
                ),
            })
        })
        .collect::<AppResult<Vec<_>>>()
}

type Boxed<'a> = members::BoxedQuery<'a, MultiBackend>;

fn in_reach<'a>(q: Boxed<'a>, reach: &Reach) -> Boxed<'a> {
    match reach {
        Reach::Region(r) => {
            q.filter(members::municipality_id.eq_any(crate::db::region_municipalities(r)))
        }
        Reach::Municipality(m) => q.filter(members::municipality_id.eq(m.clone())),
        Reach::School(_) | Reach::Own(_) => q.filter(members::id.eq("")),
    }
}

/// Members approved on `d` and not excluded by then.
fn approved_on_date<'a>(q: Boxed<'a>, d: NaiveDate) -> Boxed<'a> {
    q.filter(members::approved_on.le(d)).filter(
        members::excluded_on
            .is_null()
            .or(members::excluded_on.gt(d)),
    )
}

fn filtered<'a>(reach: &Reach, f: &MemberFilter, year: Option<String>) -> Boxed<'a> {
    let mut q = in_reach(members::table.into_boxed(), reach);
    q = q.filter(members::archived_at.is_null());
    if let Some(y) = year {
        q = q.filter(members::academic_year_id.eq(y));
    }
    if let Some(m) = &f.municipality_id {
        q = q.filter(members::municipality_id.eq(m.clone()));
    }
    if let Some(s) = f.status {
        q = q.filter(members::status.eq(s.as_str()));
    }
    if let Some(s) = &f.subject_id {
        q = q.filter(
            members::id.eq_any(
                member_subjects::table
                    .filter(member_subjects::subject_id.eq(s.clone()))
                    .select(member_subjects::member_id),
            ),
        );
    }
    if let Some(text) = f.q.as_deref().filter(|s| !s.trim().is_empty()) {
        // The collation key is lower-cased and ё-folded, so it doubles as a search key.
        let key = collation_key(text);
        let primary = key.split('\u{1}').next().unwrap_or("").to_string();
        q = q.filter(members::name_sort.like(format!("%{primary}%")));
    }
    if let Some(d) = f.on_date {
        q = approved_on_date(q, d);
    }
    q
}

pub fn list_members(
    conn: &mut DbConn,
    user: &AuthUser,
    f: &MemberFilter,
) -> AppResult<Page<Member>> {
    let reach = user.reach(Resource::Composition, Action::Read)?;
    let limit = crate::db::page_limit(f.limit)?;
    let after = f.cursor.as_deref().map(Cursor::decode).transpose()?;
    let year = match &f.academic_year_id {
        Some(y) => Some(y.clone()),
        None => crate::db::academic_years::current(conn)?.map(|y| y.id),
    };
    let total: i64 = filtered(&reach, f, year.clone()).count().get_result(conn)?;
    let mut q = filtered(&reach, f, year);
    if let Some(c) = after {
        q = q.filter(
            members::name_sort
                .gt(c.k.clone())
                .or(members::name_sort.eq(c.k).and(members::id.gt(c.id))),
        );
    }
    let mut rows: Vec<MemberRow> = q
        .order((members::name_sort.asc(), members::id.asc()))
        .limit(limit + 1)
        .select(MemberRow::as_select())
        .load(conn)?;
    let more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    let next_cursor = if more {
        rows.last().map(|r| {
            Cursor {
                k: r.name_sort.clone(),
                id: r.id.clone(),
            }
            .encode()
        })
    } else {
        None
    };
    Ok(Page {
        items: to_members(conn, rows)?,
        total,
        next_cursor,
    })
}

fn find_row(conn: &mut DbConn, id: &str) -> AppResult<MemberRow> {
    members::table
        .find(id)
        .select(MemberRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| AppError::NotFound("Участник сообщества не найден".into()))
}

pub fn find_member(conn: &mut DbConn, id: &str) -> AppResult<Member> {
    let row = find_row(conn, id)?;
    Ok(to_members(conn, vec![row])?.remove(0))
}

/// Checks `action` on the member for the caller; returns the region.
fn check_member(
    conn: &mut DbConn,
    user: &AuthUser,
    m: &MemberRow,
    action: Action,
) -> AppResult<String> {
    crate::db::check_place(
        conn,
        user,
        Resource::Composition,
        action,
        &m.municipality_id,
        None,
    )
}

pub fn get_member(conn: &mut DbConn, user: &AuthUser, id: &str) -> AppResult<Member> {
    let row = find_row(conn, id)?;
    check_member(conn, user, &row, Action::Read)?;
    Ok(to_members(conn, vec![row])?.remove(0))
}

/// Checks the references of a member input within municipality `m`.
fn check_member_refs(conn: &mut DbConn, m: &str, i: &MemberInput) -> AppResult<()> {
    let mut errs = Vec::new();
    for (n, s) in i.subject_ids.iter().enumerate() {
        let ok: i64 = subjects::table
            .filter(subjects::id.eq(s))
            .filter(subjects::archived_at.is_null())
            .count()
            .get_result(conn)?;
        if ok == 0 {
            errs.push(FieldError::new(
                &format!("subject_ids[{n}]"),
                "invalid_reference",
                "Предмет не найден в справочнике",
            ));
        }
    }
    if let Some(s) = clean(&i.school_id) {
        let ok: i64 = schools::table
            .filter(schools::id.eq(&s))
            .filter(schools::municipality_id.eq(m))
            .filter(schools::archived_at.is_null())
            .count()
            .get_result(conn)?;
        if ok == 0 {
            errs.push(FieldError::new(
                "school_id",
                "invalid_reference",
                "Выберите действующую школу того же муниципалитета",
            ));
        }
    }
    if let Some(u) = clean(&i.user_id) {
        let ok: i64 = users::table
            .filter(users::id.eq(&u))
            .filter(users::municipality_id.eq(m))
            .filter(users::archived_at.is_null())
            .count()
            .get_result(conn)?;
        if ok == 0 {
            errs.push(FieldError::new(
                "user_id",
                "invalid_reference",
                "Пользователь не найден в этом муниципалитете",
            ));
        }
    }
    if errs.is_empty() {
        Ok(())
    } else {
        Err(AppError::Validation(errs))
    }
}

fn dedup(ids: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for i in ids.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        if !out.iter().any(|o| o == i) {
            out.push(i.to_string());
        }
    }
    out
}

fn set_subjects(conn: &mut DbConn, member_id: &str, ids: &[String]) -> AppResult<()> {
    diesel::delete(member_subjects::table.filter(member_subjects::member_id.eq(member_id)))
        .execute(conn)?;
    for (n, s) in dedup(ids).iter().enumerate() {
        diesel::insert_into(member_subjects::table)
            .values((
                member_subjects::member_id.eq(member_id),
                member_subjects::subject_id.eq(s),
                member_subjects::ord.eq(n as i32),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Inserts a member without checks (for `create`, imports, nominations and demo data).
#[allow(clippy::too_many_arguments)]
pub fn insert_member(
    conn: &mut DbConn,
    actor: Option<&AuthUser>,
    id: &str,
    municipality_id: &str,
    academic_year_id: &str,
    i: &MemberInput,
    nomination_id: Option<&str>,
) -> AppResult<()> {
    let t = now();
    let who = actor.map(|a| a.id.clone());
    diesel::insert_into(members::table)
        .values((
            members::id.eq(id),
            members::municipality_id.eq(municipality_id),
            members::academic_year_id.eq(academic_year_id),
            members::user_id.eq(clean(&i.user_id)),
            members::full_name.eq(i.full_name.trim()),
            members::name_sort.eq(collation_key(&i.full_name)),
            members::level.eq(i.level.as_str()),
            members::position.eq(clean(&i.position)),
            members::school_id.eq(clean(&i.school_id)),
            members::workplace.eq(clean(&i.workplace)),
            members::status.eq(MemberStatus::Nominated.as_str()),
            members::nomination_id.eq(nomination_id),
            members::created_at.eq(t),
            members::updated_at.eq(t),
            members::created_by.eq(&who),
            members::updated_by.eq(&who),
            members::version.eq(1),
        ))
        .execute(conn)?;
    set_subjects(conn, id, &i.subject_ids)
}

pub fn create_member(conn: &mut DbConn, user: &AuthUser, input: &MemberInput) -> AppResult<Member> {
    let (m, region) = target_municipality(
        conn,
        user,
        Resource::Composition,
        Action::Create,
        input.municipality_id.as_deref(),
    )?;
    input.validate().map_err(AppError::Validation)?;
    let year = resolve_year(conn, input.academic_year_id.as_deref())?;
    check_member_refs(conn, &m, input)?;
    let id = new_id();
    insert_member(conn, Some(user), &id, &m, &year, input, None)?;
    let after = find_member(conn, &id)?;
    audit::record(
        conn,
        Some(user),
        "create",
        "member",
        &id,
        audit_scope(&region, &m),
        None,
        Some(&after),
    )?;
    Ok(after)
}

fn immutable() -> AppError {
    conflict(
        ProblemCode::CompositionApproved,
        "Участник уже утверждён приказом (или исключён): состав меняется только приказом о внесении изменений",
    )
}

pub fn update_member(
    conn: &mut DbConn,
    user: &AuthUser,
    id: &str,
    input: &MemberInput,
) -> AppResult<Member> {
    let row = find_row(conn, id)?;
    let region = check_member(conn, user, &row, Action::Update)?;
    if row.status()? != MemberStatus::Nominated {
        return Err(immutable());
    }
    input.validate().map_err(AppError::Validation)?;
    check_member_refs(conn, &row.municipality_id, input)?;
    let before = to_members(conn, vec![row.clone()])?.remove(0);
    let change = update_versioned(
        conn,
        input.version,
        row.version,
        before.clone(),
        |conn, v| {
            let n = set_versioned!(
                conn,
                members,
                id,
                v,
                &user.id,
                (
                    members::user_id.eq(clean(&input.user_id)),
                    members::full_name.eq(input.full_name.trim()),
                    members::name_sort.eq(collation_key(&input.full_name)),
                    members::level.eq(input.level.as_str()),
                    members::position.eq(clean(&input.position)),
                    members::school_id.eq(clean(&input.school_id)),
                    members::workplace.eq(clean(&input.workplace)),
                )
            )?;
            if n > 0 {
                set_subjects(conn, id, &input.subject_ids)?;
            }
            Ok(n)
        },
        |conn| find_member(conn, id),
    )?;
    let after = match change {
        Change::Unchanged(same) => return Ok(same),
        Change::Stored(after) => after,
    };
    audit::record(
        conn,
        Some(user),
        "update",
        "member",
        id,
        audit_scope(&region, &row.municipality_id),
        Some(&before),
        Some(&after),
    )?;
    Ok(after)
}

pub fn archive_member(conn: &mut DbConn, user: &AuthUser, id: &str) -> AppResult<Member> {
    let row = find_row(conn, id)?;
    let region = check_member(conn, user, &row, Action::Archive)?;
    if row.status()? != MemberStatus::Nominated {
        return Err(immutable());
    }
    if row.archived_at.is_some() {
        return find_member(conn, id);
    }
    let before = find_member(conn, id)?;
    if set_versioned!(
        conn,
        members,
        id,
        row.version,
        &user.id,
        (members::archived_at.eq(Some(now())),)
    )? == 0
    {
        return Err(AppError::version_conflict(row.version + 1));
    }
    let after = find_member(conn, id)?;
    audit::record(
        conn,
        Some(user),
        "archive",
        "member",
        id,
        audit_scope(&region, &row.municipality_id),
        Some(&before),
        Some(&after),
    )?;
    Ok(after)
}

// ---------------------------------------------------------------- orders

fn order_members(
    conn: &mut DbConn,
    order_id: &str,
) -> AppResult<(Vec<OrderMember>, Vec<OrderMember>)> {
    let approved = members::table
        .filter(members::approved_order_id.eq(order_id))
        .order((members::name_sort.asc(), members::id.asc()))
        .select((members::id, members::full_name))
        .load::<(String, String)>(conn)?
        .into_iter()
        .map(|(member_id, full_name)| OrderMember {
            member_id,
            full_name,
            reason: None,
        })
        .collect();
    let excluded = members::table
        .filter(members::excluded_order_id.eq(order_id))
        .order((members::name_sort.asc(), members::id.asc()))
        .select((members::id, members::full_name, members::exclusion_reason))
        .load::<(String, String, Option<String>)>(conn)?
        .into_iter()
        .map(|(member_id, full_name, reason)| OrderMember {
            member_id,
            full_name,
            reason,
        })
        .collect();
    Ok((approved, excluded))
}

fn to_order(conn: &mut DbConn, r: OrderRow) -> AppResult<CompositionOrder> {
    let (approved, excluded) = order_members(conn, &r.id)?;
    let file = crate::db::files::list(conn, crate::db::files::ORDER, &r.id)?.pop();
    Ok(CompositionOrder {
        file,
        kind: stored(&r.kind, "composition_orders.kind", OrderKind::parse)?,
        id: r.id,
        municipality_id: r.municipality_id,
        academic_year_id: r.academic_year_id,
        number: r.number,
        issued_on: r.issued_on,
        issuer: r.issuer,
        title: r.title,
        file_name: r.file_name,
        approved,
        excluded,
        meta: meta(
            r.created_at,
            r.updated_at,
            r.created_by,
            r.updated_by,
            r.archived_at,
            r.version,
        ),
    })
}

fn find_order(conn: &mut DbConn, id: &str) -> AppResult<OrderRow> {
    composition_orders::table
        .find(id)
        .select(OrderRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| AppError::NotFound("Приказ не найден".into()))
}

pub fn get_order(conn: &mut DbConn, user: &AuthUser, id: &str) -> AppResult<CompositionOrder> {
    let r = find_order(conn, id)?;
    crate::db::check_place(
        conn,
        user,
        Resource::Composition,
        Action::Read,
        &r.municipality_id,
        None,
    )?;
    to_order(conn, r)
}

pub fn list_orders(
    conn: &mut DbConn,
    user: &AuthUser,
    f: &OrderFilter,
) -> AppResult<Page<CompositionOrder>> {
    let reach = user.reach(Resource::Composition, Action::Read)?;
    let limit = crate::db::page_limit(f.limit)?;
    let after = f.cursor.as_deref().map(Cursor::decode).transpose()?;
    let filtered = || {
        let mut q = composition_orders::table.into_boxed::<MultiBackend>();
        q = match &reach {
            Reach::Region(r) => q.filter(
                composition_orders::municipality_id.eq_any(crate::db::region_municipalities(r)),
            ),
            Reach::Municipality(m) => q.filter(composition_orders::municipality_id.eq(m.clone())),
            Reach::School(_) | Reach::Own(_) => q.filter(composition_orders::id.eq("")),
        };
        if let Some(m) = &f.municipality_id {
            q = q.filter(composition_orders::municipality_id.eq(m.clone()));
        }
        if let Some(y) = &f.academic_year_id {
            q = q.filter(composition_orders::academic_year_id.eq(y.clone()));
        }
        q.filter(composition_orders::archived_at.is_null())
    };
    let total: i64 = filtered().count().get_result(conn)?;
    let mut q = filtered();
    if let Some(c) = after {
        let d = NaiveDate::parse_from_str(&c.k, "%Y-%m-%d").map_err(|_| {
            AppError::field(
                "cursor",
                "invalid_cursor",
                "Недействительный курсор страницы",
            )
        })?;
        q = q.filter(
            composition_orders::issued_on
                .lt(d)
                .or(composition_orders::issued_on
                    .eq(d)
                    .and(composition_orders::id.lt(c.id))),
        );
    }
    let rows: Vec<OrderRow> = q
        .order((
            composition_orders::issued_on.desc(),
            composition_orders::id.desc(),
        ))
        .limit(limit + 1)
        .select(OrderRow::as_select())
        .load(conn)?;
    let page = crate::db::finish_page(
        rows,
        limit,
        total,
        |r| Cursor {
            k: r.issued_on.format("%Y-%m-%d").to_string(),
            id: r.id.clone(),
        },
        |r| r,
    );
    let mut items = Vec::with_capacity(page.items.len());
    for r in page.items {
        items.push(to_order(conn, r)?);
    }
    Ok(Page {
        items,
        total: page.total,
        next_cursor: page.next_cursor,
    })
}

/// Inserts the order row (no checks).
#[allow(clippy::too_many_arguments)]
fn insert_order(
    conn: &mut DbConn,
    actor: Option<&AuthUser>,
    id: &str,
    m: &str,
    year: &str,
    i: &OrderInput,
) -> AppResult<()> {
    let t = now();
    let who = actor.map(|a| a.id.clone());
    diesel::insert_into(composition_orders::table)
        .values((
            composition_orders::id.eq(id),
            composition_orders::municipality_id.eq(m),
            composition_orders::academic_year_id.eq(year),
            composition_orders::kind.eq(i.kind.as_str()),
            composition_orders::number.eq(i.number.trim()),
            composition_orders::issued_on.eq(i.issued_on),
            composition_orders::issuer.eq(i.issuer.trim()),
            composition_orders::title.eq(i.title.trim()),
            composition_orders::file_name.eq(clean(&i.file_name)),
            composition_orders::created_at.eq(t),
            composition_orders::updated_at.eq(t),
            composition_orders::created_by.eq(&who),
            composition_orders::updated_by.eq(&who),
            composition_orders::version.eq(1),
        ))
        .execute(conn)?;
    Ok(())
}

/// Applies an order's approvals and exclusions (no checks).
fn apply_order(
    conn: &mut DbConn,
    actor: Option<&AuthUser>,
    order_id: &str,
    i: &OrderInput,
) -> AppResult<()> {
    let who = actor.map(|a| a.id.clone());
    for id in &i.approve_member_ids {
        diesel::update(members::table.find(id))
            .set((
                members::status.eq(MemberStatus::Approved.as_str()),
                members::approved_order_id.eq(Some(order_id)),
                members::approved_on.eq(Some(i.issued_on)),
                members::updated_at.eq(now()),
                members::updated_by.eq(&who),
                members::version.eq(members::version + 1),
            ))
            .execute(conn)?;
    }
    for x in &i.exclude {
        diesel::update(members::table.find(&x.member_id))
            .set((
                members::status.eq(MemberStatus::Excluded.as_str()),
                members::excluded_order_id.eq(Some(order_id)),
                members::excluded_on.eq(Some(i.issued_on)),
                members::exclusion_reason.eq(Some(x.reason.trim())),
                members::updated_at.eq(now()),
                members::updated_by.eq(&who),
                members::version.eq(members::version + 1),
            ))
            .execute(conn)?;
    }
    Ok(())
}

pub fn create_order(
    conn: &mut DbConn,
    user: &AuthUser,
    input: &OrderInput,
) -> AppResult<CompositionOrder> {
    let (m, region) = target_municipality(
        conn,
        user,
        Resource::Composition,
        Action::Create,
        input.municipality_id.as_deref(),
    )?;
    input.validate().map_err(AppError::Validation)?;
    let year = resolve_year(conn, input.academic_year_id.as_deref())?;
    let mut errs = Vec::new();
    let mut check = |field: String, id: &str, want: MemberStatus| -> AppResult<()> {
        let row = members::table
            .find(id)
            .select(MemberRow::as_select())
            .first(conn)
            .optional()?;
        let msg = match row {
            None => Some(("invalid_reference", "Участник не найден".to_string())),
            Some(r) if r.municipality_id != m || r.academic_year_id != year => Some((
                "wrong_scope",
                format!(
                    "{} — участник состава другого муниципалитета или учебного года",
                    r.full_name
                ),
            )),
            Some(r) if r.archived_at.is_some() => Some((
                "archived",
                format!("{} удалён из списка выдвинутых", r.full_name),
            )),
            Some(r) if r.status()? != want => Some(if want == MemberStatus::Nominated {
                (
                    "not_nominated",
                    format!("{} уже утверждён или исключён", r.full_name),
                )
            } else {
                (
                    "not_approved",
                    format!(
                        "Исключить можно только утверждённого участника ({})",
                        r.full_name
                    ),
                )
            }),
            Some(r)
                if want == MemberStatus::Approved
                    && r.approved_on.is_some_and(|d| d > input.issued_on) =>
            {
                Some((
                    "before_approval",
                    format!("Дата приказа раньше утверждения участника {} ", r.full_name),
                ))
            }
            Some(_) => None,
        };
        if let Some((code, message)) = msg {
            errs.push(FieldError::new(&field, code, message));
        }
        Ok(())
    };
    for (n, id) in input.approve_member_ids.iter().enumerate() {
        check(
            format!("approve_member_ids[{n}]"),
            id,
            MemberStatus::Nominated,
        )?;
    }
    for (n, x) in input.exclude.iter().enumerate() {
        check(
            format!("exclude[{n}].member_id"),
            &x.member_id,
            MemberStatus::Approved,
        )?;
    }
    if !errs.is_empty() {
        return Err(AppError::Validation(errs));
    }
    let id = new_id();
    insert_order(conn, Some(user), &id, &m, &year, input)?;
    apply_order(conn, Some(user), &id, input)?;
    let row = find_order(conn, &id)?;
    let after = to_order(conn, row)?;
    audit::record(
        conn,
        Some(user),
        "create",
        "composition_order",
        &id,
        audit_scope(&region, &m),
        None,
        Some(&after),
    )?;
    Ok(after)
}

// ---------------------------------------------------------------- nominations

fn to_nominations(conn: &mut DbConn, rows: Vec<NominationRow>) -> AppResult<Vec<Nomination>> {
    let s = school_names(conn, rows.iter().map(|r| r.school_id.clone()).collect())?;
    let ids: Vec<String> = rows.iter().map(|r| r.subject_id.clone()).collect();
    let subj: HashMap<String, String> = if ids.is_empty() {
        HashMap::new()
    } else {
        subjects::table
            .filter(subjects::id.eq_any(ids))
            .select((subjects::id, subjects::name))
            .load::<(String, String)>(conn)?
            .into_iter()
            .collect()
    };
    rows.into_iter()
        .map(|r| -> AppResult<Nomination> {
            Ok(Nomination {
                school_name: s.get(&r.school_id).cloned().unwrap_or_default(),
                subject_name: subj.get(&r.subject_id).cloned().unwrap_or_default(),
                status: stored(&r.status, "nominations.status", NominationStatus::parse)?,
                id: r.id,
                municipality_id: r.municipality_id,
                academic_year_id: r.academic_year_id,
                school_id: r.school_id,
                teacher_user_id: r.teacher_user_id,
                full_name: r.full_name,
                subject_id: r.subject_id,
                position: r.position,
                is_current_teacher: r.is_current_teacher,
                experience_years: r.experience_years,
                achievements: r.achievements,
                has_authority: r.has_authority,
                ready_to_help: r.ready_to_help,
                justification: r.justification,
                decision_reason: r.decision_reason,
                decided_by: r.decided_by,
                decided_at: r.decided_at.map(|t| t.and_utc()),
                member_id: r.member_id,
                meta: meta(
                    r.created_at,
                    r.updated_at,
                    r.created_by,
                    r.updated_by,
                    r.archived_at,
                    r.version,
                ),
            })
        })
        .collect::<AppResult<Vec<_>>>()
}

fn find_nomination_row(conn: &mut DbConn, id: &str) -> AppResult<NominationRow> {
    nominations::table
        .find(id)
        .select(NominationRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| AppError::NotFound("Выдвижение не найдено".into()))
}

fn find_nomination(conn: &mut DbConn, id: &str) -> AppResult<Nomination> {
    let r = find_nomination_row(conn, id)?;
    Ok(to_nominations(conn, vec![r])?.remove(0))
}

fn check_nomination(
    conn: &mut DbConn,
    user: &AuthUser,
    r: &NominationRow,
    action: Action,
) -> AppResult<String> {
    crate::db::check_place(
        conn,
        user,
        Resource::Nomination,
        action,
        &r.municipality_id,
        Some(&r.school_id),
    )
}

pub fn get_nomination(conn: &mut DbConn, user: &AuthUser, id: &str) -> AppResult<Nomination> {
    let r = find_nomination_row(conn, id)?;
    check_nomination(conn, user, &r, Action::Read)?;
    Ok(to_nominations(conn, vec![r])?.remove(0))
}

pub fn list_nominations(
    conn: &mut DbConn,
    user: &AuthUser,
    f: &NominationFilter,
) -> AppResult<Page<Nomination>> {
    let reach = user.reach(Resource::Nomination, Action::Read)?;
    let limit = crate::db::page_limit(f.limit)?;
    let after = f.cursor.as_deref().map(Cursor::decode).transpose()?;
    let filtered = || {
        let mut q = nominations::table.into_boxed::<MultiBackend>();
        q = match &reach {
            Reach::Region(r) => {
                q.filter(nominations::municipality_id.eq_any(crate::db::region_municipalities(r)))
            }
            Reach::Municipality(m) => q.filter(nominations::municipality_id.eq(m.clone())),
            Reach::School(s) => q.filter(nominations::school_id.eq(s.clone())),
            Reach::Own(_) => q.filter(nominations::id.eq("")),
        };
        if let Some(s) = f.status {
            q = q.filter(nominations::status.eq(s.as_str()));
        }
        if let Some(s) = &f.school_id {
            q = q.filter(nominations::school_id.eq(s.clone()));
        }
        if let Some(y) = &f.academic_year_id {
            q = q.filter(nominations::academic_year_id.eq(y.clone()));
        }
        q.filter(nominations::archived_at.is_null())
    };
    let total: i64 = filtered().count().get_result(conn)?;
    let mut q = filtered();
    if let Some(c) = after {
        q = q.filter(nominations::id.lt(c.id));
    }
    let rows: Vec<NominationRow> = q
        .order(nominations::id.desc())
        .limit(limit + 1)
        .select(NominationRow::as_select())
        .load(conn)?;
    let page = crate::db::finish_page(
        rows,
        limit,
        total,
        |r| Cursor {
            k: String::new(),
            id: r.id.clone(),
        },
        |r| r,
    );
    Ok(Page {
        items: to_nominations(conn, page.items)?,
        total: page.total,
        next_cursor: page.next_cursor,
    })
}

/// Inserts a nomination without checks (for `create_nomination` and demo data).
#[allow(clippy::too_many_arguments)]
fn insert_nomination(
    conn: &mut DbConn,
    actor: Option<&AuthUser>,
    id: &str,
    m: &str,
    year: &str,
    school: &str,
    full_name: &str,
    i: &NominationInput,
) -> AppResult<()> {
    let t = now();
    let who = actor.map(|a| a.id.clone());
    diesel::insert_into(nominations::table)
        .values((
            nominations::id.eq(id),
            nominations::municipality_id.eq(m),
            nominations::academic_year_id.eq(year),
            nominations::school_id.eq(school),
            nominations::teacher_user_id.eq(clean(&i.teacher_user_id)),
            nominations::full_name.eq(full_name.trim()),
            nominations::subject_id.eq(i.subject_id.trim()),
            nominations::position.eq(clean(&i.position)),
            nominations::is_current_teacher.eq(i.is_current_teacher),
            nominations::experience_years.eq(i.experience_years),
            nominations::achievements.eq(clean(&i.achievements)),
            nominations::has_authority.eq(i.has_authority),
            nominations::ready_to_help.eq(i.ready_to_help),
            nominations::justification.eq(i.justification.trim()),
            nominations::status.eq(NominationStatus::Pending.as_str()),
            nominations::created_at.eq(t),
            nominations::updated_at.eq(t),
            nominations::created_by.eq(&who),
            nominations::updated_by.eq(&who),
            nominations::version.eq(1),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn create_nomination(
    conn: &mut DbConn,
    user: &AuthUser,
    input: &NominationInput,
) -> AppResult<Nomination> {
    user.reach(Resource::Nomination, Action::Create)?;
    input.validate().map_err(AppError::Validation)?;
    let school_id = clean(&input.school_id)
        .or_else(|| user.school_id.clone())
        .ok_or_else(|| AppError::field("school_id", "required", "Выберите школу"))?;
    let school = crate::db::schools::find(conn, &school_id)
        .map_err(|_| AppError::field("school_id", "invalid_reference", "Школа не найдена"))?;
    let region = crate::db::check_place(
        conn,
        user,
        Resource::Nomination,
        Action::Create,
        &school.municipality_id,
        Some(&school.id),
    )?;
    let year = resolve_year(conn, input.academic_year_id.as_deref())?;
    let mut errs = Vec::new();
    let mut full_name = input.full_name.clone().unwrap_or_default();
    if let Some(t) = clean(&input.teacher_user_id) {
        let teacher: Option<(String, Option<String>, String)> = users::table
            .find(&t)
            .filter(users::archived_at.is_null())
            .select((users::full_name, users::school_id, users::role))
            .first(conn)
            .optional()?;
        match teacher {
            Some((name, Some(s), role)) if s == school.id && role == Role::Teacher.as_str() => {
                if full_name.trim().is_empty() {
                    full_name = name;
                }
            }
            _ => errs.push(FieldError::new(
                "teacher_user_id",
                "invalid_reference",
                "Выберите учителя этой школы",
            )),
        }
    }
    let subject_ok: i64 = subjects::table
        .filter(subjects::id.eq(input.subject_id.trim()))
        .filter(subjects::archived_at.is_null())
        .count()
        .get_result(conn)?;
    if subject_ok == 0 {
        errs.push(FieldError::new(
            "subject_id",
            "invalid_reference",
            "Предмет не найден в справочнике",
        ));
    }
    if !errs.is_empty() {
        return Err(AppError::Validation(errs));
    }
    let id = new_id();
    insert_nomination(
        conn,
        Some(user),
        &id,
        &school.municipality_id,
        &year,
        &school.id,
        &full_name,
        input,
    )?;
    let after = find_nomination(conn, &id)?;
    audit::record(
        conn,
        Some(user),
        "create",
        "nomination",
        &id,
        audit_scope(&region, &school.municipality_id),
        None,
        Some(&after),
    )?;
    Ok(after)
}

pub fn decide_nomination(
    conn: &mut DbConn,
    user: &AuthUser,
    id: &str,
    d: &NominationDecision,
) -> AppResult<Nomination> {
    let r = find_nomination_row(conn, id)?;
    let region = check_nomination(conn, user, &r, Action::Update)?;
    if r.status != NominationStatus::Pending.as_str() {
        return Err(conflict(
            ProblemCode::AlreadyDecided,
            "Решение по выдвижению уже принято",
        ));
    }
    d.validate().map_err(AppError::Validation)?;
    let before = to_nominations(conn, vec![r])?.remove(0);
    let mut member_id = None;
    if d.approve {
        let mid = new_id();
        let input = MemberInput {
            municipality_id: None,
            academic_year_id: None,
            user_id: before.teacher_user_id.clone(),
            full_name: before.full_name.clone(),
            subject_ids: vec![before.subject_id.clone()],
            level: d.level.unwrap_or(TutorLevel::Municipal),
            position: before.position.clone(),
            school_id: Some(before.school_id.clone()),
            workplace: None,
            version: None,
        };
        insert_member(
            conn,
            Some(user),
            &mid,
            &before.municipality_id,
            &before.academic_year_id,
            &input,
            Some(id),
        )?;
        let m = find_member(conn, &mid)?;
        audit::record(
            conn,
            Some(user),
            "create",
            "member",
            &mid,
            audit_scope(&region, &before.municipality_id),
            None,
            Some(&m),
        )?;
        member_id = Some(mid);
    }
    let status = if d.approve {
        NominationStatus::Approved
    } else {
        NominationStatus::Declined
    };
    let t = now();
    let n = diesel::update(
        nominations::table
            .find(id)
            .filter(nominations::status.eq(NominationStatus::Pending.as_str())),
    )
    .set((
        nominations::status.eq(status.as_str()),
        nominations::decision_reason.eq(clean(&d.reason)),
        nominations::decided_by.eq(Some(&user.id)),
        nominations::decided_at.eq(Some(t)),
        nominations::member_id.eq(&member_id),
        nominations::updated_at.eq(t),
        nominations::updated_by.eq(&user.id),
        nominations::version.eq(before.meta.version + 1),
    ))
    .execute(conn)?;
    if n == 0 {
        return Err(conflict(
            ProblemCode::AlreadyDecided,
            "Решение по выдвижению уже принято",
        ));
    }
    let after = find_nomination(conn, id)?;
    audit::record(
        conn,
        Some(user),
        if d.approve { "approve" } else { "decline" },
        "nomination",
        id,
        audit_scope(&region, &before.municipality_id),
        Some(&before),
        Some(&after),
    )?;
    Ok(after)
}

// ---------------------------------------------------------------- attachments

pub fn list_attachments(
    conn: &mut DbConn,
    user: &AuthUser,
    member_id: &str,
) -> AppResult<Vec<Attachment>> {
    let row = find_row(conn, member_id)?;
    check_member(conn, user, &row, Action::Read)?;
    attachments_of(conn, vec![row.id])
}

fn find_attachment(conn: &mut DbConn, id: &str) -> AppResult<AttachmentRow> {
    attachments::table
        .find(id)
        .select(AttachmentRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| AppError::NotFound("Закрепление не найдено".into()))
}

fn attachment(conn: &mut DbConn, id: &str) -> AppResult<Attachment> {
    let r = find_attachment(conn, id)?;
    Ok(to_attachments(conn, vec![r])?.remove(0))
}

pub fn create_attachment(
    conn: &mut DbConn,
    user: &AuthUser,
    member_id: &str,
    input: &AttachmentInput,
) -> AppResult<Attachment> {
    let row = find_row(conn, member_id)?;
    let region = check_member(conn, user, &row, Action::Create)?;
    input.validate().map_err(AppError::Validation)?;
    if row.status()? != MemberStatus::Approved || row.archived_at.is_some() {
        return Err(conflict(
            ProblemCode::MemberNotApproved,
            "Закрепить можно только утверждённого приказом тьютора",
        ));
    }
    let school = clean(&input.school_id);
    let teacher = clean(&input.teacher_user_id);
    if let Some(s) = &school {
        let ok: i64 = schools::table
            .filter(schools::id.eq(s))
            .filter(schools::municipality_id.eq(&row.municipality_id))
            .filter(schools::archived_at.is_null())
            .count()
            .get_result(conn)?;
        if ok == 0 {
            return Err(AppError::field(
                "school_id",
                "invalid_reference",
                "Выберите действующую школу того же муниципалитета",
            ));
        }
    }
    if let Some(t) = &teacher {
        let ok: i64 = users::table
            .filter(users::id.eq(t))
            .filter(users::municipality_id.eq(&row.municipality_id))
            .filter(users::role.eq(Role::Teacher.as_str()))
            .filter(users::archived_at.is_null())
            .count()
            .get_result(conn)?;
        if ok == 0 {
            return Err(AppError::field(
                "teacher_user_id",
                "invalid_reference",
                "Выберите учителя того же муниципалитета",
            ));
        }
    }
    let dup: i64 = attachments::table
        .filter(attachments::member_id.eq(member_id))
        .filter(attachments::archived_at.is_null())
        .filter(
            attachments::school_id
                .eq(school.clone().unwrap_or_default())
                .or(attachments::teacher_user_id.eq(teacher.clone().unwrap_or_default())),
        )
        .count()
        .get_result(conn)?;
    if dup > 0 {
        return Err(conflict(
            ProblemCode::AlreadyExists,
            "Тьютор уже закреплён за этой школой или учителем",
        ));
    }
    let id = new_id();
    let t = now();
    diesel::insert_into(attachments::table)
        .values((
            attachments::id.eq(&id),
            attachments::member_id.eq(member_id),
            attachments::school_id.eq(&school),
            attachments::teacher_user_id.eq(&teacher),
            attachments::created_at.eq(t),
            attachments::updated_at.eq(t),
            attachments::created_by.eq(Some(&user.id)),
            attachments::updated_by.eq(Some(&user.id)),
            attachments::version.eq(1),
        ))
        .execute(conn)?;
    let after = attachment(conn, &id)?;
    audit::record(
        conn,
        Some(user),
        "create",
        "attachment",
        &id,
        audit_scope(&region, &row.municipality_id),
        None,
        Some(&after),
    )?;
    Ok(after)
}

pub fn archive_attachment(conn: &mut DbConn, user: &AuthUser, id: &str) -> AppResult<Attachment> {
    let a = find_attachment(conn, id)?;
    let row = find_row(conn, &a.member_id)?;
    let region = check_member(conn, user, &row, Action::Archive)?;
    if a.archived_at.is_some() {
        return attachment(conn, id);
    }
    let before = attachment(conn, id)?;
    if set_versioned!(
        conn,
        attachments,
        id,
        a.version,
        Some(&user.id),
        (attachments::archived_at.eq(Some(now())),)
    )? == 0
    {
        return Err(AppError::version_conflict(a.version + 1));
    }
    let after = attachment(conn, id)?;
    audit::record(
        conn,
        Some(user),
        "archive",
        "attachment",
        id,
        audit_scope(&region, &row.municipality_id),
        Some(&before),
        Some(&after),
    )?;
    Ok(after)
}

// ---------------------------------------------------------------- export rows

/// Members approved and not excluded on `d`, for the export.
pub fn approved_members(
    conn: &mut DbConn,
    m: &str,
    year: &str,
    d: NaiveDate,
) -> AppResult<Vec<Member>> {
    let mut q = members::table.into_boxed::<MultiBackend>();
    q = q
        .filter(members::municipality_id.eq(m.to_string()))
        .filter(members::academic_year_id.eq(year.to_string()))
        .filter(members::archived_at.is_null());
    q = approved_on_date(q, d);
    let rows: Vec<MemberRow> = q
        .order((members::name_sort.asc(), members::id.asc()))
        .select(MemberRow::as_select())
        .load(conn)?;
    to_members(conn, rows)
}

// ---------------------------------------------------------------- demo data

/// The demo composition of Лесогорский район for the current year (invented people):
/// an approving order with four members (the demo tutor among them), one more member
/// nominated, and one pending nomination from the demo school administrator's school.
pub fn load_demo(conn: &mut DbConn, municipality_id: &str) -> AppResult<()> {
    let Some(year) = crate::db::academic_years::current(conn)? else {
        return Ok(());
    };
    let subject = |conn: &mut DbConn, name: &str| -> AppResult<String> {
        Ok(subjects::table
            .filter(subjects::name.eq(name))
            .select(subjects::id)
            .first(conn)?)
    };
    let school = |conn: &mut DbConn, short: &str| -> AppResult<Option<String>> {
        Ok(schools::table
            .filter(schools::municipality_id.eq(municipality_id))
            .filter(schools::short_name.eq(short))
            .select(schools::id)
            .first(conn)
            .optional()?)
    };
    let user = |conn: &mut DbConn, email: &str| -> AppResult<Option<(String, Option<String>)>> {
        Ok(users::table
            .filter(users::email.eq(email))
            .select((users::id, users::school_id))
            .first(conn)
            .optional()?)
    };
    let tutor = user(conn, "tutor@tutornet.local")?;
    let sch1 = school(conn, "МБОУ СОШ № 1")?;
    let people: [(&str, &str, &str, &str, Option<String>); 5] = [
        (
            "Кедров Алексей Павлович",
            "Математика",
            "учитель математики",
            "МБОУ СОШ № 1",
            tutor.as_ref().map(|t| t.0.clone()),
        ),
        (
            "Рябинина Светлана Олеговна",
            "Русский язык",
            "учитель русского языка и литературы",
            "МБОУ гимназия № 11",
            None,
        ),
        (
            "Тополев Денис Маркович",
            "История",
            "учитель истории и обществознания",
            "МОБУ СОШ № 14",
            None,
        ),
        (
            "Ольховская Нина Ильинична",
            "Физика",
            "учитель физики",
            "МБОУ СОШ № 5",
            None,
        ),
        (
            "Черёмухин Роман Витальевич",
            "Химия",
            "учитель химии",
            "МОБУ СОШ № 6",
            None,
        ),
    ];
    let mut ids = Vec::new();
    for (name, subj, position, short, user_id) in people {
        let s = subject(conn, subj)?;
        let school_id = if short == "МБОУ СОШ № 1" {
            sch1.clone()
        } else {
            school(conn, short)?
        };
        let id = new_id();
        insert_member(
            conn,
            None,
            &id,
            municipality_id,
            &year.id,
            &MemberInput {
                municipality_id: None,
                academic_year_id: None,
                user_id,
                full_name: name.into(),
                subject_ids: vec![s],
                level: TutorLevel::Municipal,
                position: Some(position.into()),
                school_id,
                workplace: None,
                version: None,
            },
            None,
        )?;
        ids.push(id);
    }
    // The last one stays nominated.
    ids.pop();
    let order = OrderInput {
        municipality_id: None,
        academic_year_id: None,
        kind: OrderKind::Approve,
        number: "01-03/17".into(),
        issued_on: NaiveDate::from_ymd_opt(2026, 9, 1).unwrap_or_default(),
        issuer: "МКУ ИМЦ".into(),
        title: "Об утверждении состава муниципального сообщества тьюторов".into(),
        file_name: None,
        approve_member_ids: ids,
        exclude: Vec::new(),
    };
    let order_id = new_id();
    insert_order(conn, None, &order_id, municipality_id, &year.id, &order)?;
    apply_order(conn, None, &order_id, &order)?;
    // A pending nomination from the school administrator's school.
    if let Some((_, Some(sa_school))) = user(conn, "school-admin@tutornet.local")? {
        let s = subject(conn, "Биология")?;
        let input = NominationInput {
            school_id: Some(sa_school.clone()),
            academic_year_id: None,
            teacher_user_id: None,
            full_name: Some("Лиственная Дарья Семёновна".into()),
            subject_id: s,
            position: Some("учитель биологии".into()),
            is_current_teacher: true,
            experience_years: 14,
            achievements: Some(
                "Ученики — призёры муниципального этапа олимпиады по биологии; эксперт ОГЭ".into(),
            ),
            has_authority: true,
            ready_to_help: true,
            justification: "Высокие результаты ОГЭ по биологии три года подряд, руководит ШМО естественных наук".into(),
        };
        insert_nomination(
            conn,
            None,
            &new_id(),
            municipality_id,
            &year.id,
            &sa_school,
            "Лиственная Дарья Семёновна",
            &input,
        )?;
    }
    Ok(())
}
