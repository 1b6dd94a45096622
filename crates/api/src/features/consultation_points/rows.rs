//! Diesel rows of consultation points and the columns an input sets (private to the noun).

use crate::store::schema::consultation_points;
use diesel::prelude::*;
use tutornet_domain::consultation_points::ConsultationPointInput;
use tutornet_domain::text::{clean, collation_key};

crate::bookkeeping!(PointBook, consultation_points);

#[derive(Queryable, Selectable)]
#[diesel(table_name = consultation_points)]
pub(super) struct PointRow {
    pub id: String,
    pub municipality_id: String,
    pub name: String,
    pub name_sort: String,
    pub base_school_id: Option<String>,
    pub base_organisation: Option<String>,
    pub head_user_id: Option<String>,
    pub head_name: Option<String>,
    pub address: Option<String>,
    pub note: Option<String>,
    #[diesel(embed)]
    pub book: PointBook,
}

/// The columns an input sets, on insert and on update alike.
#[derive(Insertable, AsChangeset)]
#[diesel(table_name = consultation_points, treat_none_as_null = true)]
pub(super) struct PointFields<'a> {
    name: &'a str,
    name_sort: String,
    base_school_id: Option<String>,
    base_organisation: Option<String>,
    head_user_id: Option<String>,
    head_name: Option<String>,
    address: Option<String>,
    note: Option<String>,
}

impl<'a> From<&'a ConsultationPointInput> for PointFields<'a> {
    fn from(i: &'a ConsultationPointInput) -> Self {
        PointFields {
            name: i.name.trim(),
            name_sort: collation_key(&i.name),
            base_school_id: clean(&i.base_school_id),
            base_organisation: clean(&i.base_organisation),
            head_user_id: clean(&i.head_user_id),
            head_name: clean(&i.head_name),
            address: clean(&i.address),
            note: clean(&i.note),
        }
    }
}
