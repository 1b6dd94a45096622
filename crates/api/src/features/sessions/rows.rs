//! Diesel rows and insert forms of sessions (private to the noun).

use crate::store::schema::{session_tutors, sessions};
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// A stored session; serialised as is into audit entries.
#[derive(Queryable, Selectable, Clone, serde::Serialize)]
#[diesel(table_name = sessions)]
pub(super) struct SessionRow {
    pub id: String,
    pub municipality_id: String,
    pub academic_year_id: String,
    pub series_id: Option<String>,
    pub form: String,
    pub subject_id: Option<String>,
    pub title: String,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub place: Option<String>,
    pub online_link: Option<String>,
    pub format: String,
    pub audience: String,
    pub seats: Option<i32>,
    pub status: String,
    pub cancel_reason: Option<String>,
    pub open_to: String,
    pub students_class: Option<String>,
    pub students_count: Option<i32>,
    pub outcome: Option<String>,
    pub summary: Option<String>,
    pub private_notes: Option<String>,
    pub materials: Option<String>,
    pub held_at: Option<NaiveDateTime>,
    pub consultation_point_id: Option<String>,
    pub version: i32,
}

/// A new planned session (one occurrence of a series).
#[derive(Insertable)]
#[diesel(table_name = sessions)]
pub(super) struct NewSession<'a> {
    pub id: &'a str,
    pub municipality_id: &'a str,
    pub academic_year_id: &'a str,
    pub series_id: Option<&'a str>,
    pub form: &'a str,
    pub subject_id: Option<&'a str>,
    pub title: &'a str,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub place: Option<String>,
    pub online_link: Option<String>,
    pub format: &'a str,
    pub audience: &'a str,
    pub seats: Option<i32>,
    pub consultation_point_id: Option<&'a str>,
    pub open_to: &'a str,
    pub status: &'a str,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub created_by: &'a str,
    pub updated_by: &'a str,
    pub version: i32,
}

/// A tutor of a session.
#[derive(Insertable)]
#[diesel(table_name = session_tutors)]
pub(super) struct NewSessionTutor<'a> {
    pub session_id: &'a str,
    pub user_id: &'a str,
}

/// A registration's row for the session card:
/// (id, user, status, attended, created, user's school, user's name).
pub(super) type RegistrationRow = (
    String,
    String,
    String,
    Option<bool>,
    NaiveDateTime,
    Option<String>,
    String,
);

/// An amendment: (at, author, field, before, after, note).
pub(super) type AmendmentRow = (
    NaiveDateTime,
    Option<String>,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// A rating: (user, user's name, score, comment, created).
pub(super) type RatingRow = (String, String, i32, Option<String>, NaiveDateTime);
