//! Searching the published materials the caller sees: candidates from the database's
//! full-text index (`store::search`), then filters, facets, ranking and snippets here,
//! so SQLite and PostgreSQL answer alike.

use super::policy;
use super::repo::{self, Audience};
use super::rows::{ItemRow, SearchRow, VersionRow};
use super::rules::{from_json, to_items, to_json};
use crate::auth::AuthUser;
use crate::error::{AppError, AppResult};
use crate::store::conn::DbConn;
use crate::store::record::now;
use crate::store::search as text;
use std::collections::{BTreeMap, HashMap};
use tutornet_domain::library::{
    FacetCount, LibraryAuthor, LibraryFacets, LibrarySearch, LibrarySort, LibraryTag, MaterialType,
    SearchHit, SearchResult,
};
use tutornet_domain::permissions::Role;

/// Words of a snippet.
const SNIPPET_WORDS: usize = 24;

/// The search row of a version being published: its fields and its files' text, stemmed.
pub(super) fn search_row(
    conn: &mut DbConn,
    item: &ItemRow,
    v: &VersionRow,
) -> AppResult<SearchRow> {
    let tags: Vec<LibraryTag> = from_json(&v.tags, "tags")?;
    let authors: Vec<LibraryAuthor> = from_json(&v.authors, "authors")?;
    let file_ids: Vec<String> = from_json(&v.file_ids, "file_ids")?;
    let mut body = vec![v.title.clone(), v.description.clone()];
    body.extend(tags.iter().map(|t| t.value.clone()));
    body.extend(authors.iter().map(|a| a.full_name.clone()));
    body.extend(
        repo::file_texts(conn, &file_ids)?
            .into_iter()
            .map(|(_, t)| t),
    );
    let values: Vec<String> = tags.iter().map(|t| text::normalise(&t.value)).collect();
    Ok(SearchRow {
        item_id: item.id.clone(),
        municipality_id: item.municipality_id.clone(),
        region_id: item.region_id.clone(),
        visibility: v.visibility.clone(),
        material_type: v.material_type.clone(),
        subject_ids: v.subject_ids.clone(),
        grades: v.grades.clone(),
        tags: to_json(&values),
        title_stems: text::index_terms(&v.title).join(" "),
        stems: text::index_terms(&body.join("\n")).join(" "),
        published_at: now(),
    })
}

fn audience(user: &AuthUser) -> Audience {
    Audience {
        region_id: user.region_id.clone(),
        community: user
            .municipality_id
            .as_deref()
            .is_some_and(|m| policy::in_community(user, m)),
        municipality_id: user.municipality_id.clone(),
        whole_region: user.role == Role::Admin,
    }
}

/// A candidate with what the filters and facets read.
struct Found {
    row: SearchRow,
    subjects: Vec<String>,
    grades: Vec<i32>,
    tags: Vec<String>,
    score: f64,
}

fn count<K: Ord + Clone>(into: &mut BTreeMap<K, i64>, keys: impl IntoIterator<Item = K>) {
    for k in keys {
        *into.entry(k).or_default() += 1;
    }
}

fn sorted(mut v: Vec<FacetCount>) -> Vec<FacetCount> {
    v.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
    v
}

fn facets(conn: &mut DbConn, found: &[Found]) -> AppResult<LibraryFacets> {
    let mut types: BTreeMap<String, i64> = BTreeMap::new();
    let mut subjects: BTreeMap<String, i64> = BTreeMap::new();
    let mut grades: BTreeMap<i32, i64> = BTreeMap::new();
    let mut tags: BTreeMap<String, i64> = BTreeMap::new();
    for f in found {
        count(&mut types, [f.row.material_type.clone()]);
        count(&mut subjects, f.subjects.iter().cloned());
        count(&mut grades, f.grades.iter().copied());
        count(&mut tags, f.tags.iter().cloned());
    }
    let names = crate::store::names::subject_names(conn, subjects.keys().cloned().collect())?;
    Ok(LibraryFacets {
        material_type: sorted(
            types
                .into_iter()
                .map(|(v, count)| FacetCount {
                    label: MaterialType::parse(&v)
                        .map(|t| t.label_ru().to_string())
                        .unwrap_or_else(|| v.clone()),
                    value: v,
                    count,
                })
                .collect(),
        ),
        subject: sorted(
            subjects
                .into_iter()
                .map(|(v, count)| FacetCount {
                    label: names.get(&v).cloned().unwrap_or_default(),
                    value: v,
                    count,
                })
                .collect(),
        ),
        // Grades in their order, not by count.
        grade: grades
            .into_iter()
            .map(|(g, count)| FacetCount {
                value: g.to_string(),
                label: format!("{g} класс"),
                count,
            })
            .collect(),
        tag: sorted(
            tags.into_iter()
                .map(|(v, count)| FacetCount {
                    label: v.clone(),
                    value: v,
                    count,
                })
                .take(30)
                .collect(),
        ),
    })
}

pub fn search(conn: &mut DbConn, user: &AuthUser, f: &LibrarySearch) -> AppResult<SearchResult> {
    let limit = f.limit.unwrap_or(20);
    if !(1..=100).contains(&limit) {
        return Err(AppError::field(
            "limit",
            "out_of_range",
            "Размер страницы — от 1 до 100",
        ));
    }
    let offset = f.offset.unwrap_or(0);
    if offset < 0 {
        return Err(AppError::field(
            "offset",
            "out_of_range",
            "Смещение не может быть отрицательным",
        ));
    }
    let terms = f.q.as_deref().map(text::query_terms).unwrap_or_default();
    let rows = repo::candidates(conn, &audience(user), &terms)?;
    let tag = f.tag.as_deref().map(text::normalise);
    let mut found: Vec<Found> = Vec::new();
    for row in rows {
        let subjects: Vec<String> = from_json(&row.subject_ids, "subject_ids")?;
        let grades: Vec<i32> = from_json(&row.grades, "grades")?;
        let tags: Vec<String> = from_json(&row.tags, "tags")?;
        let keep = f
            .material_type
            .is_none_or(|t| t.as_str() == row.material_type)
            && f.subject_id.as_ref().is_none_or(|s| subjects.contains(s))
            && f.grade.is_none_or(|g| grades.contains(&g))
            && tag.as_ref().is_none_or(|t| tags.contains(t));
        if keep {
            found.push(Found {
                row,
                subjects,
                grades,
                tags,
                score: 0.0,
            });
        }
    }
    let facets = facets(conn, &found)?;
    if !terms.is_empty() {
        let avg = found
            .iter()
            .map(|f| f.row.stems.split(' ').count() as f64)
            .sum::<f64>()
            / (found.len().max(1) as f64);
        for f in &mut found {
            f.score = text::score(&terms, &f.row.title_stems, &f.row.stems, avg);
        }
    }
    let newest = |a: &Found, b: &Found| {
        b.row
            .published_at
            .cmp(&a.row.published_at)
            .then_with(|| b.row.item_id.cmp(&a.row.item_id))
    };
    match f.sort.unwrap_or(LibrarySort::Relevance) {
        LibrarySort::Relevance => {
            found.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| newest(a, b)))
        }
        LibrarySort::Newest => found.sort_by(newest),
        LibrarySort::Popular => {
            let ids: Vec<String> = found.iter().map(|f| f.row.item_id.clone()).collect();
            let uses: HashMap<String, (i64, i64)> = repo::items(conn, &ids)?
                .into_iter()
                .map(|i| (i.id, (i.downloads, i.views)))
                .collect();
            let used = |f: &Found| uses.get(&f.row.item_id).copied().unwrap_or_default();
            found.sort_by(|a, b| used(b).cmp(&used(a)).then_with(|| newest(a, b)));
        }
    }
    let total = found.len() as i64;
    let page: Vec<Found> = found
        .into_iter()
        .skip(offset as usize)
        .take(limit as usize)
        .collect();
    let items = hits(conn, &terms, page)?;
    Ok(SearchResult {
        items,
        total,
        offset,
        facets,
    })
}

/// The page's materials (published versions) with their snippets.
fn hits(conn: &mut DbConn, terms: &[String], page: Vec<Found>) -> AppResult<Vec<SearchHit>> {
    let ids: Vec<String> = page.iter().map(|f| f.row.item_id.clone()).collect();
    let items = repo::items(conn, &ids)?;
    let wanted: Vec<(String, i32)> = items
        .iter()
        .filter_map(|i| Some((i.id.clone(), i.published_version?)))
        .collect();
    let versions = repo::versions(conn, &wanted)?;
    let mut pairs: Vec<(ItemRow, VersionRow)> = Vec::new();
    for f in &page {
        let Some(i) = items.iter().find(|i| i.id == f.row.item_id) else {
            continue;
        };
        let Some(v) = versions
            .iter()
            .find(|v| v.item_id == i.id && Some(v.number) == i.published_version)
        else {
            continue;
        };
        pairs.push((i.clone(), v.clone()));
    }
    let marked = text::highlight_stems(terms);
    let mut snippets = Vec::new();
    for (_, v) in &pairs {
        snippets.push(snippet_of(conn, v, &marked)?);
    }
    let scores: HashMap<String, f64> = page
        .iter()
        .map(|f| (f.row.item_id.clone(), f.score))
        .collect();
    let list = to_items(conn, pairs)?;
    Ok(list
        .into_iter()
        .zip(snippets)
        .map(|(item, (source, snippet))| SearchHit {
            score: (scores.get(&item.id).copied().unwrap_or(0.0) * 1000.0).round() / 1000.0,
            item,
            snippet_source: source,
            snippet,
        })
        .collect())
}

type Snippet = (Option<String>, Vec<tutornet_domain::library::SnippetPart>);

/// Where the words are: the description, a file's text, the title; without a query,
/// the description's beginning.
fn snippet_of(
    conn: &mut DbConn,
    v: &VersionRow,
    marked: &std::collections::HashSet<String>,
) -> AppResult<Snippet> {
    if !marked.is_empty() {
        if let Some(s) = text::snippet(&v.description, marked, SNIPPET_WORDS) {
            return Ok((Some("Описание".into()), s));
        }
        let file_ids: Vec<String> = from_json(&v.file_ids, "file_ids")?;
        let texts = repo::file_texts(conn, &file_ids)?;
        let files = crate::features::files::rules::list(
            conn,
            crate::features::files::OwnerKind::Library,
            &v.item_id,
        )?;
        for id in &file_ids {
            let Some((_, body)) = texts.iter().find(|(f, _)| f == id) else {
                continue;
            };
            if let Some(s) = text::snippet(body, marked, SNIPPET_WORDS) {
                let name = files
                    .iter()
                    .find(|f| &f.id == id)
                    .map(|f| f.file_name.clone())
                    .unwrap_or_default();
                return Ok((Some(format!("Файл «{name}»")), s));
            }
        }
        let tags: Vec<LibraryTag> = from_json(&v.tags, "tags")?;
        let tags: Vec<String> = tags.into_iter().map(|t| t.value).collect();
        if let Some(s) = text::snippet(&tags.join(", "), marked, SNIPPET_WORDS) {
            return Ok((Some("Теги".into()), s));
        }
    }
    let words: Vec<&str> = v.description.split_whitespace().collect();
    let mut t = words
        .iter()
        .take(SNIPPET_WORDS)
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    if words.len() > SNIPPET_WORDS {
        t.push_str(" …");
    }
    Ok((
        None,
        if t.is_empty() {
            Vec::new()
        } else {
            vec![tutornet_domain::library::SnippetPart {
                text: t,
                hit: false,
            }]
        },
    ))
}
