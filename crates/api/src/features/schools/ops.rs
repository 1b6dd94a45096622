//! Schools (общеобразовательные организации) and their support flags.

use crate::auth::{AuthUser, Place, Reach};
use crate::error::{AppError, AppResult};
use crate::store::audit::Scope;
use crate::store::conn::DbConn;
use crate::store::conn::MultiBackend;
use crate::store::page::{like_pattern, Cursor};
use crate::store::record::{new_id, Found};
use crate::store::schema::schools;
use crate::store::{update_audited, Audit};
use crate::{archive_versioned, bookkeeping, by_name_after, new_bookkeeping, set_versioned};
use diesel::prelude::*;
use tutornet_domain::audit::AuditEntity;
use tutornet_domain::org::{School, SchoolFilter, SchoolInput};
use tutornet_domain::permissions::{Action, Resource, Role};
use tutornet_domain::text::{collation_key, search_key};
use tutornet_domain::Page;

bookkeeping!(SchoolBook, schools);

#[derive(Queryable, Selectable)]
#[diesel(table_name = schools)]
pub struct SchoolRow {
    pub id: String,
    pub municipality_id: String,
    pub full_name: String,
    pub short_name: String,
    pub name_sort: String,
    pub address: Option<String>,
    pub is_low_results: bool,
    pub is_difficult_conditions: bool,
    pub is_500plus: bool,
    pub is_mentor: bool,
    pub mentor_school_id: Option<String>,
    #[diesel(embed)]
    pub book: SchoolBook,
}

impl From<SchoolRow> for School {
    fn from(r: SchoolRow) -> School {
        School {
            id: r.id,
            municipality_id: r.municipality_id,
            full_name: r.full_name,
            short_name: r.short_name,
            address: r.address,
            is_low_results: r.is_low_results,
            is_difficult_conditions: r.is_difficult_conditions,
            is_500plus: r.is_500plus,
            is_mentor: r.is_mentor,
            mentor_school_id: r.mentor_school_id,
            meta: r.book.into(),
        }
    }
}

/// The columns a school's input sets, on insert and on update alike.
#[derive(Insertable, AsChangeset)]
#[diesel(table_name = schools, treat_none_as_null = true)]
struct SchoolFields<'a> {
    full_name: &'a str,
    short_name: &'a str,
    name_sort: String,
    search: String,
    address: Option<String>,
    is_low_results: bool,
    is_difficult_conditions: bool,
    is_500plus: bool,
    is_mentor: bool,
    mentor_school_id: Option<&'a str>,
}

impl<'a> From<&'a SchoolInput> for SchoolFields<'a> {
    fn from(i: &'a SchoolInput) -> Self {
        SchoolFields {
            full_name: i.full_name.trim(),
            short_name: i.short_name.trim(),
            name_sort: sort_key(i),
            search: search_text(i),
            address: clean(&i.address),
            is_low_results: i.is_low_results,
            is_difficult_conditions: i.is_difficult_conditions,
            is_500plus: i.is_500plus,
            is_mentor: i.is_mentor,
            mentor_school_id: i.mentor_school_id.as_deref(),
        }
    }
}

/// Sort key: the short name first (what people call the school), then the full name.
fn sort_key(i: &SchoolInput) -> String {
    collation_key(&format!("{} {}", i.short_name, i.full_name))
}

fn search_text(i: &SchoolInput) -> String {
    search_key(&format!(
        "{} | {} | {}",
        i.short_name,
        i.full_name,
        i.address.as_deref().unwrap_or("")
    ))
}

type Boxed<'a> = schools::BoxedQuery<'a, MultiBackend>;

fn in_reach<'a>(mut q: Boxed<'a>, reach: &Reach) -> Boxed<'a> {
    q = crate::in_reach!(
        q, reach,
        region: (via schools::municipality_id),
        municipality: (schools::municipality_id),
        school: (schools::id),
        own: (nothing),
    );
    q
}

fn filtered<'a>(reach: &Reach, f: &SchoolFilter) -> Boxed<'a> {
    let mut q = in_reach(schools::table.into_boxed(), reach);
    if let Some(text) = f.q.as_deref().filter(|s| !s.trim().is_empty()) {
        q = q.filter(schools::search.like(like_pattern(text)).escape('\\'));
    }
    if let Some(m) = &f.municipality_id {
        q = q.filter(schools::municipality_id.eq(m.clone()));
    }
    if let Some(v) = f.is_low_results {
        q = q.filter(schools::is_low_results.eq(v));
    }
    if let Some(v) = f.is_difficult_conditions {
        q = q.filter(schools::is_difficult_conditions.eq(v));
    }
    if let Some(v) = f.is_500plus {
        q = q.filter(schools::is_500plus.eq(v));
    }
    if let Some(v) = f.is_mentor {
        q = q.filter(schools::is_mentor.eq(v));
    }
    if !f.include_archived.unwrap_or(false) {
        q = q.filter(schools::archived_at.is_null());
    }
    q
}

pub fn list(conn: &mut DbConn, reach: &Reach, f: &SchoolFilter) -> AppResult<Page<School>> {
    let limit = crate::store::page::page_limit(f.limit)?;
    let desc = crate::store::page::sort_desc(f.sort.as_deref())?;
    let after = f.cursor.as_deref().map(Cursor::decode).transpose()?;
    let total: i64 = filtered(reach, f).count().get_result(conn)?;
    let q = by_name_after!(filtered(reach, f), schools, desc, after);
    let rows: Vec<SchoolRow> = q
        .limit(limit + 1)
        .select(SchoolRow::as_select())
        .load(conn)?;
    Ok(crate::store::page::finish_page(
        rows,
        limit,
        total,
        |r| Cursor::new(r.name_sort.as_str(), &r.id),
        School::from,
    ))
}

pub fn find(conn: &mut DbConn, id: &str) -> AppResult<School> {
    schools::table
        .find(id)
        .select(SchoolRow::as_select())
        .first(conn)
        .found("Школа не найдена")
}

/// Checks `action` on the school for the caller.
pub fn check(conn: &mut DbConn, user: &AuthUser, s: &School, action: Action) -> AppResult<String> {
    crate::access::places::check_place(
        conn,
        user,
        Resource::School,
        action,
        &s.municipality_id,
        Some(&s.id),
    )
}

pub fn get(conn: &mut DbConn, user: &AuthUser, id: &str) -> AppResult<School> {
    let s = find(conn, id)?;
    check(conn, user, &s, Action::Read)?;
    Ok(s)
}

/// The mentor school must exist, be in the same municipality and be a mentor school.
fn check_mentor(conn: &mut DbConn, input: &SchoolInput, self_id: Option<&str>) -> AppResult<()> {
    let Some(mid) = &input.mentor_school_id else {
        return Ok(());
    };
    if Some(mid.as_str()) == self_id {
        return Err(AppError::field(
            "mentor_school_id",
            "invalid_reference",
            "Школа не может быть наставником самой себе",
        ));
    }
    match find(conn, mid) {
        Ok(m)
            if m.municipality_id == input.municipality_id
                && m.is_mentor
                && m.meta.archived_at.is_none() =>
        {
            Ok(())
        }
        _ => Err(AppError::field(
            "mentor_school_id",
            "invalid_reference",
            "Выберите действующую школу-наставника того же муниципалитета",
        )),
    }
}

pub fn create(conn: &mut DbConn, user: &AuthUser, input: &SchoolInput) -> AppResult<School> {
    let reach = user.reach(Resource::School, Action::Create)?;
    input.validate().map_err(AppError::Validation)?;
    let region =
        crate::access::places::region_of(conn, &input.municipality_id)?.ok_or_else(|| {
            AppError::field(
                "municipality_id",
                "invalid_reference",
                "Муниципалитет не найден",
            )
        })?;
    let place = Place {
        region_id: &region,
        municipality_id: Some(&input.municipality_id),
        ..Default::default()
    };
    if !reach.covers(&place) {
        return Err(AppError::field(
            "municipality_id",
            "out_of_scope",
            "Можно добавлять школы только своего муниципалитета",
        ));
    }
    check_mentor(conn, input, None)?;
    let id = new_id();
    insert(conn, Some(user), &id, input)?;
    let after = find(conn, &id)?;
    audit(user, &id, &region, &after).created(conn, &after)?;
    Ok(after)
}

/// Inserts without checks (for `demo`, bench data and `create`).
pub fn insert(
    conn: &mut DbConn,
    actor: Option<&AuthUser>,
    id: &str,
    i: &SchoolInput,
) -> AppResult<()> {
    diesel::insert_into(schools::table)
        .values((
            schools::id.eq(id),
            schools::municipality_id.eq(&i.municipality_id),
            SchoolFields::from(i),
            new_bookkeeping!(schools, actor.map(|a| a.id.clone())),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn clean(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

pub fn update(
    conn: &mut DbConn,
    user: &AuthUser,
    id: &str,
    input: &SchoolInput,
) -> AppResult<School> {
    let before = find(conn, id)?;
    let region = check(conn, user, &before, Action::Update)?;
    let mut input = input.clone();
    // A school does not move between municipalities.
    input.municipality_id = before.municipality_id.clone();
    input.validate().map_err(AppError::Validation)?;
    if user.role == Role::SchoolAdmin && input.changes_flags(&before) {
        return Err(AppError::Forbidden(
            "Признаки ШНОР, ШССУ, «500+» и школы-наставника меняет координатор".into(),
        ));
    }
    check_mentor(conn, &input, Some(id))?;
    if !input.is_mentor && before.is_mentor {
        let mentees: i64 = schools::table
            .filter(schools::mentor_school_id.eq(id))
            .filter(schools::archived_at.is_null())
            .count()
            .get_result(conn)?;
        if mentees > 0 {
            return Err(AppError::field(
                "is_mentor",
                "has_mentees",
                format!("Школа сопровождает других ({mentees}); сначала снимите закрепление"),
            ));
        }
    }
    update_audited(
        conn,
        audit(user, id, &region, &before),
        input.version,
        before.meta.version,
        before.clone(),
        |conn, v| {
            let fields = SchoolFields::from(&input);
            Ok(set_versioned!(conn, schools, id, v, &user.id, (fields,))?)
        },
        |conn| find(conn, id),
    )
}

pub fn set_archived(
    conn: &mut DbConn,
    user: &AuthUser,
    id: &str,
    archived: bool,
) -> AppResult<School> {
    let before = find(conn, id)?;
    let region = check(conn, user, &before, Action::Archive)?;
    if archived == before.meta.archived_at.is_some() {
        return Ok(before);
    }
    archive_versioned!(
        conn,
        schools,
        audit(user, id, &region, &before),
        archived,
        before,
        |conn| find(conn, id)
    )
}

fn audit<'a>(user: &'a AuthUser, id: &'a str, region: &'a str, s: &'a School) -> Audit<'a> {
    Audit::new(
        user,
        AuditEntity::School,
        id,
        Scope::municipality(region, &s.municipality_id),
    )
}
