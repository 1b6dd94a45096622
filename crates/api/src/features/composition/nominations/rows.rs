//! The `nominations` row.

use crate::error::AppResult;
use crate::store::schema::nominations;
use crate::store::stored;
use diesel::prelude::*;
use tutornet_domain::composition::NominationStatus;

crate::bookkeeping!(NominationBook, nominations);

#[derive(Queryable, Selectable)]
#[diesel(table_name = nominations)]
pub(crate) struct NominationRow {
    pub id: String,
    pub municipality_id: String,
    pub academic_year_id: String,
    pub school_id: String,
    pub teacher_user_id: Option<String>,
    pub full_name: String,
    pub subject_id: String,
    pub position: Option<String>,
    pub is_current_teacher: bool,
    pub experience_years: i32,
    pub achievements: Option<String>,
    pub has_authority: bool,
    pub ready_to_help: bool,
    pub ready_to_tutor: bool,
    pub justification: String,
    pub status: String,
    pub decision_reason: Option<String>,
    pub decided_by: Option<String>,
    pub decided_at: Option<chrono::NaiveDateTime>,
    pub member_id: Option<String>,
    #[diesel(embed)]
    pub book: NominationBook,
}

impl NominationRow {
    pub(crate) fn status(&self) -> AppResult<NominationStatus> {
        stored(&self.status, "nominations.status", NominationStatus::parse)
    }
}
