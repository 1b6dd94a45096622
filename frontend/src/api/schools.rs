//! `/schools`: the registry of schools.

use tutornet_domain::org::{School, SchoolFilter, SchoolInput};
use tutornet_domain::page::MAX_LIMIT;
use tutornet_domain::{Page, Problem};

use super::client::{self, all_pages, query_of};

pub async fn list(filter: &SchoolFilter) -> Result<Page<School>, Problem> {
    client::get("/schools", &query_of(filter)).await
}

/// Every school matching `filter`, following `next_cursor` to the last page.
pub async fn list_all(filter: &SchoolFilter) -> Result<Vec<School>, Problem> {
    all_pages(|cursor| {
        let f = SchoolFilter {
            limit: Some(MAX_LIMIT),
            cursor,
            ..filter.clone()
        };
        async move { list(&f).await }
    })
    .await
}

/// Tutors attached to the school or its teachers; the schools it accompanies as a mentor.
pub async fn support(id: &str) -> Result<tutornet_domain::org::SchoolSupport, Problem> {
    client::get(&format!("/schools/{id}/support"), &Vec::new()).await
}

pub async fn get(id: &str) -> Result<School, Problem> {
    client::get(&format!("/schools/{id}"), &Vec::new()).await
}

pub async fn create(input: &SchoolInput) -> Result<School, Problem> {
    client::post("/schools", input).await
}

pub async fn update(id: &str, input: &SchoolInput) -> Result<School, Problem> {
    client::put(&format!("/schools/{id}"), input).await
}

pub async fn archive(id: &str) -> Result<School, Problem> {
    client::delete(&format!("/schools/{id}")).await
}

pub async fn restore(id: &str) -> Result<School, Problem> {
    client::post(&format!("/schools/{id}/restore"), &serde_json::json!({})).await
}

/// The schools the user sees (optionally of one municipality), sorted by short name, for
/// pick-lists; every page is read, so none is left out. Empty when the list cannot be
/// read.
pub async fn choices(municipality_id: Option<String>) -> Vec<School> {
    let filter = SchoolFilter {
        municipality_id,
        ..Default::default()
    };
    let mut v = list_all(&filter).await.unwrap_or_default();
    tutornet_domain::text::sort_ru(&mut v, |s| &s.short_name);
    v
}

/// The school's support flags year by year, latest first.
pub async fn flags(id: &str) -> Result<Vec<tutornet_domain::org::SchoolYearFlags>, Problem> {
    client::get(&format!("/schools/{id}/flags"), &Vec::new()).await
}

/// Sets the school's flags for one academic year.
pub async fn set_flags(
    id: &str,
    year_id: &str,
    input: &tutornet_domain::org::SchoolYearFlagsInput,
) -> Result<tutornet_domain::org::SchoolYearFlags, Problem> {
    client::put(&format!("/schools/{id}/flags/{year_id}"), input).await
}
