//! Conventions of every row: UUIDv7 ids, microsecond timestamps, `Meta`, versions.

use crate::error::{AppError, AppResult};
use chrono::{NaiveDateTime, Timelike, Utc};

pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

pub fn now() -> NaiveDateTime {
    // Microsecond precision: what both backends store.
    let n = Utc::now().naive_utc();
    n.with_nanosecond((n.nanosecond() / 1000) * 1000)
        .unwrap_or(n)
}

/// The `Meta` of a row.
pub fn meta(
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
    created_by: Option<String>,
    updated_by: Option<String>,
    archived_at: Option<NaiveDateTime>,
    version: i32,
) -> tutornet_domain::org::Meta {
    tutornet_domain::org::Meta {
        created_at: created_at.and_utc(),
        updated_at: updated_at.and_utc(),
        created_by,
        updated_by,
        archived_at: archived_at.map(|a| a.and_utc()),
        version,
    }
}

/// Fails with 409 when the client's version is stale, 422 when it sent none.
pub fn check_version(sent: Option<i32>, current: i32) -> AppResult<()> {
    match sent {
        None => Err(AppError::field(
            "version",
            "required",
            "Укажите версию записи (поле version), на основе которой сделано изменение",
        )),
        Some(v) if v != current => Err(AppError::version_conflict(current)),
        Some(_) => Ok(()),
    }
}

/// Reads one row into its domain type; no row is 404 with `not_found` as the message.
pub trait Found<R> {
    fn found<T: From<R>>(self, not_found: &str) -> AppResult<T>;
}

impl<R> Found<R> for diesel::QueryResult<R> {
    fn found<T: From<R>>(self, not_found: &str) -> AppResult<T> {
        use diesel::OptionalExtension;
        self.optional()?
            .map(T::from)
            .ok_or_else(|| AppError::NotFound(not_found.into()))
    }
}

/// Maps a unique-constraint violation of a write to a 422 on `field` (e.g. «Такой
/// предмет уже есть»); any other error stays as it is.
pub fn taken(
    field: &'static str,
    message: &'static str,
) -> impl Fn(diesel::result::Error) -> AppError {
    move |e| match AppError::from(e) {
        AppError::Conflict { .. } => AppError::field(field, "already_exists", message),
        other => other,
    }
}

/// The bookkeeping columns of a row (created/updated at and by, archived at, version) as
/// a struct embedded into the row with `#[diesel(embed)]`; it becomes the record's `Meta`.
///
/// `bookkeeping!(SchoolBook, schools);`
#[macro_export]
macro_rules! bookkeeping {
    ($name:ident, $table:ident) => {
        #[derive(diesel::Queryable, diesel::Selectable, Clone)]
        #[diesel(table_name = $crate::store::schema::$table)]
        pub struct $name {
            pub created_at: chrono::NaiveDateTime,
            pub updated_at: chrono::NaiveDateTime,
            pub created_by: Option<String>,
            pub updated_by: Option<String>,
            pub archived_at: Option<chrono::NaiveDateTime>,
            pub version: i32,
        }

        impl From<$name> for tutornet_domain::org::Meta {
            fn from(b: $name) -> Self {
                $crate::store::record::meta(
                    b.created_at,
                    b.updated_at,
                    b.created_by,
                    b.updated_by,
                    b.archived_at,
                    b.version,
                )
            }
        }
    };
}

/// The bookkeeping values of a new row of `table`, made by `who` (`Option<String>`):
/// created and updated now, version 1. Goes into `insert_into(..).values((.., this))`.
#[macro_export]
macro_rules! new_bookkeeping {
    ($table:ident, $who:expr) => {{
        use diesel::ExpressionMethods;
        let t = $crate::store::record::now();
        let who: Option<String> = $who;
        (
            $crate::store::schema::$table::created_at.eq(t),
            $crate::store::schema::$table::updated_at.eq(t),
            $crate::store::schema::$table::created_by.eq(who.clone()),
            $crate::store::schema::$table::updated_by.eq(who),
            $crate::store::schema::$table::version.eq(1),
        )
    }};
}
