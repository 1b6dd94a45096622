//! Counts for the home page within the caller's reach.

use crate::auth::{AuthUser, Reach};
use crate::error::AppResult;
use crate::store::conn::DbConn;
use crate::store::schema::{municipalities, users};
use diesel::prelude::*;
use tutornet_domain::permissions::{Action, Resource};
use tutornet_domain::stats::Stats;

pub fn stats(conn: &mut DbConn, user: &AuthUser) -> AppResult<Stats> {
    let reach = user.reach(Resource::Stats, Action::Read)?;
    let mut s = Stats::default();
    let school_reach = user
        .try_reach(Resource::School, Action::Read)
        .unwrap_or(reach.clone());
    let count = |conn: &mut DbConn, flag: Option<fn(&mut tutornet_domain::org::SchoolFilter)>| {
        let mut f = tutornet_domain::org::SchoolFilter::default();
        if let Some(set) = flag {
            set(&mut f);
        }
        crate::features::schools::repo::list(
            conn,
            &school_reach,
            &tutornet_domain::org::SchoolFilter {
                limit: Some(1),
                ..f
            },
        )
        .map(|p| p.total)
    };
    s.schools = count(conn, None)?;
    s.low_results_schools = count(conn, Some(|f| f.is_low_results = Some(true)))?;
    s.difficult_conditions_schools = count(conn, Some(|f| f.is_difficult_conditions = Some(true)))?;
    s.schools_500plus = count(conn, Some(|f| f.is_500plus = Some(true)))?;
    s.mentor_schools = count(conn, Some(|f| f.is_mentor = Some(true)))?;
    s.municipalities = match &reach {
        Reach::Region(r) => municipalities::table
            .filter(municipalities::region_id.eq(r))
            .filter(municipalities::archived_at.is_null())
            .count()
            .get_result(conn)?,
        _ => 1,
    };
    s.users = match user.try_reach(Resource::User, Action::Read) {
        Some(Reach::Own(_)) | None => 0,
        Some(r) => {
            let mut q = users::table
                .filter(users::active.eq(true))
                .filter(users::archived_at.is_null())
                .into_boxed();
            q = crate::in_reach!(
                q, &r,
                region: (users::region_id),
                municipality: (users::municipality_id),
                school: (users::school_id),
                own: (users::id),
            );
            q.count().get_result(conn)?
        }
    };
    s.current_academic_year = crate::features::academic_years::ops::current(conn)?.map(|y| y.name);
    Ok(s)
}
