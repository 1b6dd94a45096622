//! Diesel rows and insert forms of reviews (private to the noun).

use crate::store::schema::{review_events, review_rounds, review_templates, reviews};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

#[derive(Queryable, Selectable, Clone)]
#[diesel(table_name = reviews)]
pub(super) struct ReviewRow {
    pub id: String,
    pub municipality_id: String,
    pub academic_year_id: String,
    pub school_id: String,
    pub author_id: String,
    pub for_school: bool,
    pub document_type: String,
    pub title: String,
    pub subject_id: Option<String>,
    pub grades: Option<String>,
    pub status: String,
    pub expert_id: Option<String>,
    pub same_school_confirmed: bool,
    pub no_conflict_declared_at: Option<NaiveDateTime>,
    pub round: i32,
    pub template_version: i32,
    pub criteria: String,
    pub due_on: Option<NaiveDate>,
    pub request_id: Option<String>,
    pub conclusion_text: Option<String>,
    pub recommendations: Option<String>,
    pub private_notes: Option<String>,
    pub signed_at: Option<NaiveDateTime>,
    pub signed_by: Option<String>,
    pub status_changed_at: NaiveDateTime,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub version: i32,
}

#[derive(Insertable)]
#[diesel(table_name = reviews)]
pub(super) struct NewReview<'a> {
    pub id: &'a str,
    pub municipality_id: &'a str,
    pub academic_year_id: &'a str,
    pub school_id: &'a str,
    pub author_id: &'a str,
    pub for_school: bool,
    pub document_type: &'a str,
    pub title: &'a str,
    pub subject_id: Option<&'a str>,
    pub grades: Option<String>,
    pub status: &'a str,
    pub same_school_confirmed: bool,
    pub round: i32,
    pub template_version: i32,
    pub criteria: String,
    pub request_id: Option<&'a str>,
    pub status_changed_at: NaiveDateTime,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub created_by: &'a str,
    pub updated_by: &'a str,
    pub version: i32,
}

#[derive(Insertable)]
#[diesel(table_name = review_rounds)]
pub(super) struct NewRound<'a> {
    pub id: String,
    pub review_id: &'a str,
    pub number: i32,
    pub verdicts: String,
    pub author_comment: Option<&'a str>,
    pub started_at: NaiveDateTime,
}

/// A round as read: (number, verdicts JSON, author comment, started at).
pub(super) type RoundRow = (i32, String, Option<String>, NaiveDateTime);

#[derive(Insertable)]
#[diesel(table_name = review_events)]
pub(super) struct NewEvent<'a> {
    pub id: String,
    pub review_id: &'a str,
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

#[derive(Insertable)]
#[diesel(table_name = review_templates)]
pub(super) struct NewTemplate<'a> {
    pub id: String,
    pub municipality_id: &'a str,
    pub document_type: &'a str,
    pub version: i32,
    pub criteria: String,
    pub created_at: NaiveDateTime,
    pub created_by: &'a str,
}

/// A stored template version: (version, criteria JSON, created at, created by).
pub(super) type TemplateRow = (i32, String, NaiveDateTime, Option<String>);
