//! The `attachments` row.

use crate::store::schema::attachments;
use diesel::prelude::*;

crate::bookkeeping!(AttachmentBook, attachments);

#[derive(Queryable, Selectable)]
#[diesel(table_name = attachments)]
pub(crate) struct AttachmentRow {
    pub id: String,
    pub member_id: String,
    pub school_id: Option<String>,
    pub teacher_user_id: Option<String>,
    #[diesel(embed)]
    pub book: AttachmentBook,
}
