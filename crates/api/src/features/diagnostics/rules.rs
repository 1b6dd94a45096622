//! Operations on diagnostics: the framework, campaigns, their results as each caller
//! may see them (a teacher their own, a school its people, the municipality all), and
//! the deficits and scores other nouns read (trajectories).

use super::repo;
use crate::access::Reach;
use crate::auth::AuthUser;
use crate::error::{AppError, AppResult};
use crate::new_bookkeeping;
use crate::store::audit::Scope;
use crate::store::conn::DbConn;
use crate::store::record::{new_id, taken};
use crate::store::schema::{
    competency_indicators as ci, diagnostic_campaigns as dc, diagnostic_results as dr,
    school_flags, users,
};
use crate::store::Audit;
use diesel::prelude::*;
use std::collections::{HashMap, HashSet};
use tutornet_domain::audit::AuditEntity;
use tutornet_domain::growth::diagnostics::{
    heat_cells, is_deficit, Campaign, CampaignFilter, CampaignInput, CampaignResults, Deficit,
    Indicator, IndicatorInput, PersonResult, SchoolHeat, Score, DEFAULT_THRESHOLD,
};
use tutornet_domain::permissions::{Action, Resource};
use tutornet_domain::Page;

const R: Resource = Resource::Diagnostics;

pub fn indicators(conn: &mut DbConn) -> AppResult<Vec<Indicator>> {
    repo::indicators(conn, false)
}

/// Adds an indicator to the framework (admins; coordinators for the region's framework).
pub fn add_indicator(
    conn: &mut DbConn,
    user: &AuthUser,
    input: &IndicatorInput,
) -> AppResult<Indicator> {
    // Only admins and coordinators create diagnostics (the permission matrix).
    user.reach(R, Action::Create)?;
    input.validate().map_err(AppError::Validation)?;
    let area = input.area.expect("validated");
    let last: Option<i32> = ci::table
        .select(diesel::dsl::max(ci::position))
        .first(conn)?;
    let id = new_id();
    diesel::insert_into(ci::table)
        .values((
            ci::id.eq(&id),
            ci::area.eq(area.as_str()),
            ci::name.eq(input.name.trim()),
            ci::position.eq(last.unwrap_or(0) + 1),
            new_bookkeeping!(competency_indicators, Some(user.id.clone())),
        ))
        .execute(conn)
        .map_err(taken("name", "Такой показатель в этой области уже есть"))?;
    let made = repo::indicators(conn, true)?
        .into_iter()
        .find(|i| i.id == id)
        .ok_or_else(|| AppError::Internal("indicator vanished".into()))?;
    Audit::new(
        user,
        AuditEntity::Indicator,
        &id,
        Scope::region(&user.region_id),
    )
    .created(conn, &made)?;
    Ok(made)
}

/// Whether the reach covers a campaign: its municipality, a school of it, or (own) a
/// campaign with the caller's results.
fn covers(conn: &mut DbConn, reach: &Reach, c: &Campaign) -> AppResult<bool> {
    let region = crate::access::places::region_of(conn, &c.municipality_id)?.unwrap_or_default();
    let has = |conn: &mut DbConn, u: &str| -> AppResult<bool> {
        let n: i64 = dr::table
            .filter(dr::campaign_id.eq(&c.id))
            .filter(dr::user_id.eq(u))
            .count()
            .get_result(conn)?;
        Ok(n > 0)
    };
    let in_school = |conn: &mut DbConn, s: &str| -> AppResult<bool> {
        let m: Option<String> = crate::store::schema::schools::table
            .find(s)
            .select(crate::store::schema::schools::municipality_id)
            .first(conn)
            .optional()?;
        Ok(m.as_deref() == Some(c.municipality_id.as_str()))
    };
    Ok(match reach {
        Reach::Region(r) => &region == r,
        Reach::Municipality(m) => m == &c.municipality_id,
        Reach::School(s) => in_school(conn, s)?,
        Reach::Own(u) => has(conn, u)?,
        Reach::SchoolOrOwn(s, u) => in_school(conn, s)? || has(conn, u)?,
    })
}

/// Whether the reach shows a person's results (school: its people; own: oneself).
fn shows(reach: &Reach, user_id: &str, school_id: Option<&str>) -> bool {
    match reach {
        Reach::Region(_) | Reach::Municipality(_) => true,
        Reach::School(s) => school_id == Some(s.as_str()),
        Reach::Own(u) => u == user_id,
        Reach::SchoolOrOwn(s, u) => school_id == Some(s.as_str()) || u == user_id,
    }
}

pub fn list_campaigns(
    conn: &mut DbConn,
    user: &AuthUser,
    f: &CampaignFilter,
) -> AppResult<Page<Campaign>> {
    let reach = user.reach(R, Action::Read)?;
    repo::list_campaigns(conn, &reach, f)
}

pub fn create_campaign(
    conn: &mut DbConn,
    user: &AuthUser,
    input: &CampaignInput,
) -> AppResult<Campaign> {
    let reach = user.reach(R, Action::Create)?;
    input.validate().map_err(AppError::Validation)?;
    let region = crate::access::places::check_new_in(
        conn,
        &reach,
        &input.municipality_id,
        "Диагностики проводят в своём муниципалитете",
    )?;
    let year = match input
        .academic_year_id
        .as_deref()
        .filter(|s| !s.trim().is_empty())
    {
        Some(y) => y.to_string(),
        None => crate::features::academic_years::ops::require_current(conn)?.id,
    };
    let id = new_id();
    diesel::insert_into(dc::table)
        .values((
            dc::id.eq(&id),
            dc::municipality_id.eq(&input.municipality_id),
            dc::academic_year_id.eq(&year),
            dc::title.eq(input.title.trim()),
            dc::held_on.eq(input.held_on.expect("validated")),
            dc::method.eq(input.method.expect("validated").as_str()),
            dc::respondents.eq(input.respondents.expect("validated").as_str()),
            dc::threshold.eq(input.threshold.unwrap_or(DEFAULT_THRESHOLD)),
            new_bookkeeping!(diagnostic_campaigns, Some(user.id.clone())),
        ))
        .execute(conn)
        .map_err(|e| match AppError::from(e) {
            AppError::Conflict { .. } => AppError::field(
                "academic_year_id",
                "invalid_reference",
                "Учебный год не найден",
            ),
            other => other,
        })?;
    let made = repo::find_campaign(conn, &id)?;
    Audit::new(
        user,
        AuditEntity::DiagnosticCampaign,
        &id,
        Scope::municipality(&region, &made.municipality_id),
    )
    .created(conn, &made)?;
    Ok(made)
}

/// The campaign (404 outside the caller's reach) and the reach it was read with.
pub(super) fn readable(
    conn: &mut DbConn,
    user: &AuthUser,
    id: &str,
) -> AppResult<(Campaign, Reach)> {
    let c = repo::find_campaign(conn, id)?;
    let reach = user.reach(R, Action::Read)?;
    if !covers(conn, &reach, &c)? {
        return Err(AppError::NotFound("Диагностика не найдена".into()));
    }
    Ok((c, reach))
}

/// A campaign the caller may load results into (its municipality's coordinators).
pub(super) fn writable(
    conn: &mut DbConn,
    user: &AuthUser,
    id: &str,
) -> AppResult<(Campaign, String)> {
    let (c, _) = readable(conn, user, id)?;
    let region = crate::access::places::check_place(
        conn,
        user,
        R,
        Action::Update,
        &c.municipality_id,
        None,
    )?;
    Ok((c, region))
}

pub fn results(conn: &mut DbConn, user: &AuthUser, id: &str) -> AppResult<CampaignResults> {
    let (campaign, reach) = readable(conn, user, id)?;
    let names: HashMap<String, (String, i32, String)> = repo::indicators(conn, true)?
        .into_iter()
        .map(|i| {
            (
                i.id.clone(),
                (i.name, i.position, i.area.as_str().to_string()),
            )
        })
        .collect();
    let rows = repo::results(conn, id)?;
    let people_ids: Vec<String> = rows
        .iter()
        .map(|r| r.0.clone())
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let people_rows: Vec<(String, String, Option<String>)> = users::table
        .filter(users::id.eq_any(&people_ids))
        .select((users::id, users::full_name, users::school_id))
        .load(conn)?;
    let schools = crate::store::names::school_short_names(
        conn,
        people_rows.iter().filter_map(|p| p.2.clone()).collect(),
    )?;
    let mut people: Vec<PersonResult> = people_rows
        .into_iter()
        .filter(|(u, _, s)| shows(&reach, u, s.as_deref()))
        .map(|(u, name, s)| {
            let mut scores: Vec<(i32, Score)> = rows
                .iter()
                .filter(|r| r.0 == u)
                .filter_map(|r| {
                    let (n, pos, area) = names.get(&r.1)?;
                    Some((
                        *pos,
                        Score {
                            indicator_id: r.1.clone(),
                            indicator_name: n.clone(),
                            area: tutornet_domain::growth::diagnostics::CompetencyArea::parse(
                                area,
                            )?,
                            score: r.2,
                            deficit: is_deficit(r.2, campaign.threshold),
                        },
                    ))
                })
                .collect();
            scores.sort_by_key(|s| s.0);
            let scores: Vec<Score> = scores.into_iter().map(|s| s.1).collect();
            PersonResult {
                young: rows.iter().any(|r| r.0 == u && r.3),
                deficits: scores.iter().filter(|s| s.deficit).count() as i64,
                school_name: s.as_ref().and_then(|s| schools.get(s).cloned()),
                user_id: u,
                full_name: name,
                school_id: s,
                scores,
            }
        })
        .collect();
    tutornet_domain::text::sort_ru(&mut people, |p| p.full_name.as_str());
    let low: HashSet<String> = school_flags::table
        .filter(school_flags::academic_year_id.eq(&campaign.academic_year_id))
        .filter(
            school_flags::is_low_results
                .eq(true)
                .or(school_flags::is_difficult_conditions.eq(true)),
        )
        .filter(school_flags::archived_at.is_null())
        .select(school_flags::school_id)
        .load::<String>(conn)?
        .into_iter()
        .collect();
    let mut by_school: Vec<(Option<String>, String)> = people
        .iter()
        .map(|p| {
            (
                p.school_id.clone(),
                p.school_name.clone().unwrap_or_else(|| "Без школы".into()),
            )
        })
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    tutornet_domain::text::sort_ru(&mut by_school, |s| s.1.as_str());
    let schools = by_school
        .into_iter()
        .map(|(sid, name)| {
            let of: Vec<&PersonResult> = people.iter().filter(|p| p.school_id == sid).collect();
            SchoolHeat {
                low_results: sid.as_ref().is_some_and(|s| low.contains(s)),
                people: of.len() as i64,
                cells: heat_cells(&of),
                school_id: sid,
                school_name: name,
            }
        })
        .collect();
    Ok(CampaignResults {
        campaign,
        people,
        schools,
    })
}

/// Whether the caller may read this person's diagnostics.
fn check_person(conn: &mut DbConn, user: &AuthUser, user_id: &str) -> AppResult<()> {
    let person: Option<(Option<String>, Option<String>, String)> = users::table
        .find(user_id)
        .select((users::municipality_id, users::school_id, users::region_id))
        .first(conn)
        .optional()?;
    let Some((m, s, region)) = person else {
        return Err(AppError::NotFound("Пользователь не найден".into()));
    };
    crate::access::require(
        user,
        R,
        Action::Read,
        &crate::access::Place {
            region_id: &region,
            municipality_id: m.as_deref(),
            school_id: s.as_deref(),
            user_id: Some(user_id),
        },
    )
}

/// A person's deficits: per indicator, its latest score when that is below its
/// campaign's threshold, indicators in framework order.
pub fn deficits(conn: &mut DbConn, user: &AuthUser, user_id: &str) -> AppResult<Vec<Deficit>> {
    check_person(conn, user, user_id)?;
    let names: HashMap<String, Indicator> = repo::indicators(conn, true)?
        .into_iter()
        .map(|i| (i.id.clone(), i))
        .collect();
    let mut seen = HashSet::new();
    let mut out: Vec<(i32, Deficit)> = Vec::new();
    for (ind, score, cid, title, held_on, threshold) in repo::scores_of(conn, user_id)? {
        if !seen.insert(ind.clone()) || !is_deficit(score, threshold) {
            continue;
        }
        if let Some(i) = names.get(&ind) {
            out.push((
                i.position,
                Deficit {
                    indicator_id: ind,
                    indicator_name: i.name.clone(),
                    area: i.area,
                    score,
                    threshold,
                    campaign_id: cid,
                    campaign_title: title,
                    held_on,
                },
            ));
        }
    }
    out.sort_by_key(|d| d.0);
    Ok(out.into_iter().map(|d| d.1).collect())
}

/// For trajectories: the latest score of `user_id` per indicator in campaigns held on or
/// before `until` (the «before»), and after `after` (the re-diagnosis).
pub fn latest_scores(
    conn: &mut DbConn,
    user_id: &str,
    until: Option<chrono::NaiveDate>,
    after: Option<chrono::NaiveDate>,
) -> AppResult<HashMap<String, i32>> {
    let mut out = HashMap::new();
    for (ind, score, _, _, held_on, _) in repo::scores_of(conn, user_id)? {
        if until.is_some_and(|u| held_on > u) || after.is_some_and(|a| held_on <= a) {
            continue;
        }
        out.entry(ind).or_insert(score);
    }
    Ok(out)
}

/// Ids of indicators that exist (for a trajectory's deficits).
pub fn existing_indicators(
    conn: &mut DbConn,
    ids: &[String],
) -> AppResult<HashMap<String, Indicator>> {
    Ok(repo::indicators(conn, true)?
        .into_iter()
        .filter(|i| ids.contains(&i.id))
        .map(|i| (i.id.clone(), i))
        .collect())
}
