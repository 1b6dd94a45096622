//! What a reader of the library sees: list rows with the version each is shown by, a
//! material's detail (versions, files, history, remarks, allowed steps), the caller's own
//! materials and the moderation queue.

use super::policy;
use super::repo;
use super::rows::{ItemRow, VersionRow};
use super::rules::{from_json, load};
use crate::auth::AuthUser;
use crate::error::{AppError, AppResult};
use crate::store::conn::DbConn;
use crate::store::stored;
use std::collections::HashMap;
use tutornet_domain::community::ActivityType;
use tutornet_domain::files::StoredFile;
use tutornet_domain::library::{
    LibraryAction, LibraryDetail, LibraryEvent, LibraryItem, LibraryReport, LibraryStatus,
    LibraryVersion, Licence, MaterialType, VersionSummary, Visibility,
};
use tutornet_domain::permissions::{Action, Resource};

/// List rows: each item with the version it is shown by.
pub(super) fn to_items(
    conn: &mut DbConn,
    rows: Vec<(ItemRow, VersionRow)>,
) -> AppResult<Vec<LibraryItem>> {
    let owners = rows.iter().map(|(i, _)| i.owner_id.clone()).collect();
    let owners = crate::store::names::user_names(conn, owners)?;
    let mut subjects: Vec<String> = Vec::new();
    for (_, v) in &rows {
        subjects.extend(from_json::<Vec<String>>(&v.subject_ids, "subject_ids")?);
    }
    let subjects = crate::store::names::subject_names(conn, subjects)?;
    let ids: Vec<String> = rows.iter().map(|(i, _)| i.id.clone()).collect();
    let reported = repo::reported(conn, Some(&ids))?;
    let places = municipality_names(conn, rows.iter().map(|(i, _)| i.municipality_id.clone()))?;
    rows.into_iter()
        .map(|(i, v)| {
            let subject_ids: Vec<String> = from_json(&v.subject_ids, "subject_ids")?;
            Ok(LibraryItem {
                municipality_name: places.get(&i.municipality_id).cloned().unwrap_or_default(),
                owner_name: owners.get(&i.owner_id).cloned().unwrap_or_default(),
                status: stored(&i.status, "library_items.status", LibraryStatus::parse)?,
                published_version: i.published_version,
                current_version: i.current_version,
                material_type: stored(
                    &v.material_type,
                    "library_versions.material_type",
                    MaterialType::parse,
                )?,
                title: v.title.clone(),
                subject_names: subject_ids
                    .iter()
                    .filter_map(|s| subjects.get(s).cloned())
                    .collect(),
                grades: from_json(&v.grades, "grades")?,
                tags: from_json(&v.tags, "tags")?,
                authors: from_json(&v.authors, "authors")?,
                visibility: stored(
                    &v.visibility,
                    "library_versions.visibility",
                    Visibility::parse,
                )?,
                views: i.views,
                downloads: i.downloads,
                open_reports: reported.iter().filter(|r| **r == i.id).count() as i64,
                updated_at: i.updated_at.and_utc(),
                version: i.version,
                owner_id: i.owner_id,
                municipality_id: i.municipality_id,
                id: i.id,
            })
        })
        .collect()
}

fn municipality_names(
    conn: &mut DbConn,
    ids: impl Iterator<Item = String>,
) -> AppResult<HashMap<String, String>> {
    use crate::store::schema::municipalities;
    use diesel::prelude::*;
    let ids: Vec<String> = ids.collect();
    Ok(municipalities::table
        .filter(municipalities::id.eq_any(ids))
        .select((municipalities::id, municipalities::name))
        .load::<(String, String)>(conn)?
        .into_iter()
        .collect())
}

/// The download path of a material's file (counted).
pub(super) fn file_url(item_id: &str, file_id: &str) -> String {
    format!("/api/v1/library/{item_id}/files/{file_id}")
}

pub(super) fn version_domain(
    conn: &mut DbConn,
    v: &VersionRow,
    files: &[StoredFile],
) -> AppResult<LibraryVersion> {
    let subject_ids: Vec<String> = from_json(&v.subject_ids, "subject_ids")?;
    let names = crate::store::names::subject_names(conn, subject_ids.clone())?;
    let file_ids: Vec<String> = from_json(&v.file_ids, "file_ids")?;
    let author = match &v.created_by {
        Some(u) => crate::store::names::user_names(conn, vec![u.clone()])?.remove(u.as_str()),
        None => None,
    };
    Ok(LibraryVersion {
        number: v.number,
        material_type: stored(&v.material_type, "material_type", MaterialType::parse)?,
        title: v.title.clone(),
        description: v.description.clone(),
        subject_names: subject_ids
            .iter()
            .filter_map(|s| names.get(s).cloned())
            .collect(),
        subject_ids,
        grades: from_json(&v.grades, "grades")?,
        activity_type: match &v.activity_type {
            Some(a) => Some(stored(a, "activity_type", ActivityType::parse)?),
            None => None,
        },
        tags: from_json(&v.tags, "tags")?,
        authors: from_json(&v.authors, "authors")?,
        licence: stored(&v.licence, "licence", Licence::parse)?,
        links: from_json(&v.links, "links")?,
        visibility: stored(&v.visibility, "visibility", Visibility::parse)?,
        files: file_ids
            .iter()
            .filter_map(|id| files.iter().find(|f| &f.id == id))
            .map(|f| StoredFile {
                url: file_url(&v.item_id, &f.id),
                ..f.clone()
            })
            .collect(),
        remarks: from_json(&v.remarks, "remarks")?,
        created_at: v.created_at.and_utc(),
        created_by_name: author,
    })
}

pub(super) fn files_of(conn: &mut DbConn, item_id: &str) -> AppResult<Vec<StoredFile>> {
    crate::features::files::rules::list(conn, crate::features::files::OwnerKind::Library, item_id)
}

/// A material as the caller sees it; `count_view` adds one view (not the owner's own).
pub fn detail(
    conn: &mut DbConn,
    user: &AuthUser,
    id: &str,
    count_view: bool,
) -> AppResult<LibraryDetail> {
    let l = load(conn, user, id)?;
    if count_view && l.item.owner_id != user.id {
        repo::bump_views(conn, id)?;
    }
    let l = load(conn, user, id)?;
    let f = l.facts()?;
    let status = l.status()?;
    let working_seen = policy::sees_working(user, &f);
    let files = files_of(conn, id)?;
    let shown_row = if working_seen {
        &l.working
    } else {
        l.published.as_ref().unwrap_or(&l.working)
    };
    let mut shown = version_domain(conn, shown_row, &files)?;
    if !working_seen {
        // Moderation stays between the author and the moderator.
        shown.remarks.clear();
    }
    let published = match &l.published {
        Some(p) if working_seen && p.number != l.working.number => {
            Some(version_domain(conn, p, &files)?)
        }
        _ => None,
    };
    let versions = repo::version_list(conn, id)?
        .into_iter()
        .filter(|(n, _, _)| working_seen || Some(*n) == l.item.published_version)
        .map(|(number, title, at)| VersionSummary {
            number,
            title,
            created_at: at.and_utc(),
            published: Some(number) == l.item.published_version,
        })
        .collect();
    let history = if working_seen {
        history(conn, id)?
    } else {
        Vec::new()
    };
    let trusted = repo::is_trusted(conn, &l.item.owner_id)?;
    let mine = policy::actors(user, &f, trusted);
    let reports = if policy::moderates(user, &f) {
        let rows = repo::open_reports(conn, id)?;
        let names =
            crate::store::names::user_names(conn, rows.iter().map(|r| r.2.clone()).collect())?;
        rows.into_iter()
            .map(|(rid, reason, who, at)| LibraryReport {
                id: rid,
                reason,
                reporter_name: names.get(&who).cloned().unwrap_or_default(),
                created_at: at.and_utc(),
            })
            .collect()
    } else {
        Vec::new()
    };
    let public = l.item.published_version.is_some();
    let can_edit = policy::may_edit(user, &f, status);
    let item_version = shown_row.clone();
    let item = to_items(conn, vec![(l.item.clone(), item_version)])?.remove(0);
    Ok(LibraryDetail {
        item,
        shown,
        published,
        versions,
        history,
        allowed_actions: LibraryAction::allowed_for(status, public, &mine),
        can_edit,
        reports,
        owner_trusted: trusted,
    })
}

fn history(conn: &mut DbConn, id: &str) -> AppResult<Vec<LibraryEvent>> {
    let evs = repo::events_of(conn, id)?;
    let names =
        crate::store::names::user_names(conn, evs.iter().filter_map(|e| e.1.clone()).collect())?;
    Ok(evs
        .into_iter()
        .map(|(at, actor, action, number, comment)| LibraryEvent {
            at: at.and_utc(),
            actor_name: actor.as_ref().and_then(|a| names.get(a).cloned()),
            action_label: tutornet_domain::library::event_label_ru(&action),
            action,
            version: number,
            comment,
        })
        .collect())
}

/// The caller's own materials, every status, newest change first.
pub fn mine(conn: &mut DbConn, user: &AuthUser) -> AppResult<Vec<LibraryItem>> {
    let items = repo::owned(conn, &user.id)?;
    with_working(conn, items)
}

/// The moderation queue of the caller (coordinator: municipality; admin: region):
/// versions waiting for a decision and materials with open reports.
pub fn queue(conn: &mut DbConn, user: &AuthUser) -> AppResult<Vec<LibraryItem>> {
    let reach = user.reach(Resource::Library, Action::Archive)?;
    let municipality = match reach {
        crate::auth::Reach::Region(_) => None,
        crate::auth::Reach::Municipality(m) => Some(m),
        _ => return Err(AppError::forbidden()),
    };
    let reported = repo::reported(conn, None)?;
    let items = repo::queue(conn, &user.region_id, municipality.as_deref(), &reported)?;
    with_working(conn, items)
}

fn with_working(conn: &mut DbConn, items: Vec<ItemRow>) -> AppResult<Vec<LibraryItem>> {
    let wanted: Vec<(String, i32)> = items
        .iter()
        .map(|i| (i.id.clone(), i.current_version))
        .collect();
    let versions = repo::versions(conn, &wanted)?;
    let rows = items
        .into_iter()
        .filter_map(|i| {
            let v = versions
                .iter()
                .find(|v| v.item_id == i.id && v.number == i.current_version)?
                .clone();
            Some((i, v))
        })
        .collect();
    to_items(conn, rows)
}
