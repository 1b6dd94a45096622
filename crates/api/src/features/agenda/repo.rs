//! The one query of the start page that no noun's list answers: the region at a glance.

use crate::error::AppResult;
use crate::store::conn::DbConn;
use crate::store::schema::{requests, sessions};
use chrono::{TimeDelta, Utc};
use diesel::prelude::*;

/// (municipality, status) of open requests; municipalities of the week's sessions.
type Activity = (Vec<(String, String)>, Vec<String>);

/// For the municipalities `ids`: (municipality, status) of every open request, and the
/// municipality of every planned session in the next seven days.
pub(super) fn region_activity(conn: &mut DbConn, ids: &[String]) -> AppResult<Activity> {
    let reqs = requests::table
        .filter(requests::municipality_id.eq_any(ids))
        .filter(requests::status.eq_any(tutornet_domain::community::RequestStatus::open_codes()))
        .select((requests::municipality_id, requests::status))
        .load(conn)?;
    let now = Utc::now().naive_utc();
    let week = sessions::table
        .filter(sessions::municipality_id.eq_any(ids))
        .filter(sessions::status.eq("planned"))
        .filter(sessions::starts_at.ge(now))
        .filter(sessions::starts_at.lt(now + TimeDelta::days(7)))
        .select(sessions::municipality_id)
        .load(conn)?;
    Ok((reqs, week))
}
