//! Queries of reviews, their rounds, history and templates (private to the noun).

use super::rows::{
    EventRow, NewEvent, NewReview, NewRound, NewTemplate, ReviewRow, RoundRow, TemplateRow,
};
use crate::auth::Reach;
use crate::error::{AppError, AppResult};
use crate::store::conn::{DbConn, MultiBackend};
use crate::store::record::{new_id, now};
use crate::store::schema::{review_events, review_rounds, review_templates, reviews};
use diesel::prelude::*;
use diesel::sql_types::{Bool, Nullable};
use tutornet_domain::permissions::{Relation, Resource};
use tutornet_domain::reviews::ReviewFilter;

pub(super) fn find_row(conn: &mut DbConn, id: &str) -> AppResult<ReviewRow> {
    reviews::table
        .find(id)
        .select(ReviewRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| AppError::NotFound("Экспертиза не найдена".into()))
}

pub(super) fn insert(conn: &mut DbConn, r: &NewReview) -> AppResult<()> {
    diesel::insert_into(reviews::table)
        .values(r)
        .execute(conn)?;
    Ok(())
}

type Boxed<'a> = reviews::BoxedQuery<'a, MultiBackend>;
type Condition = Box<dyn BoxableExpression<reviews::table, MultiBackend, SqlType = Nullable<Bool>>>;

/// A review's relation to user `u` as SQL — the same relations `policy::Facts::holds`
/// decides in memory.
fn holds(relation: Relation, u: &str) -> Condition {
    match relation {
        Relation::ReviewAuthor => Box::new(reviews::author_id.eq(u.to_string()).nullable()),
        Relation::ReviewExpert => Box::new(reviews::expert_id.eq(u.to_string())),
        _ => Box::new(diesel::dsl::sql::<Nullable<Bool>>("1 = 0")),
    }
}

/// Reviews that are `u`'s own: any relation of `Resource::Review` holds.
fn own(u: &str) -> Condition {
    Resource::Review
        .relations()
        .iter()
        .map(|r| holds(*r, u))
        .reduce(|a, b| Box::new(a.or(b)))
        .unwrap_or_else(|| Box::new(diesel::dsl::sql::<Nullable<Bool>>("1 = 0")))
}

fn filtered<'a>(reach: &'a Reach, me: &'a str, f: &'a ReviewFilter) -> Boxed<'a> {
    let mut q = reviews::table.into_boxed();
    q = crate::in_reach!(
        q, reach,
        region: (via reviews::municipality_id),
        municipality: (reviews::municipality_id),
        school: (reviews::school_id),
        own: (with own),
    );
    if f.mine == Some(true) {
        q = q.filter(own(me));
    }
    if let Some(s) = f.status {
        q = q.filter(reviews::status.eq(s.as_str()));
    }
    if let Some(s) = &f.school_id {
        q = q.filter(reviews::school_id.eq(s.clone()));
    }
    if let Some(e) = &f.expert_id {
        q = q.filter(reviews::expert_id.eq(e.clone()));
    }
    if let Some(t) = f.document_type {
        q = q.filter(reviews::document_type.eq(t.as_str()));
    }
    if let Some(days) = f.stale_days {
        q = q
            .filter(reviews::status.ne_all(["accepted", "rejected"]))
            .filter(reviews::status_changed_at.le(now() - chrono::Duration::days(days)));
    }
    q
}

/// Total and one page (limit + 1 rows), newest first, after the id.
pub(super) fn page(
    conn: &mut DbConn,
    reach: &Reach,
    me: &str,
    f: &ReviewFilter,
    after: Option<String>,
    limit: i64,
) -> AppResult<(i64, Vec<ReviewRow>)> {
    let total: i64 = filtered(reach, me, f).count().get_result(conn)?;
    let mut q = filtered(reach, me, f);
    if let Some(id) = after {
        q = q.filter(reviews::id.lt(id));
    }
    let rows = q
        .order(reviews::id.desc())
        .limit(limit + 1)
        .select(ReviewRow::as_select())
        .load(conn)?;
    Ok((total, rows))
}

/// (school, status, status changed at) of every review in reach (the per-school overview).
pub(super) fn statuses(
    conn: &mut DbConn,
    reach: &Reach,
    me: &str,
) -> AppResult<Vec<(String, String, chrono::NaiveDateTime)>> {
    let f = ReviewFilter::default();
    Ok(filtered(reach, me, &f)
        .select((
            reviews::school_id,
            reviews::status,
            reviews::status_changed_at,
        ))
        .load(conn)?)
}

/// Open reviews of an expert (their workload).
pub(super) fn open_of_expert(conn: &mut DbConn, expert_id: &str) -> AppResult<i64> {
    Ok(reviews::table
        .filter(reviews::expert_id.eq(expert_id))
        .filter(reviews::status.ne_all(["accepted", "rejected"]))
        .count()
        .get_result(conn)?)
}

/// Sets the status (and what the step changes) under the row's version.
pub(super) fn set_status(
    conn: &mut DbConn,
    r: &ReviewRow,
    actor: &str,
    to: &str,
    round: i32,
) -> AppResult<usize> {
    Ok(crate::set_versioned!(
        conn,
        reviews,
        &r.id,
        r.version,
        Some(actor.to_string()),
        (
            reviews::status.eq(to),
            reviews::status_changed_at.eq(now()),
            reviews::round.eq(round),
        )
    )?)
}

/// Bumps the review's version (a write to its current round) under the row's version.
pub(super) fn touch(conn: &mut DbConn, r: &ReviewRow, actor: &str) -> AppResult<usize> {
    Ok(crate::set_versioned!(
        conn,
        reviews,
        &r.id,
        r.version,
        Some(actor.to_string()),
        (reviews::round.eq(r.round),)
    )?)
}

pub(super) fn set_expert(
    conn: &mut DbConn,
    id: &str,
    expert: &str,
    same_school: bool,
    due_on: Option<chrono::NaiveDate>,
) -> AppResult<()> {
    diesel::update(reviews::table.find(id))
        .set((
            reviews::expert_id.eq(expert),
            reviews::same_school_confirmed.eq(same_school),
            reviews::due_on.eq(due_on),
            reviews::no_conflict_declared_at.eq(None::<chrono::NaiveDateTime>),
        ))
        .execute(conn)?;
    Ok(())
}

pub(super) fn declare_no_conflict(conn: &mut DbConn, id: &str) -> AppResult<()> {
    diesel::update(reviews::table.find(id))
        .set(reviews::no_conflict_declared_at.eq(now()))
        .execute(conn)?;
    Ok(())
}

/// Writes the conclusion under the row's version.
pub(super) fn set_conclusion(
    conn: &mut DbConn,
    r: &ReviewRow,
    actor: &str,
    (text, recs, notes): (&str, &str, Option<&str>),
    sign: bool,
) -> AppResult<usize> {
    let signed_at = if sign { Some(now()) } else { r.signed_at };
    let signed_by = if sign {
        Some(actor.to_string())
    } else {
        r.signed_by.clone()
    };
    Ok(crate::set_versioned!(
        conn,
        reviews,
        &r.id,
        r.version,
        Some(actor.to_string()),
        (
            reviews::conclusion_text.eq(Some(text)),
            reviews::recommendations.eq(Some(recs)),
            reviews::private_notes.eq(notes),
            reviews::signed_at.eq(signed_at),
            reviews::signed_by.eq(signed_by),
        )
    )?)
}

pub(super) fn insert_round(conn: &mut DbConn, r: &NewRound) -> AppResult<()> {
    diesel::insert_into(review_rounds::table)
        .values(r)
        .execute(conn)?;
    Ok(())
}

pub(super) fn rounds_of(conn: &mut DbConn, review_id: &str) -> AppResult<Vec<RoundRow>> {
    Ok(review_rounds::table
        .filter(review_rounds::review_id.eq(review_id))
        .order(review_rounds::number.asc())
        .select((
            review_rounds::number,
            review_rounds::verdicts,
            review_rounds::author_comment,
            review_rounds::started_at,
        ))
        .load(conn)?)
}

pub(super) fn set_verdicts(
    conn: &mut DbConn,
    review_id: &str,
    number: i32,
    verdicts: &str,
) -> AppResult<()> {
    diesel::update(
        review_rounds::table
            .filter(review_rounds::review_id.eq(review_id))
            .filter(review_rounds::number.eq(number)),
    )
    .set(review_rounds::verdicts.eq(verdicts))
    .execute(conn)?;
    Ok(())
}

pub(super) fn events_of(conn: &mut DbConn, review_id: &str) -> AppResult<Vec<EventRow>> {
    Ok(review_events::table
        .filter(review_events::review_id.eq(review_id))
        .order((review_events::at.asc(), review_events::id.asc()))
        .select((
            review_events::at,
            review_events::actor_id,
            review_events::from_status,
            review_events::to_status,
            review_events::comment,
        ))
        .load(conn)?)
}

pub(super) fn insert_event(
    conn: &mut DbConn,
    review_id: &str,
    actor: Option<&str>,
    (from, to): (Option<&str>, &str),
    comment: Option<&str>,
) -> AppResult<()> {
    diesel::insert_into(review_events::table)
        .values(NewEvent {
            id: new_id(),
            review_id,
            at: now(),
            actor_id: actor,
            from_status: from,
            to_status: to,
            comment,
        })
        .execute(conn)?;
    Ok(())
}

/// The newest stored template version of a type in a municipality.
pub(super) fn latest_template(
    conn: &mut DbConn,
    municipality_id: &str,
    document_type: &str,
) -> AppResult<Option<TemplateRow>> {
    Ok(review_templates::table
        .filter(review_templates::municipality_id.eq(municipality_id))
        .filter(review_templates::document_type.eq(document_type))
        .order(review_templates::version.desc())
        .select((
            review_templates::version,
            review_templates::criteria,
            review_templates::created_at,
            review_templates::created_by,
        ))
        .first(conn)
        .optional()?)
}

pub(super) fn insert_template(conn: &mut DbConn, t: &NewTemplate) -> AppResult<()> {
    diesel::insert_into(review_templates::table)
        .values(t)
        .execute(conn)?;
    Ok(())
}
