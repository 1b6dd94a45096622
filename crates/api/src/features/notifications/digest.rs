//! The daily digest: at `DIGEST_HOUR` in each digest user's zone, one e-mail with the
//! notifications since their last digest. The `(user_id, local_day)` key of
//! `notification_digests` is the claim, so two server processes running the job at the
//! same moment write one digest; the mail worker sends it.

use crate::error::AppResult;
use crate::store::conn::DbConn;
use crate::store::record::new_id;
use crate::store::schema::{notification_digests as nd, notification_settings as ns};
use crate::store::schema::{notifications, users};
use crate::store::zone;
use chrono::{NaiveDateTime, Timelike};
use diesel::prelude::*;
use tutornet_domain::notifications::{digest_subject, DIGEST_HOUR};

/// A digest written by the job.
#[derive(Debug, Clone)]
pub struct Digest {
    pub user_id: String,
    pub local_day: chrono::NaiveDate,
    pub items: usize,
    pub subject: String,
    pub body: String,
}

/// Active users who chose the digest.
pub fn subscribers(conn: &mut DbConn) -> AppResult<Vec<String>> {
    Ok(ns::table
        .inner_join(users::table)
        .filter(ns::digest.eq(true))
        .filter(users::active.eq(true))
        .filter(users::archived_at.is_null())
        .order(ns::user_id.asc())
        .select(ns::user_id)
        .load(conn)?)
}

/// Claims and writes today's digest of one user (run it in a write transaction): `None`
/// before the digest hour in the user's zone, when today's digest is already written, or
/// when the user no longer wants one. A day without notifications is claimed with an
/// empty digest that is never sent.
pub fn write(
    conn: &mut DbConn,
    user_id: &str,
    now: NaiveDateTime,
    base_url: &str,
) -> AppResult<Option<Digest>> {
    let Some((digest, since)) = ns::table
        .find(user_id)
        .select((ns::digest, ns::digest_since))
        .first::<(bool, NaiveDateTime)>(conn)
        .optional()?
    else {
        return Ok(None);
    };
    let tz = zone::of_user(conn, user_id)?;
    let local = zone::local(now, tz);
    if !digest || local.hour() < DIGEST_HOUR {
        return Ok(None);
    }
    let day = local.date();
    let done: i64 = nd::table
        .filter(nd::user_id.eq(user_id))
        .filter(nd::local_day.eq(day))
        .count()
        .get_result(conn)?;
    if done > 0 {
        return Ok(None);
    }
    let last: Option<NaiveDateTime> = nd::table
        .filter(nd::user_id.eq(user_id))
        .select(diesel::dsl::max(nd::at))
        .first(conn)?;
    let since = last.map_or(since, |l| l.max(since));
    let rows: Vec<(String, NaiveDateTime, String, String, Option<String>)> = notifications::table
        .filter(notifications::user_id.eq(user_id))
        .filter(notifications::at.gt(since))
        .filter(notifications::at.le(now))
        .order(notifications::id.asc())
        .select((
            notifications::id,
            notifications::at,
            notifications::title,
            notifications::body,
            notifications::link,
        ))
        .load(conn)?;
    let name: String = users::table
        .find(user_id)
        .select(users::full_name)
        .first(conn)?;
    let subject = digest_subject(rows.len(), day);
    let mut body = format!(
        "{}, здравствуйте!\n\nУведомления с {} по {}:\n",
        tutornet_domain::text::polite_name(&name),
        zone::datetime_ru(since, tz),
        zone::datetime_ru(now, tz)
    );
    for (i, (_, at, title, text, link)) in rows.iter().enumerate() {
        body.push_str(&format!(
            "\n{}. {} ({})\n{text}\n",
            i + 1,
            title,
            zone::datetime_ru(*at, tz)
        ));
        if let Some(l) = link {
            body.push_str(&format!("{}{l}\n", base_url.trim_end_matches('/')));
        }
    }
    body.push_str(&format!(
        "\nСводка приходит раз в день в {DIGEST_HOUR:02}:00; получать письмо о каждом \
         уведомлении можно в профиле: {}/profile\n\n— tutornet, муниципальное сообщество тьюторов\n",
        base_url.trim_end_matches('/')
    ));
    diesel::insert_into(nd::table)
        .values((
            nd::id.eq(new_id()),
            nd::user_id.eq(user_id),
            nd::local_day.eq(day),
            nd::at.eq(now),
            nd::items.eq(rows.len() as i32),
            nd::subject.eq(&subject),
            nd::body.eq(&body),
            nd::emailed_at.eq(rows.is_empty().then_some(now)),
        ))
        .execute(conn)?;
    // The digested notifications are never e-mailed one by one.
    let ids: Vec<&String> = rows.iter().map(|r| &r.0).collect();
    diesel::update(notifications::table.filter(notifications::id.eq_any(ids)))
        .filter(notifications::emailed_at.is_null())
        .set(notifications::emailed_at.eq(Some(now)))
        .execute(conn)?;
    Ok(Some(Digest {
        user_id: user_id.to_string(),
        local_day: day,
        items: rows.len(),
        subject,
        body,
    }))
}

/// A digest waiting for the mail worker: (id, e-mail, name, subject, body).
pub type Pending = (String, String, String, String, String);

/// Digests written but not yet e-mailed.
pub fn pending(conn: &mut DbConn) -> AppResult<Vec<Pending>> {
    Ok(nd::table
        .inner_join(users::table)
        .filter(nd::emailed_at.is_null())
        .order(nd::id.asc())
        .limit(20)
        .select((
            nd::id,
            users::email,
            users::full_name,
            nd::subject,
            nd::body,
        ))
        .load(conn)?)
}

/// Claims a pending digest for sending (`false`: another worker took it).
pub fn claim_send(conn: &mut DbConn, id: &str) -> AppResult<bool> {
    Ok(diesel::update(nd::table.find(id))
        .filter(nd::emailed_at.is_null())
        .set(nd::emailed_at.eq(Some(crate::store::record::now())))
        .execute(conn)?
        == 1)
}

/// Gives a claimed digest back after a failed send.
pub fn unclaim_send(conn: &mut DbConn, id: &str) -> AppResult<()> {
    diesel::update(nd::table.find(id))
        .set(nd::emailed_at.eq(None::<NaiveDateTime>))
        .execute(conn)?;
    Ok(())
}
