//! Diesel rows of results, calendar entries and scales (private to the noun).

use crate::error::AppResult;
use crate::store::schema::{assessment_events, assessment_results, assessment_scales};
use crate::store::stored::stored;
use diesel::prelude::*;
use tutornet_domain::results::{Procedure, Totals};

crate::bookkeeping!(ResultBook, assessment_results);
crate::bookkeeping!(EventBook, assessment_events);
crate::bookkeeping!(ScaleBook, assessment_scales);

#[derive(Queryable, Selectable, Clone)]
#[diesel(table_name = assessment_results)]
pub(super) struct ResultRow {
    pub id: String,
    pub municipality_id: String,
    pub school_id: String,
    pub academic_year_id: String,
    pub procedure: String,
    pub subject_id: String,
    pub grade: i32,
    pub class_label: String,
    pub participants: i32,
    pub mark2: Option<i32>,
    pub mark3: Option<i32>,
    pub mark4: Option<i32>,
    pub mark5: Option<i32>,
    pub below_threshold: Option<i32>,
    pub mean_score: Option<f64>,
    #[diesel(embed)]
    pub book: ResultBook,
}

impl ResultRow {
    pub fn procedure(&self) -> AppResult<Procedure> {
        stored(
            &self.procedure,
            "assessment_results.procedure",
            Procedure::parse,
        )
    }

    pub fn marks(&self) -> Option<[i32; 4]> {
        Some([self.mark2?, self.mark3?, self.mark4?, self.mark5?])
    }

    pub fn totals(&self) -> Totals {
        Totals::of(self.participants, self.marks(), self.below_threshold)
    }
}

/// The columns of a new result.
#[derive(Insertable)]
#[diesel(table_name = assessment_results)]
pub(super) struct NewResult<'a> {
    pub id: &'a str,
    pub municipality_id: &'a str,
    pub school_id: &'a str,
    pub academic_year_id: &'a str,
    pub procedure: &'a str,
    pub subject_id: &'a str,
    pub grade: i32,
    pub class_label: &'a str,
    pub participants: i32,
    pub mark2: Option<i32>,
    pub mark3: Option<i32>,
    pub mark4: Option<i32>,
    pub mark5: Option<i32>,
    pub below_threshold: Option<i32>,
    pub mean_score: Option<f64>,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = assessment_events)]
pub(super) struct EventRow {
    pub id: String,
    pub municipality_id: String,
    pub academic_year_id: String,
    pub procedure: String,
    pub subject_id: Option<String>,
    pub grade: Option<i32>,
    pub held_on: chrono::NaiveDate,
    pub title: Option<String>,
    pub note: Option<String>,
    #[diesel(embed)]
    pub book: EventBook,
}

/// The columns an event input sets.
#[derive(Insertable, AsChangeset)]
#[diesel(table_name = assessment_events, treat_none_as_null = true)]
pub(super) struct EventFields {
    pub academic_year_id: String,
    pub procedure: String,
    pub subject_id: Option<String>,
    pub grade: Option<i32>,
    pub held_on: chrono::NaiveDate,
    pub title: Option<String>,
    pub note: Option<String>,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = assessment_scales)]
pub(super) struct ScaleRow {
    pub id: String,
    pub municipality_id: String,
    pub academic_year_id: String,
    pub procedure: String,
    pub subject_id: String,
    pub grade: i32,
    pub max_score: Option<i32>,
    pub min3: Option<i32>,
    pub min4: Option<i32>,
    pub min5: Option<i32>,
    #[diesel(embed)]
    pub book: ScaleBook,
}

/// The bounds of a scale (what «changed» compares).
#[derive(AsChangeset, Insertable, PartialEq, Clone, Copy)]
#[diesel(table_name = assessment_scales, treat_none_as_null = true)]
pub(super) struct ScaleBounds {
    pub max_score: Option<i32>,
    pub min3: Option<i32>,
    pub min4: Option<i32>,
    pub min5: Option<i32>,
}

impl ScaleRow {
    pub fn bounds(&self) -> ScaleBounds {
        ScaleBounds {
            max_score: self.max_score,
            min3: self.min3,
            min4: self.min4,
            min5: self.min5,
        }
    }
}
