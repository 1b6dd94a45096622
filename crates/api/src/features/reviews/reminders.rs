//! The reminder of a review's due date: the day before it (and once overdue), to the
//! expert and the coordinators — once per due date, even when two processes run the job
//! at the same moment (the conditional update of `reminded_due_on` is the claim).

use crate::error::AppResult;
use crate::features::notifications::ops::{coordinators, notify};
use crate::store::conn::DbConn;
use crate::store::schema::reviews;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use tutornet_domain::notifications::NotificationKind;
use tutornet_domain::text::format_date_ru;

/// The statuses in which the expert owes the review.
const WITH_EXPERT: [&str; 3] = ["assigned", "in_review", "resubmitted"];

fn pending() -> reviews::BoxedQuery<'static, crate::store::conn::MultiBackend> {
    reviews::table
        .filter(reviews::status.eq_any(WITH_EXPERT))
        .filter(reviews::expert_id.is_not_null())
        .filter(
            reviews::reminded_due_on
                .is_null()
                .or(reviews::reminded_due_on.ne(reviews::due_on)),
        )
        .into_boxed()
}

/// Ids of the reviews due by tomorrow (in UTC days) not yet reminded of.
pub fn due(conn: &mut DbConn, now: NaiveDateTime) -> AppResult<Vec<String>> {
    let by = now.date() + chrono::Duration::days(1);
    Ok(pending()
        .filter(reviews::due_on.le(by))
        .order(reviews::due_on.asc())
        .select(reviews::id)
        .load(conn)?)
}

/// Claims and sends one reminder (in a write transaction); `false` when already sent.
pub fn remind(conn: &mut DbConn, id: &str, now: NaiveDateTime) -> AppResult<bool> {
    let row: Option<(String, String, Option<String>, Option<chrono::NaiveDate>)> = pending()
        .filter(reviews::id.eq(id))
        .select((
            reviews::municipality_id,
            reviews::title,
            reviews::expert_id,
            reviews::due_on,
        ))
        .first(conn)
        .optional()?;
    let Some((m, title, Some(expert), Some(due_on))) = row else {
        return Ok(false);
    };
    let claimed = diesel::update(reviews::table.find(id))
        .filter(
            reviews::reminded_due_on
                .is_null()
                .or(reviews::reminded_due_on.ne(due_on)),
        )
        .set(reviews::reminded_due_on.eq(Some(due_on)))
        .execute(conn)?;
    if claimed == 0 {
        return Ok(false);
    }
    let when = if due_on < now.date() {
        format!("срок истёк {}", format_date_ru(due_on))
    } else {
        format!("срок — {}", format_date_ru(due_on))
    };
    let mut to = vec![expert];
    to.extend(coordinators(conn, &m)?);
    notify(
        conn,
        &to,
        None,
        NotificationKind::ReviewDue.as_str(),
        NotificationKind::ReviewDue.label_ru(),
        &format!("Экспертиза «{title}»: {when}"),
        Some(&format!("/reviews/{id}")),
    )?;
    Ok(true)
}
