//! The `members` row.

use crate::error::AppResult;
use crate::store::schema::members;
use crate::store::stored;
use chrono::NaiveDate;
use diesel::prelude::*;
use tutornet_domain::composition::MemberStatus;

crate::bookkeeping!(MemberBook, members);

#[derive(Queryable, Selectable, Clone)]
#[diesel(table_name = members)]
pub(crate) struct MemberRow {
    pub id: String,
    pub municipality_id: String,
    pub academic_year_id: String,
    pub user_id: Option<String>,
    pub full_name: String,
    pub name_sort: String,
    pub level: String,
    pub position: Option<String>,
    pub school_id: Option<String>,
    pub workplace: Option<String>,
    pub status: String,
    pub approved_order_id: Option<String>,
    pub approved_on: Option<NaiveDate>,
    pub excluded_order_id: Option<String>,
    pub excluded_on: Option<NaiveDate>,
    pub exclusion_reason: Option<String>,
    pub nomination_id: Option<String>,
    #[diesel(embed)]
    pub book: MemberBook,
    pub list_number: Option<i32>,
    pub level_basis: Option<String>,
    pub level_document: Option<String>,
    pub specialisation: Option<String>,
    pub category: Option<String>,
}

impl MemberRow {
    pub(crate) fn status(&self) -> AppResult<MemberStatus> {
        stored(&self.status, "members.status", MemberStatus::parse)
    }
}
