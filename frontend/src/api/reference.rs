//! Reference lists: municipalities, subjects, academic years. Each is read to its last
//! page (`next_cursor`), so a pick-list never silently stops at the first 200 entries.

use tutornet_domain::org::{AcademicYear, Municipality, Subject};
use tutornet_domain::text::sort_ru;
use tutornet_domain::{Page, Problem};

use super::client::{self, all_pages, Query};

/// These endpoints answer the whole list today and take no `limit`; a cursor is passed
/// back only should they ever start paging.
fn page_query(cursor: Option<String>) -> Query {
    cursor
        .map(|c| vec![("cursor".to_string(), c)])
        .unwrap_or_default()
}

/// Every municipality the user can see, sorted.
pub async fn municipalities() -> Result<Vec<Municipality>, Problem> {
    let mut v = all_pages(|c| {
        let q = page_query(c);
        async move { client::get::<Page<Municipality>>("/municipalities", &q).await }
    })
    .await?;
    sort_ru(&mut v, |m| &m.name);
    Ok(v)
}

/// Every subject as (id, name), sorted; empty when the list cannot be read.
pub async fn subjects() -> Vec<(String, String)> {
    let res = all_pages(|c| {
        let q = page_query(c);
        async move { client::get::<Page<Subject>>("/subjects", &q).await }
    })
    .await;
    let mut v = res.unwrap_or_default();
    sort_ru(&mut v, |s| &s.name);
    v.into_iter().map(|s| (s.id, s.name)).collect()
}

/// Every academic year, the latest first.
pub async fn academic_years() -> Result<Vec<AcademicYear>, Problem> {
    let mut v = all_pages(|c| {
        let q = page_query(c);
        async move { client::get::<Page<AcademicYear>>("/academic-years", &q).await }
    })
    .await?;
    v.sort_by_key(|y| std::cmp::Reverse(y.starts_on));
    Ok(v)
}

/// The current academic year, if set.
pub async fn current_year() -> Option<AcademicYear> {
    academic_years()
        .await
        .ok()
        .and_then(|v| v.into_iter().find(|y| y.is_current))
}

/// Creates (`id` none) or changes a dictionary entry at `/{noun}` or `/{noun}/{id}`.
pub async fn save<I: serde::Serialize, T: serde::de::DeserializeOwned>(
    noun: &str,
    id: Option<&str>,
    input: &I,
) -> Result<T, Problem> {
    match id {
        Some(id) => client::put(&format!("/{noun}/{id}"), input).await,
        None => client::post(&format!("/{noun}"), input).await,
    }
}

/// Archives a dictionary entry (`DELETE /{noun}/{id}`).
pub async fn archive<T: serde::de::DeserializeOwned>(noun: &str, id: &str) -> Result<T, Problem> {
    client::delete(&format!("/{noun}/{id}")).await
}

/// Every municipality, archived ones included (for the registry page).
pub async fn municipalities_with_archived() -> Result<Vec<Municipality>, Problem> {
    let q = vec![("include_archived".to_string(), "true".to_string())];
    let mut v = client::get::<Page<Municipality>>("/municipalities", &q)
        .await?
        .items;
    sort_ru(&mut v, |m| &m.name);
    Ok(v)
}

/// Every subject as stored (for the registry page), sorted.
pub async fn subject_list() -> Result<Vec<Subject>, Problem> {
    let mut v = client::get::<Page<Subject>>("/subjects", &Vec::new())
        .await?
        .items;
    sort_ru(&mut v, |s| &s.name);
    Ok(v)
}
