//! The methodological library: the operations handlers and other nouns call —
//! validate → access → repo → audit/notify. Moderation steps are in `transition.rs`,
//! search in `search.rs`, files in `files.rs`, what a reader sees in `read.rs`.

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
use tutornet_domain::library::{
    EditMode, LibraryDetail, LibraryInput, LibraryStatus, LibraryVersion, Visibility,
};
use tutornet_domain::permissions::{Action, Resource};
use tutornet_domain::ProblemCode;

pub use super::read::{detail, mine, queue};
pub(super) use super::read::{file_url, files_of, to_items, version_domain};
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
