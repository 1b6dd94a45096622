//! Diesel rows of schools and the columns an input sets (private to the noun).

use crate::store::schema::schools;
use diesel::prelude::*;
use tutornet_domain::org::{School, SchoolInput};
use tutornet_domain::text::{clean, collation_key, search_key};

crate::bookkeeping!(SchoolBook, schools);

#[derive(Queryable, Selectable)]
#[diesel(table_name = schools)]
pub(super) struct SchoolRow {
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
pub(super) struct SchoolFields<'a> {
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
pub(super) fn sort_key(i: &SchoolInput) -> String {
    collation_key(&format!("{} {}", i.short_name, i.full_name))
}

pub(super) fn search_text(i: &SchoolInput) -> String {
    search_key(&format!(
        "{} | {} | {}",
        i.short_name,
        i.full_name,
        i.address.as_deref().unwrap_or("")
    ))
}
