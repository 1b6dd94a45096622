//! The in-app inbox: one row per recipient and event.

use crate::error::{AppError, AppResult};
use crate::store::conn::DbConn;
use crate::store::record::new_id;
use crate::store::record::now;
use crate::store::schema::{notifications, users};
use diesel::prelude::*;
use tutornet_domain::community::{Notification, NotificationPage};
use tutornet_domain::permissions::Role;

/// Queues a notification for each recipient (the actor is skipped).
pub fn notify(
    conn: &mut DbConn,
    recipients: &[String],
    actor_id: Option<&str>,
    kind: &str,
    title: &str,
    body: &str,
    link: Option<&str>,
) -> AppResult<()> {
    let mut seen = std::collections::HashSet::new();
    for r in recipients {
        if Some(r.as_str()) == actor_id || !seen.insert(r) {
            continue;
        }
        diesel::insert_into(notifications::table)
            .values((
                notifications::id.eq(new_id()),
                notifications::user_id.eq(r),
                notifications::at.eq(now()),
                notifications::kind.eq(kind),
                notifications::title.eq(title),
                notifications::body.eq(body),
                notifications::link.eq(link),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Active coordinators of a municipality.
pub fn coordinators(conn: &mut DbConn, municipality_id: &str) -> AppResult<Vec<String>> {
    Ok(users::table
        .filter(users::municipality_id.eq(municipality_id))
        .filter(users::role.eq(Role::Coordinator.as_str()))
        .filter(users::active.eq(true))
        .filter(users::archived_at.is_null())
        .select(users::id)
        .load(conn)?)
}

type Row = (
    String,
    chrono::NaiveDateTime,
    String,
    String,
    String,
    Option<String>,
    Option<chrono::NaiveDateTime>,
);

pub fn list(conn: &mut DbConn, user_id: &str, unread_only: bool) -> AppResult<NotificationPage> {
    let mut q = notifications::table
        .filter(notifications::user_id.eq(user_id))
        .into_boxed();
    if unread_only {
        q = q.filter(notifications::read_at.is_null());
    }
    let rows: Vec<Row> = q
        .order(notifications::id.desc())
        .limit(100)
        .select((
            notifications::id,
            notifications::at,
            notifications::kind,
            notifications::title,
            notifications::body,
            notifications::link,
            notifications::read_at,
        ))
        .load(conn)?;
    let unread: i64 = notifications::table
        .filter(notifications::user_id.eq(user_id))
        .filter(notifications::read_at.is_null())
        .count()
        .get_result(conn)?;
    Ok(NotificationPage {
        items: rows
            .into_iter()
            .map(|r| Notification {
                id: r.0,
                at: r.1.and_utc(),
                kind: r.2,
                title: r.3,
                body: r.4,
                link: r.5,
                read: r.6.is_some(),
            })
            .collect(),
        unread,
    })
}

pub fn mark_read(conn: &mut DbConn, user_id: &str, id: Option<&str>) -> AppResult<()> {
    let mut q = diesel::update(notifications::table)
        .filter(notifications::user_id.eq(user_id))
        .filter(notifications::read_at.is_null())
        .into_boxed();
    if let Some(id) = id {
        let exists: i64 = notifications::table
            .filter(notifications::id.eq(id))
            .filter(notifications::user_id.eq(user_id))
            .count()
            .get_result(conn)?;
        if exists == 0 {
            return Err(AppError::NotFound("Уведомление не найдено".into()));
        }
        q = q.filter(notifications::id.eq(id.to_string()));
    }
    q.set(notifications::read_at.eq(Some(now())))
        .execute(conn)?;
    Ok(())
}
