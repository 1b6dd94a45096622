//! Operations on schools: create, edit (support flags by coordinators only), archive —
//! validated, authorised per object, written versioned and audited.

use super::repo::{find, insert};
use super::rows::SchoolFields;
use crate::auth::AuthUser;
use crate::error::{AppError, AppResult};
use crate::store::audit::Scope;
use crate::store::conn::DbConn;
use crate::store::record::new_id;
use crate::store::schema::schools;
use crate::store::{update_audited, Audit};
use crate::{archive_versioned, set_versioned};
use diesel::prelude::*;
use tutornet_domain::audit::AuditEntity;
use tutornet_domain::community::SchoolRef;
use tutornet_domain::org::{School, SchoolInput, SchoolSupport};
use tutornet_domain::permissions::{Action, Resource};

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
    let region = crate::access::places::check_new_in(
        conn,
        &reach,
        &input.municipality_id,
        "Можно добавлять школы только своего муниципалитета",
    )?;
    check_mentor(conn, input, None)?;
    let id = new_id();
    insert(conn, Some(user), &id, input)?;
    let after = find(conn, &id)?;
    audit(user, &id, &region, &after).created(conn, &after)?;
    if !after.flag_labels().is_empty() {
        super::flags::record_current(conn, user, &after)?;
    }
    find(conn, &id)
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
    let flags_change = input.changes_flags(&before);
    if flags_change {
        super::flags::may_change(user)?;
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
    let after = update_audited(
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
    )?;
    if flags_change {
        super::flags::record_current(conn, user, &after)?;
    }
    Ok(after)
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

/// Who supports the school (its attached tutors) and whom it supports (as a mentor).
pub fn support(conn: &mut DbConn, user: &AuthUser, id: &str) -> AppResult<SchoolSupport> {
    let school = get(conn, user, id)?;
    let tutors = crate::features::composition::ops::tutors_of_school(conn, &school.id)?;
    let mut mentored: Vec<SchoolRef> = schools::table
        .filter(schools::mentor_school_id.eq(&school.id))
        .filter(schools::archived_at.is_null())
        .select((schools::id, schools::short_name))
        .load::<(String, String)>(conn)?
        .into_iter()
        .map(|(id, short_name)| SchoolRef { id, short_name })
        .collect();
    tutornet_domain::text::sort_ru(&mut mentored, |s| s.short_name.as_str());
    Ok(SchoolSupport {
        tutors,
        mentored_schools: mentored,
    })
}
