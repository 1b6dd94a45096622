//! Diesel rows and insert forms of requests (private to the noun).

use crate::store::schema::{request_events, requests};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

#[derive(Queryable, Selectable, Clone)]
#[diesel(table_name = requests)]
pub(super) struct RequestRow {
    pub id: String,
    pub municipality_id: String,
    pub academic_year_id: String,
    pub school_id: String,
    pub requester_id: String,
    pub for_school: bool,
    pub form: String,
    pub subject_id: Option<String>,
    pub topic: String,
    pub problem: String,
    pub audience: String,
    pub audience_count: Option<i32>,
    pub audience_grade: Option<String>,
    pub format: String,
    pub period_from: Option<NaiveDate>,
    pub period_to: Option<NaiveDate>,
    pub status: String,
    pub tutor_user_id: Option<String>,
    pub session_id: Option<String>,
    pub decline_reason: Option<String>,
    pub channel: String,
    pub received_on: Option<NaiveDate>,
    pub contact: Option<String>,
    pub series_id: Option<String>,
    pub status_changed_at: NaiveDateTime,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub version: i32,
}

/// A new request, as filed.
#[derive(Insertable)]
#[diesel(table_name = requests)]
pub(super) struct NewRequest<'a> {
    pub id: &'a str,
    pub municipality_id: &'a str,
    pub academic_year_id: &'a str,
    pub school_id: &'a str,
    pub requester_id: &'a str,
    pub for_school: bool,
    pub form: &'a str,
    pub subject_id: Option<&'a str>,
    pub topic: &'a str,
    pub problem: &'a str,
    pub audience: &'a str,
    pub audience_count: Option<i32>,
    pub audience_grade: Option<String>,
    pub format: &'a str,
    pub period_from: Option<NaiveDate>,
    pub period_to: Option<NaiveDate>,
    pub channel: &'a str,
    pub received_on: Option<NaiveDate>,
    pub contact: Option<String>,
    pub status: &'a str,
    pub status_changed_at: NaiveDateTime,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub created_by: &'a str,
    pub updated_by: &'a str,
    pub version: i32,
}

/// One step of a request's history.
#[derive(Insertable)]
#[diesel(table_name = request_events)]
pub(super) struct NewEvent<'a> {
    pub id: String,
    pub request_id: &'a str,
    pub at: NaiveDateTime,
    pub actor_id: Option<&'a str>,
    pub from_status: Option<&'a str>,
    pub to_status: &'a str,
    pub comment: Option<&'a str>,
}

/// A history step as read: (at, actor, from, to, comment).
pub(super) type EventRow = (
    NaiveDateTime,
    Option<String>,
    Option<String>,
    String,
    Option<String>,
);
