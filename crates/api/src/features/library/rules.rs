//! The methodological library: the operations handlers and other nouns call —
//! validate → access → repo → audit/notify. Moderation steps are in `transition.rs`,
//! search in `search.rs`, files in `files.rs`.

use super::policy::{self, Facts};
use super::repo;
use super::rows::{ItemRow, NewItem, VersionRow};
use crate::auth::AuthUser;
use crate::error::{AppError, AppResult};
use crate::store::conn::DbConn;
use crate::store::record::{new_id, now};
use crate::store::stored;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::collections::HashMap;
use tutornet_domain::audit::{AuditAction, AuditEntity};
use tutornet_domain::community::ActivityType;
use tutornet_domain::files::StoredFile;
use tutornet_domain::library::{
    EditMode, LibraryAction, LibraryDetail, LibraryEvent, LibraryInput, LibraryItem, LibraryReport,
    LibraryStatus, LibraryVersion, Licence, MaterialType, VersionSummary, Visibility,
};
use tutornet_domain::permissions::{Action, Resource};
use tutornet_domain::ProblemCode;

pub use super::transition::{report, transition, trust};

pub(super) fn to_json<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "[]".into())
}

pub(super) fn from_json<T: DeserializeOwned>(s: &str, what: &str) -> AppResult<T> {
    serde_json::from_str(s).map_err(|e| AppError::Internal(format!("{what}: {e}")))
}

/// A material with its working and published versions.
pub(super) struct Loaded {
    pub item: ItemRow,
    pub working: VersionRow,
    pub published: Option<VersionRow>,
}

impl Loaded {
    pub fn status(&self) -> AppResult<LibraryStatus> {
        stored(
            &self.item.status,
            "library_items.status",
            LibraryStatus::parse,
        )
    }

    pub fn facts(&self) -> AppResult<Facts<'_>> {
        let published = match &self.published {
            Some(p) => Some(stored(
                &p.visibility,
                "library_versions.visibility",
                Visibility::parse,
            )?),
            None => None,
        };
        Ok(Facts {
            municipality_id: &self.item.municipality_id,
            region_id: &self.item.region_id,
            owner_id: &self.item.owner_id,
            published,
        })
    }

    /// The file ids the caller may download.
    pub fn readable_files(&self, user: &AuthUser) -> AppResult<Vec<String>> {
        let f = self.facts()?;
        let mut ids: Vec<String> = Vec::new();
        if policy::sees_working(user, &f) {
            ids.extend(from_json::<Vec<String>>(
                &self.working.file_ids,
                "file_ids",
            )?);
        }
        if let Some(p) = &self.published {
            if policy::sees_published(user, &f) || policy::sees_working(user, &f) {
                ids.extend(from_json::<Vec<String>>(&p.file_ids, "file_ids")?);
            }
        }
        Ok(ids)
    }
}

/// The material if the caller may see it (404 otherwise).
pub(super) fn load(conn: &mut DbConn, user: &AuthUser, id: &str) -> AppResult<Loaded> {
    let item = repo::find_item(conn, id)?;
    let working = repo::version_of(conn, &item.id, item.current_version)?;
    let published = match item.published_version {
        Some(n) if n == item.current_version => Some(working.clone()),
        Some(n) => Some(repo::version_of(conn, &item.id, n)?),
        None => None,
    };
    let l = Loaded {
        item,
        working,
        published,
    };
    if !policy::visible(user, &l.facts()?) {
        return Err(AppError::NotFound("Материал не найден".into()));
    }
    Ok(l)
}

/// Titles of materials (for the audit log).
pub fn titles(conn: &mut DbConn, ids: Vec<String>) -> AppResult<HashMap<String, String>> {
    let items = repo::items(conn, &ids)?;
    let wanted: Vec<(String, i32)> = items
        .iter()
        .map(|i| (i.id.clone(), i.current_version))
        .collect();
    Ok(repo::versions(conn, &wanted)?
        .into_iter()
        .map(|v| (v.item_id, v.title))
        .collect())
}

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

fn files_of(conn: &mut DbConn, item_id: &str) -> AppResult<Vec<StoredFile>> {
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

/// What the audit log keeps of a material.
#[derive(Serialize, Clone)]
pub(super) struct Snapshot {
    pub status: String,
    pub current_version: i32,
    pub published_version: Option<i32>,
    pub version: LibraryVersion,
}

pub(super) fn snapshot(conn: &mut DbConn, id: &str) -> AppResult<Snapshot> {
    let item = repo::find_item(conn, id)?;
    let v = repo::version_of(conn, id, item.current_version)?;
    let files = files_of(conn, id)?;
    Ok(Snapshot {
        status: item.status,
        current_version: item.current_version,
        published_version: item.published_version,
        version: version_domain(conn, &v, &files)?,
    })
}

pub(super) fn record(
    conn: &mut DbConn,
    user: &AuthUser,
    action: AuditAction,
    (id, municipality_id): (&str, &str),
    before: Option<&Snapshot>,
) -> AppResult<()> {
    let after = snapshot(conn, id)?;
    crate::store::audit::record_in_municipality(
        conn,
        user,
        action,
        AuditEntity::LibraryItem,
        id,
        municipality_id,
        before,
        Some(&after),
    )
}

fn check_input(conn: &mut DbConn, input: &LibraryInput) -> AppResult<()> {
    input.validate().map_err(AppError::Validation)?;
    for (i, s) in input.subject_ids.iter().enumerate() {
        if !crate::store::names::subject_exists(conn, s)? {
            return Err(AppError::field(
                &format!("subject_ids[{i}]"),
                "invalid_reference",
                "Предмет не найден",
            ));
        }
    }
    Ok(())
}

/// The version row an input describes (ids and bookkeeping from `base`).
fn version_row(input: &LibraryInput, base: &VersionRow) -> VersionRow {
    let mut tags = input.tags.clone();
    for t in &mut tags {
        t.value = t.value.trim().to_string();
    }
    let mut grades = input.grades.clone();
    grades.sort();
    grades.dedup();
    VersionRow {
        material_type: input.material_type.as_str().into(),
        title: input.title.trim().into(),
        description: input.description.trim().into(),
        subject_ids: to_json(&input.subject_ids),
        grades: to_json(&grades),
        activity_type: input.activity_type.map(|a| a.as_str().to_string()),
        tags: to_json(&tags),
        authors: to_json(&input.authors),
        licence: input.licence.as_str().into(),
        links: to_json(&input.links),
        visibility: input.visibility.as_str().into(),
        ..base.clone()
    }
}

pub fn create(
    conn: &mut DbConn,
    user: &AuthUser,
    input: &LibraryInput,
) -> AppResult<LibraryDetail> {
    user.reach(Resource::Library, Action::Create)?;
    let Some(municipality) = user.municipality_id.clone() else {
        return Err(AppError::Forbidden(
            "Материалы добавляют участники муниципалитета".into(),
        ));
    };
    check_input(conn, input)?;
    let id = new_id();
    let t = now();
    repo::insert_item(
        conn,
        &NewItem {
            id: &id,
            municipality_id: &municipality,
            region_id: &user.region_id,
            owner_id: &user.id,
            status: LibraryStatus::Draft.as_str(),
            current_version: 1,
            published_version: None,
            views: 0,
            downloads: 0,
            status_changed_at: t,
            created_at: t,
            updated_at: t,
            created_by: &user.id,
            updated_by: &user.id,
            version: 1,
        },
    )?;
    let base = VersionRow {
        id: new_id(),
        item_id: id.clone(),
        number: 1,
        material_type: String::new(),
        title: String::new(),
        description: String::new(),
        subject_ids: "[]".into(),
        grades: "[]".into(),
        activity_type: None,
        tags: "[]".into(),
        authors: "[]".into(),
        licence: String::new(),
        links: "[]".into(),
        visibility: String::new(),
        file_ids: "[]".into(),
        remarks: "[]".into(),
        created_at: t,
        created_by: Some(user.id.clone()),
    };
    repo::insert_version(conn, &version_row(input, &base))?;
    repo::insert_event(conn, &id, &user.id, ("create", 1), None)?;
    record(conn, user, AuditAction::Create, (&id, &municipality), None)?;
    detail(conn, user, &id, false)
}

/// The version edits go to: the working one, or (when the working one is published or
/// taken down) a new draft copied from it. 403/409 when the caller may not edit now.
pub(super) fn editable(
    conn: &mut DbConn,
    user: &AuthUser,
    l: &Loaded,
) -> AppResult<(ItemRow, VersionRow)> {
    let status = l.status()?;
    let f = l.facts()?;
    if !policy::sees_working(user, &f) {
        return Err(AppError::Forbidden(
            "Материал меняют его автор и координатор".into(),
        ));
    }
    match status.edit_mode() {
        None => Err(AppError::Conflict {
            code: ProblemCode::InvalidTransition,
            detail: format!(
                "Материал в статусе «{}»: изменения — после решения координатора",
                status.label_ru()
            ),
        }),
        Some(EditMode::InPlace) => Ok((l.item.clone(), l.working.clone())),
        Some(EditMode::NewVersion) => {
            let number = l.item.current_version + 1;
            let v = VersionRow {
                id: new_id(),
                number,
                remarks: "[]".into(),
                created_at: now(),
                created_by: Some(user.id.clone()),
                ..l.working.clone()
            };
            repo::insert_version(conn, &v)?;
            let state = (
                LibraryStatus::Draft.as_str(),
                number,
                l.item.published_version,
            );
            if repo::set_state(conn, &l.item, &user.id, state)? == 0 {
                return Err(AppError::version_conflict(l.item.version + 1));
            }
            repo::insert_event(conn, &l.item.id, &user.id, ("new_version", number), None)?;
            Ok((repo::find_item(conn, &l.item.id)?, v))
        }
    }
}

/// An edit (on the version the editor saw): in place for a draft or a returned version,
/// as a new version when the working one is published (that one stays public).
pub fn update(
    conn: &mut DbConn,
    user: &AuthUser,
    id: &str,
    input: &LibraryInput,
) -> AppResult<LibraryDetail> {
    let l = load(conn, user, id)?;
    crate::store::record::check_version(input.version, l.item.version)?;
    check_input(conn, input)?;
    let before = snapshot(conn, id)?;
    let (item, v) = editable(conn, user, &l)?;
    repo::rewrite_version(conn, &version_row(input, &v))?;
    let status = item.status.clone();
    let state = (
        status.as_str(),
        item.current_version,
        item.published_version,
    );
    if repo::set_state(conn, &item, &user.id, state)? == 0 {
        return Err(AppError::version_conflict(item.version + 1));
    }
    record(
        conn,
        user,
        AuditAction::Update,
        (id, &item.municipality_id),
        Some(&before),
    )?;
    detail(conn, user, id, false)
}
