//! Diesel rows of users (private to the noun).

use crate::error::{AppError, AppResult};
use crate::store::schema::users;
use crate::store::stored;
use diesel::prelude::*;
use tutornet_domain::permissions::Role;
use tutornet_domain::users::User;

crate::bookkeeping!(UserBook, users);

#[derive(Queryable, Selectable)]
#[diesel(table_name = users)]
pub(super) struct UserRow {
    pub id: String,
    pub email: String,
    pub full_name: String,
    pub name_sort: String,
    pub role: String,
    pub region_id: String,
    pub municipality_id: Option<String>,
    pub school_id: Option<String>,
    pub position: Option<String>,
    pub active: bool,
    pub last_login_at: Option<chrono::NaiveDateTime>,
    #[diesel(embed)]
    pub book: UserBook,
}

impl TryFrom<UserRow> for User {
    type Error = AppError;

    fn try_from(r: UserRow) -> AppResult<User> {
        Ok(User {
            id: r.id,
            email: r.email,
            full_name: r.full_name,
            role: stored(&r.role, "users.role", Role::parse)?,
            region_id: r.region_id,
            municipality_id: r.municipality_id,
            school_id: r.school_id,
            position: r.position,
            active: r.active,
            last_login_at: r.last_login_at.map(|t| t.and_utc()),
            meta: r.book.into(),
        })
    }
}
