//! Queries of diagnostics (private to the noun): indicators, campaigns, results.

use crate::access::Reach;
use crate::error::{AppError, AppResult};
use crate::store::conn::DbConn;
use crate::store::page::{finish_page, page_limit, Cursor};
use crate::store::record::Found;
use crate::store::schema::{
    competency_indicators as ci, diagnostic_campaigns as dc, diagnostic_results as dr,
};
use diesel::prelude::*;
use tutornet_domain::growth::diagnostics::{
    Campaign, CampaignFilter, CampaignMethod, CompetencyArea, Indicator, Respondents,
};
use tutornet_domain::Page;

crate::bookkeeping!(CampaignBook, diagnostic_campaigns);

#[derive(Queryable, Selectable)]
#[diesel(table_name = dc)]
pub(super) struct CampaignRow {
    pub id: String,
    pub municipality_id: String,
    pub academic_year_id: String,
    pub title: String,
    pub held_on: chrono::NaiveDate,
    pub method: String,
    pub respondents: String,
    pub threshold: i32,
    #[diesel(embed)]
    pub book: CampaignBook,
}

fn unknown(what: &str, v: &str) -> crate::error::AppError {
    crate::error::AppError::Internal(format!("unknown {what} {v:?} in the database"))
}

impl CampaignRow {
    pub fn into_domain(self, people: i64) -> AppResult<Campaign> {
        Ok(Campaign {
            method: CampaignMethod::parse(&self.method)
                .ok_or_else(|| unknown("method", &self.method))?,
            respondents: Respondents::parse(&self.respondents)
                .ok_or_else(|| unknown("respondents", &self.respondents))?,
            id: self.id,
            municipality_id: self.municipality_id,
            academic_year_id: self.academic_year_id,
            title: self.title,
            held_on: self.held_on,
            threshold: self.threshold,
            people,
            meta: self.book.into(),
        })
    }
}

pub(super) fn indicators(conn: &mut DbConn, include_archived: bool) -> AppResult<Vec<Indicator>> {
    let mut q = ci::table.into_boxed();
    if !include_archived {
        q = q.filter(ci::archived_at.is_null());
    }
    let rows: Vec<(String, String, String, i32, Option<chrono::NaiveDateTime>)> = q
        .order((ci::position.asc(), ci::id.asc()))
        .select((ci::id, ci::area, ci::name, ci::position, ci::archived_at))
        .load(conn)?;
    rows.into_iter()
        .map(|(id, area, name, position, archived)| {
            Ok(Indicator {
                area: CompetencyArea::parse(&area).ok_or_else(|| unknown("area", &area))?,
                id,
                name,
                position,
                archived: archived.is_some(),
            })
        })
        .collect()
}

pub(super) fn find_campaign(conn: &mut DbConn, id: &str) -> AppResult<Campaign> {
    let row: CampaignRow = dc::table
        .find(id)
        .select(CampaignRow::as_select())
        .first(conn)
        .found("Диагностика не найдена")?;
    let people = people_count(conn, id)?;
    row.into_domain(people)
}

pub(super) fn people_count(conn: &mut DbConn, campaign_id: &str) -> AppResult<i64> {
    let ids: Vec<String> = dr::table
        .filter(dr::campaign_id.eq(campaign_id))
        .select(dr::user_id)
        .distinct()
        .load(conn)?;
    Ok(ids.len() as i64)
}

/// (user, indicator, score, young) of a campaign.
pub(super) fn results(
    conn: &mut DbConn,
    campaign_id: &str,
) -> AppResult<Vec<(String, String, i32, bool)>> {
    Ok(dr::table
        .filter(dr::campaign_id.eq(campaign_id))
        .select((dr::user_id, dr::indicator_id, dr::score, dr::young))
        .load(conn)?)
}

/// (indicator, score, campaign, title, held on, threshold).
pub(super) type ScoreRow = (String, i32, String, String, chrono::NaiveDate, i32);

/// A person's scores over every campaign: (indicator, score, campaign, title, held on,
/// threshold), newest campaign first.
pub(super) fn scores_of(conn: &mut DbConn, user_id: &str) -> AppResult<Vec<ScoreRow>> {
    Ok(dr::table
        .inner_join(dc::table)
        .filter(dr::user_id.eq(user_id))
        .filter(dc::archived_at.is_null())
        .order((dc::held_on.desc(), dc::id.desc()))
        .select((
            dr::indicator_id,
            dr::score,
            dc::id,
            dc::title,
            dc::held_on,
            dc::threshold,
        ))
        .load(conn)?)
}

/// The campaigns in `reach` (own: those holding the person's results; school: the
/// school's municipality), newest first.
pub(super) fn list_campaigns(
    conn: &mut DbConn,
    reach: &Reach,
    f: &CampaignFilter,
) -> AppResult<Page<Campaign>> {
    let limit = page_limit(f.limit)?;
    let after = f.cursor.as_deref().map(Cursor::decode).transpose()?;
    let mine = |u: &String| {
        dc::id.eq_any(
            dr::table
                .filter(dr::user_id.eq(u.clone()))
                .select(dr::campaign_id),
        )
    };
    let school_m = |s: &String| {
        dc::municipality_id.eq_any(
            crate::store::schema::schools::table
                .filter(crate::store::schema::schools::id.eq(s.clone()))
                .select(crate::store::schema::schools::municipality_id),
        )
    };
    let filtered = || {
        let mut q = crate::in_reach!(
            dc::table.into_boxed(), reach,
            region: (via dc::municipality_id),
            municipality: (dc::municipality_id),
            school: (with school_m),
            own: (with mine),
        );
        q = q.filter(dc::archived_at.is_null());
        if let Some(m) = &f.municipality_id {
            q = q.filter(dc::municipality_id.eq(m.clone()));
        }
        if let Some(y) = &f.academic_year_id {
            q = q.filter(dc::academic_year_id.eq(y.clone()));
        }
        q
    };
    let total: i64 = filtered().count().get_result(conn)?;
    let mut q = filtered();
    if let Some(c) = after {
        let day = chrono::NaiveDate::parse_from_str(&c.k, "%Y-%m-%d")
            .map_err(|_| AppError::field("cursor", "invalid_cursor", "Некорректный курсор"))?;
        q = q.filter(
            dc::held_on
                .lt(day)
                .or(dc::held_on.eq(day).and(dc::id.lt(c.id))),
        );
    }
    let rows: Vec<CampaignRow> = q
        .order((dc::held_on.desc(), dc::id.desc()))
        .limit(limit + 1)
        .select(CampaignRow::as_select())
        .load(conn)?;
    let mut items = Vec::new();
    let page = finish_page(
        rows,
        limit,
        total,
        |r| Cursor::new(r.held_on.to_string(), &r.id),
        |r| r,
    );
    for r in page.items {
        let n = people_count(conn, &r.id)?;
        items.push(r.into_domain(n)?);
    }
    Ok(Page {
        items,
        total: page.total,
        next_cursor: page.next_cursor,
    })
}
