//! Queries on members and their subjects.

use super::policy::dedup;
use super::rows::MemberRow;
use crate::auth::{AuthUser, Reach};
use crate::error::{AppError, AppResult};
use crate::features::composition::attachments;
use crate::features::composition::shared::{self};
use crate::set_versioned;
use crate::store::conn::DbConn;
use crate::store::conn::MultiBackend;
use crate::store::page::Cursor;
use crate::store::record::now;
use crate::store::schema::{member_subjects, members, subjects};
use crate::store::stored;
use chrono::NaiveDate;
use diesel::prelude::*;
use std::collections::HashMap;
use tutornet_domain::composition::{
    Attachment, IdName, LevelBasis, Member, MemberFilter, MemberInput, MemberStatus, TutorCategory,
    TutorLevel, TutorSpecialisation,
};
use tutornet_domain::text::collation_key;

/// Rows → members with subjects, school names and attachments (batched).
pub(crate) fn to_members(conn: &mut DbConn, rows: Vec<MemberRow>) -> AppResult<Vec<Member>> {
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
    let schools = shared::school_names(
        conn,
        rows.iter().filter_map(|r| r.school_id.clone()).collect(),
    )?;
    let mut att: HashMap<String, Vec<Attachment>> = HashMap::new();
    for a in attachments::repo::of_members(conn, ids)? {
        att.entry(a.member_id.clone()).or_default().push(a);
    }
    rows.into_iter()
        .map(|r| -> AppResult<Member> {
            Ok(Member {
                subjects: subj.remove(&r.id).unwrap_or_default(),
                school_name: r.school_id.as_ref().and_then(|i| schools.get(i).cloned()),
                attachments: att.remove(&r.id).unwrap_or_default(),
                level: stored(&r.level, "members.level", TutorLevel::parse)?,
                level_basis: optional(&r.level_basis, "members.level_basis", LevelBasis::parse)?,
                level_document: r.level_document.clone(),
                specialisation: optional(
                    &r.specialisation,
                    "members.specialisation",
                    TutorSpecialisation::parse,
                )?,
                category: optional(&r.category, "members.category", TutorCategory::parse)?,
                list_number: r.list_number,
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
                meta: r.book.into(),
            })
        })
        .collect::<AppResult<Vec<_>>>()
}

/// A nullable stored enum: absent stays absent, an unknown value is an error.
fn optional<T>(
    v: &Option<String>,
    column: &str,
    parse: fn(&str) -> Option<T>,
) -> AppResult<Option<T>> {
    v.as_deref().map(|s| stored(s, column, parse)).transpose()
}

type Boxed<'a> = members::BoxedQuery<'a, MultiBackend>;

fn in_reach<'a>(q: Boxed<'a>, reach: &Reach) -> Boxed<'a> {
    crate::in_reach!(
        q, reach,
        region: (via members::municipality_id),
        municipality: (members::municipality_id),
        school: (nothing),
        own: (nothing),
    )
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

/// One page of members in `reach` by the filter: (total, up to `limit + 1` rows).
pub(crate) fn page(
    conn: &mut DbConn,
    reach: &Reach,
    f: &MemberFilter,
    year: Option<String>,
    after: Option<Cursor>,
    limit: i64,
) -> AppResult<(i64, Vec<MemberRow>)> {
    let total: i64 = filtered(reach, f, year.clone()).count().get_result(conn)?;
    let mut q = filtered(reach, f, year);
    if let Some(c) = after {
        q = q.filter(
            members::name_sort
                .gt(c.k.clone())
                .or(members::name_sort.eq(c.k).and(members::id.gt(c.id))),
        );
    }
    let rows = q
        .order((members::name_sort.asc(), members::id.asc()))
        .limit(limit + 1)
        .select(MemberRow::as_select())
        .load(conn)?;
    Ok((total, rows))
}

pub(crate) fn find_row(conn: &mut DbConn, id: &str) -> AppResult<MemberRow> {
    find_row_opt(conn, id)?
        .ok_or_else(|| AppError::NotFound("Участник сообщества не найден".into()))
}

pub(crate) fn find_row_opt(conn: &mut DbConn, id: &str) -> AppResult<Option<MemberRow>> {
    Ok(members::table
        .find(id)
        .select(MemberRow::as_select())
        .first(conn)
        .optional()?)
}

pub(crate) fn find_member(conn: &mut DbConn, id: &str) -> AppResult<Member> {
    let row = find_row(conn, id)?;
    Ok(to_members(conn, vec![row])?.remove(0))
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

/// Where a new member goes and who adds it.
pub(crate) struct NewMember<'a> {
    pub actor: Option<&'a AuthUser>,
    pub id: &'a str,
    pub municipality_id: &'a str,
    pub academic_year_id: &'a str,
    pub nomination_id: Option<&'a str>,
}

/// Inserts a member as nominated, without checks (for `create`, imports, nominations
/// and demo data).
pub(crate) fn insert(conn: &mut DbConn, to: &NewMember, i: &MemberInput) -> AppResult<()> {
    diesel::insert_into(members::table)
        .values((
            members::id.eq(to.id),
            members::municipality_id.eq(to.municipality_id),
            members::academic_year_id.eq(to.academic_year_id),
            MemberFields::from(i),
            members::status.eq(MemberStatus::Nominated.as_str()),
            members::nomination_id.eq(to.nomination_id),
            crate::new_bookkeeping!(members, to.actor.map(|a| a.id.clone())),
        ))
        .execute(conn)?;
    set_subjects(conn, to.id, &i.subject_ids)
}

/// The columns a member's input sets, on insert and on update alike.
#[derive(Insertable, AsChangeset)]
#[diesel(table_name = members, treat_none_as_null = true)]
struct MemberFields<'a> {
    user_id: Option<String>,
    full_name: &'a str,
    name_sort: String,
    level: &'a str,
    position: Option<String>,
    school_id: Option<String>,
    workplace: Option<String>,
    list_number: Option<i32>,
    level_basis: Option<&'a str>,
    level_document: Option<String>,
    specialisation: Option<&'a str>,
    category: Option<&'a str>,
}

impl<'a> From<&'a MemberInput> for MemberFields<'a> {
    fn from(i: &'a MemberInput) -> Self {
        let clean = shared::clean;
        MemberFields {
            user_id: clean(&i.user_id),
            full_name: i.full_name.trim(),
            name_sort: collation_key(&i.full_name),
            level: i.level.as_str(),
            position: clean(&i.position),
            school_id: clean(&i.school_id),
            workplace: clean(&i.workplace),
            list_number: i.list_number,
            level_basis: i.level_basis.map(LevelBasis::as_str),
            level_document: clean(&i.level_document),
            specialisation: i.specialisation.map(TutorSpecialisation::as_str),
            category: i.category.map(TutorCategory::as_str),
        }
    }
}

/// The versioned UPDATE of a member's fields and subjects for `expected`.
pub(crate) fn update(
    conn: &mut DbConn,
    user: &AuthUser,
    id: &str,
    expected: i32,
    i: &MemberInput,
) -> AppResult<usize> {
    let fields = MemberFields::from(i);
    let n = set_versioned!(conn, members, id, expected, &user.id, (fields,))?;
    if n > 0 {
        set_subjects(conn, id, &i.subject_ids)?;
    }
    Ok(n)
}

/// An order's move of member `id`: nominated → approved, or with an exclusion reason
/// approved → excluded; 0 rows when the member is not in the status it moves from.
pub(crate) fn move_by_order(
    conn: &mut DbConn,
    who: &Option<String>,
    id: &str,
    order_id: &str,
    on: NaiveDate,
    exclusion: Option<&str>,
) -> AppResult<usize> {
    let from = match exclusion {
        None => MemberStatus::Nominated,
        Some(_) => MemberStatus::Approved,
    };
    let row = members::table
        .find(id)
        .filter(members::status.eq(from.as_str()));
    let bookkeeping = (
        members::updated_at.eq(now()),
        members::updated_by.eq(who),
        members::version.eq(members::version + 1),
    );
    let n = match exclusion {
        None => diesel::update(row)
            .set((
                members::status.eq(MemberStatus::Approved.as_str()),
                members::approved_order_id.eq(Some(order_id)),
                members::approved_on.eq(Some(on)),
                bookkeeping,
            ))
            .execute(conn)?,
        Some(reason) => diesel::update(row)
            .set((
                members::status.eq(MemberStatus::Excluded.as_str()),
                members::excluded_order_id.eq(Some(order_id)),
                members::excluded_on.eq(Some(on)),
                members::exclusion_reason.eq(Some(reason)),
                bookkeeping,
            ))
            .execute(conn)?,
    };
    Ok(n)
}

/// (id, full name, exclusion reason) of the members an order approved or excluded.
pub(crate) fn of_order(
    conn: &mut DbConn,
    order_id: &str,
    excluded: bool,
) -> AppResult<Vec<(String, String, Option<String>)>> {
    let q = members::table
        .order((members::name_sort.asc(), members::id.asc()))
        .select((members::id, members::full_name, members::exclusion_reason));
    Ok(if excluded {
        q.filter(members::excluded_order_id.eq(order_id))
            .load(conn)?
    } else {
        q.filter(members::approved_order_id.eq(order_id))
            .load(conn)?
    })
}

/// Rows of the members approved and not excluded on `d`.
pub(crate) fn approved_on_rows(
    conn: &mut DbConn,
    m: &str,
    year: &str,
    d: NaiveDate,
) -> AppResult<Vec<MemberRow>> {
    let mut q = members::table.into_boxed::<MultiBackend>();
    q = q
        .filter(members::municipality_id.eq(m.to_string()))
        .filter(members::academic_year_id.eq(year.to_string()))
        .filter(members::archived_at.is_null());
    q = approved_on_date(q, d);
    Ok(q.order((members::name_sort.asc(), members::id.asc()))
        .select(MemberRow::as_select())
        .load(conn)?)
}

/// Members approved and not excluded on `d`, for the export.
pub(crate) fn approved_on(
    conn: &mut DbConn,
    m: &str,
    year: &str,
    d: NaiveDate,
) -> AppResult<Vec<Member>> {
    let rows = approved_on_rows(conn, m, year, d)?;
    to_members(conn, rows)
}
