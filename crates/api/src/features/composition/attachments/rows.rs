//! The `attachments` row.

use crate::store::schema::attachments;
use diesel::prelude::*;

#[derive(Queryable, Selectable)]
#[diesel(table_name = attachments)]
pub(crate) struct AttachmentRow {
    pub id: String,
    pub member_id: String,
    pub school_id: Option<String>,
    pub teacher_user_id: Option<String>,
    pub created_at: chrono::NaiveDateTime,
    pub updated_at: chrono::NaiveDateTime,
    pub created_by: Option<String>,
    pub updated_by: Option<String>,
    pub archived_at: Option<chrono::NaiveDateTime>,
    pub version: i32,
}
