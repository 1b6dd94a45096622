//! The library's records as they cross the API.

use super::{
    LibraryAction, LibraryField, LibrarySort, LibraryStatus, Licence, MaterialType, TagKind,
    Visibility,
};
use crate::community::ActivityType;
use crate::files::StoredFile;
use crate::problem::{Errors, FieldError};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Largest file of a material (413 beyond).
pub const MAX_LIBRARY_FILE_BYTES: usize = 50 * 1024 * 1024;

/// One author of a material (authorship is shown, 000 §1.9).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LibraryAuthor {
    pub full_name: String,
    /// Position and place of work, as it should be printed.
    #[serde(default)]
    pub organisation: Option<String>,
}

/// A tag: a topic, a professional deficit it addresses, or an assessment task.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LibraryTag {
    pub kind: TagKind,
    /// «формирующее оценивание», «ВПР-7 математика, задание 5».
    pub value: String,
}

/// A link (a recording, an external resource).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LibraryLink {
    pub title: String,
    /// http(s) address.
    pub url: String,
}

/// A moderator's remark on one field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct FieldRemark {
    pub field: LibraryField,
    pub remark: String,
}

/// A new material or an edit of one (`version`: the item's version the editor saw).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LibraryInput {
    #[serde(default)]
    pub version: Option<i32>,
    pub material_type: MaterialType,
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub subject_ids: Vec<String>,
    /// Grades 1–11.
    #[serde(default)]
    pub grades: Vec<i32>,
    #[serde(default)]
    pub activity_type: Option<ActivityType>,
    #[serde(default)]
    pub tags: Vec<LibraryTag>,
    pub authors: Vec<LibraryAuthor>,
    pub licence: Licence,
    #[serde(default)]
    pub links: Vec<LibraryLink>,
    pub visibility: Visibility,
}

impl LibraryInput {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        e.required("title", &self.title, 300);
        e.max_len("description", &self.description, 20_000);
        if self.subject_ids.len() > 10 {
            e.add("subject_ids", "too_long", "Не больше 10 предметов");
        }
        for (i, g) in self.grades.iter().enumerate() {
            if !(1..=11).contains(g) {
                e.add(
                    &format!("grades[{i}]"),
                    "out_of_range",
                    "Класс — от 1 до 11",
                );
            }
        }
        if self.tags.len() > 30 {
            e.add("tags", "too_long", "Не больше 30 тегов");
        }
        for (i, t) in self.tags.iter().enumerate() {
            e.required(&format!("tags[{i}].value"), &t.value, 100);
        }
        if self.authors.is_empty() || self.authors.len() > 20 {
            e.add("authors", "required", "Укажите от 1 до 20 авторов");
        }
        for (i, a) in self.authors.iter().enumerate() {
            e.required(&format!("authors[{i}].full_name"), &a.full_name, 200);
            if let Some(o) = &a.organisation {
                e.max_len(&format!("authors[{i}].organisation"), o, 300);
            }
        }
        if self.links.len() > 20 {
            e.add("links", "too_long", "Не больше 20 ссылок");
        }
        for (i, l) in self.links.iter().enumerate() {
            e.required(&format!("links[{i}].title"), &l.title, 200);
            let u = l.url.trim();
            if !(u.starts_with("https://") || u.starts_with("http://")) || u.len() > 2000 {
                e.add(
                    &format!("links[{i}].url"),
                    "invalid_value",
                    "Адрес ссылки начинается с http:// или https://",
                );
            }
        }
        e.finish()
    }
}

/// A material as lists show it (its visible version's title and type).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LibraryItem {
    pub id: String,
    pub municipality_id: String,
    pub municipality_name: String,
    pub owner_id: String,
    pub owner_name: String,
    /// The working version's status.
    pub status: LibraryStatus,
    /// The number of the published version, if one is public.
    pub published_version: Option<i32>,
    /// The number of the working (newest) version.
    pub current_version: i32,
    pub material_type: MaterialType,
    pub title: String,
    pub subject_names: Vec<String>,
    pub grades: Vec<i32>,
    pub tags: Vec<LibraryTag>,
    pub authors: Vec<LibraryAuthor>,
    pub visibility: Visibility,
    pub views: i64,
    pub downloads: i64,
    /// Open reports (shown to moderators).
    pub open_reports: i64,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

/// One version of a material, as it was written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LibraryVersion {
    pub number: i32,
    pub material_type: MaterialType,
    pub title: String,
    pub description: String,
    pub subject_ids: Vec<String>,
    pub subject_names: Vec<String>,
    pub grades: Vec<i32>,
    pub activity_type: Option<ActivityType>,
    pub tags: Vec<LibraryTag>,
    pub authors: Vec<LibraryAuthor>,
    pub licence: Licence,
    pub links: Vec<LibraryLink>,
    pub visibility: Visibility,
    pub files: Vec<StoredFile>,
    /// The moderator's remarks on this version (when it was returned).
    pub remarks: Vec<FieldRemark>,
    pub created_at: DateTime<Utc>,
    pub created_by_name: Option<String>,
}

/// A version in the list of versions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VersionSummary {
    pub number: i32,
    pub title: String,
    pub created_at: DateTime<Utc>,
    /// Whether this is the version the public sees.
    pub published: bool,
}

/// A moderation step in the history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LibraryEvent {
    pub at: DateTime<Utc>,
    pub actor_name: Option<String>,
    pub action: String,
    pub action_label: String,
    pub version: i32,
    pub comment: Option<String>,
}

/// A report on a material (anyone who sees it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LibraryReport {
    pub id: String,
    pub reason: String,
    pub reporter_name: String,
    pub created_at: DateTime<Utc>,
}

/// A material with the version the caller sees, the history and the caller's actions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LibraryDetail {
    pub item: LibraryItem,
    /// The version shown: the working one to its author and the moderator, the
    /// published one to everyone else.
    pub shown: LibraryVersion,
    /// The published version when the working one differs from it (author, moderator).
    pub published: Option<LibraryVersion>,
    pub versions: Vec<VersionSummary>,
    pub history: Vec<LibraryEvent>,
    pub allowed_actions: Vec<LibraryAction>,
    pub can_edit: bool,
    /// Open reports (moderators only).
    pub reports: Vec<LibraryReport>,
    /// Whether the owner may publish without review.
    pub owner_trusted: bool,
}

/// A moderation step (`version`: the item's version the moderator or author saw).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LibraryTransition {
    pub action: Option<LibraryAction>,
    pub version: i32,
    /// General comment (return), what was fixed (resubmit), the reason (unpublish).
    #[serde(default)]
    pub comment: Option<String>,
    /// Remarks next to the fields (return).
    #[serde(default)]
    pub remarks: Vec<FieldRemark>,
}

/// `POST /library/{id}/reports`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ReportInput {
    pub reason: String,
}

/// `PUT /library/trusted-authors/{user_id}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TrustInput {
    pub trusted: bool,
}

/// The search query and filters of `GET /library`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct LibrarySearch {
    /// Words in any form («программы» finds «программа»; «ВПР» finds «всероссийские
    /// проверочные работы»).
    pub q: Option<String>,
    pub material_type: Option<MaterialType>,
    pub subject_id: Option<String>,
    pub grade: Option<i32>,
    /// A tag's value.
    pub tag: Option<String>,
    /// The order (by match by default).
    pub sort: Option<LibrarySort>,
    pub offset: Option<i64>,
    pub limit: Option<i64>,
}

/// A piece of a snippet; `hit` pieces are the matched words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SnippetPart {
    pub text: String,
    pub hit: bool,
}

/// A found material.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SearchHit {
    pub item: LibraryItem,
    /// Where the words were found: «Описание», «Файл: пособие.docx», …
    pub snippet_source: Option<String>,
    pub snippet: Vec<SnippetPart>,
    pub score: f64,
}

/// A facet value with the number of found materials having it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FacetCount {
    pub value: String,
    pub label: String,
    pub count: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LibraryFacets {
    pub material_type: Vec<FacetCount>,
    pub subject: Vec<FacetCount>,
    pub grade: Vec<FacetCount>,
    pub tag: Vec<FacetCount>,
}

/// A page of search results with the facets of everything found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SearchResult {
    pub items: Vec<SearchHit>,
    pub total: i64,
    pub offset: i64,
    pub facets: LibraryFacets,
}
