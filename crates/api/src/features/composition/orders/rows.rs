//! The `composition_orders` row.

use crate::store::schema::composition_orders;
use chrono::NaiveDate;
use diesel::prelude::*;

crate::bookkeeping!(OrderBook, composition_orders);

#[derive(Queryable, Selectable)]
#[diesel(table_name = composition_orders)]
pub(crate) struct OrderRow {
    pub id: String,
    pub municipality_id: String,
    pub academic_year_id: String,
    pub kind: String,
    pub number: String,
    pub issued_on: NaiveDate,
    pub issuer: String,
    pub title: String,
    pub file_name: Option<String>,
    #[diesel(embed)]
    pub book: OrderBook,
    pub signatory_position: Option<String>,
    pub signatory_name: Option<String>,
    pub place: Option<String>,
    pub appendix_number: i32,
    pub issuer_full_name: Option<String>,
    pub preamble: Option<String>,
    /// The order's items, one per line.
    pub items: Option<String>,
}
