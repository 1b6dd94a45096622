//! Diesel rows and insert forms of the library (private to the noun).

use crate::store::schema::{library_items, library_search, library_versions};
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Queryable, Selectable, Clone)]
#[diesel(table_name = library_items)]
pub(super) struct ItemRow {
    pub id: String,
    pub municipality_id: String,
    pub region_id: String,
    pub owner_id: String,
    pub status: String,
    pub current_version: i32,
    pub published_version: Option<i32>,
    pub views: i64,
    pub downloads: i64,
    pub updated_at: NaiveDateTime,
    pub version: i32,
}

#[derive(Insertable)]
#[diesel(table_name = library_items)]
pub(super) struct NewItem<'a> {
    pub id: &'a str,
    pub municipality_id: &'a str,
    pub region_id: &'a str,
    pub owner_id: &'a str,
    pub status: &'a str,
    pub current_version: i32,
    pub published_version: Option<i32>,
    pub views: i64,
    pub downloads: i64,
    pub status_changed_at: NaiveDateTime,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub created_by: &'a str,
    pub updated_by: &'a str,
    pub version: i32,
}

#[derive(Queryable, Selectable, Insertable, Clone)]
#[diesel(table_name = library_versions)]
pub(super) struct VersionRow {
    pub id: String,
    pub item_id: String,
    pub number: i32,
    pub material_type: String,
    pub title: String,
    pub description: String,
    pub subject_ids: String,
    pub grades: String,
    pub activity_type: Option<String>,
    pub tags: String,
    pub authors: String,
    pub licence: String,
    pub links: String,
    pub visibility: String,
    pub file_ids: String,
    pub remarks: String,
    pub created_at: NaiveDateTime,
    pub created_by: Option<String>,
}

#[derive(Queryable, Selectable, Insertable, Clone)]
#[diesel(table_name = library_search)]
pub(super) struct SearchRow {
    pub item_id: String,
    pub municipality_id: String,
    pub region_id: String,
    pub visibility: String,
    pub material_type: String,
    pub subject_ids: String,
    pub grades: String,
    pub tags: String,
    pub title_stems: String,
    pub stems: String,
    pub published_at: NaiveDateTime,
}
