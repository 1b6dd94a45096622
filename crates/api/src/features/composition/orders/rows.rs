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
}
