//! What the records of audit entries are called today: one batched query per kind of
//! record on a page (never one per entry).

use crate::error::AppResult;
use crate::store::conn::DbConn;
use crate::store::names::{school_short_names, subject_names, user_names};
use crate::store::schema::{
    academic_years, attachments, calendar_feeds, competency_indicators, composition_orders,
    consultation_points, diagnostic_campaigns, members, municipalities, nominations, regions,
    requests, school_flags, schools, sessions, trajectories, users,
};
use crate::store::zone;
use diesel::prelude::*;
use std::collections::{BTreeMap, HashMap};
use tutornet_domain::audit::AuditEntity;
use tutornet_domain::text::{format_date_ru, numero};

type Names = HashMap<String, String>;

/// Names by (entity, id) of the given entries' records; unknown entities are left out.
pub fn resolve(
    conn: &mut DbConn,
    entries: &[(&str, &str)],
) -> AppResult<HashMap<(String, String), String>> {
    let mut by_entity: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (e, id) in entries {
        by_entity.entry(e).or_default().push(id.to_string());
    }
    let mut out = HashMap::new();
    for (entity, mut ids) in by_entity {
        ids.sort();
        ids.dedup();
        let Some(kind) = AuditEntity::parse(entity) else {
            continue;
        };
        for (id, name) in of_kind(conn, kind, ids)? {
            out.insert((entity.to_string(), id), name);
        }
    }
    Ok(out)
}

fn pairs(rows: Vec<(String, String)>) -> Names {
    rows.into_iter().collect()
}

fn of_kind(conn: &mut DbConn, kind: AuditEntity, ids: Vec<String>) -> AppResult<Names> {
    use AuditEntity as E;
    Ok(match kind {
        E::User | E::NotificationSettings => user_names(conn, ids)?,
        E::School => school_short_names(conn, ids)?
            .into_iter()
            .map(|(k, v)| (k, numero(&v)))
            .collect(),
        E::Subject => subject_names(conn, ids)?,
        E::Region => pairs(
            regions::table
                .filter(regions::id.eq_any(ids))
                .select((regions::id, regions::name))
                .load(conn)?,
        ),
        E::Municipality => pairs(
            municipalities::table
                .filter(municipalities::id.eq_any(ids))
                .select((municipalities::id, municipalities::name))
                .load(conn)?,
        ),
        E::AcademicYear => pairs(
            academic_years::table
                .filter(academic_years::id.eq_any(ids))
                .select((academic_years::id, academic_years::name))
                .load(conn)?,
        ),
        E::Review => pairs(
            crate::store::schema::reviews::table
                .filter(crate::store::schema::reviews::id.eq_any(ids))
                .select((
                    crate::store::schema::reviews::id,
                    crate::store::schema::reviews::title,
                ))
                .load(conn)?,
        ),
        E::LibraryItem => crate::features::library::rules::titles(conn, ids)?,
        E::Meeting => pairs(
            crate::store::schema::meetings::table
                .filter(crate::store::schema::meetings::id.eq_any(ids))
                .select((
                    crate::store::schema::meetings::id,
                    crate::store::schema::meetings::topic,
                ))
                .load(conn)?,
        ),
        E::MeetingDecision => pairs(
            crate::store::schema::meeting_decisions::table
                .filter(crate::store::schema::meeting_decisions::id.eq_any(ids))
                .select((
                    crate::store::schema::meeting_decisions::id,
                    crate::store::schema::meeting_decisions::text,
                ))
                .load(conn)?,
        ),
        E::ReviewTemplate => ids
            .into_iter()
            .filter_map(|id| {
                let label = tutornet_domain::reviews::DocumentType::parse(&id)?.label_ru();
                Some((id, format!("Чек-лист: {label}")))
            })
            .collect(),
        E::Request => pairs(
            requests::table
                .filter(requests::id.eq_any(ids))
                .select((requests::id, requests::topic))
                .load(conn)?,
        ),
        E::Session | E::Registration | E::Rating => session_names(conn, ids)?,
        E::CompositionOrder | E::Order => composition_orders::table
            .filter(composition_orders::id.eq_any(ids))
            .select((
                composition_orders::id,
                composition_orders::number,
                composition_orders::issued_on,
            ))
            .load::<(String, String, chrono::NaiveDate)>(conn)?
            .into_iter()
            .map(|(id, n, d)| {
                (
                    id,
                    numero(&format!("Приказ № {n} от {}", format_date_ru(d))),
                )
            })
            .collect(),
        E::Member => pairs(
            members::table
                .filter(members::id.eq_any(ids))
                .select((members::id, members::full_name))
                .load(conn)?,
        ),
        E::Nomination => pairs(
            nominations::table
                .filter(nominations::id.eq_any(ids))
                .select((nominations::id, nominations::full_name))
                .load(conn)?,
        ),
        E::Attachment => pairs(
            attachments::table
                .inner_join(members::table)
                .filter(attachments::id.eq_any(ids))
                .select((attachments::id, members::full_name))
                .load(conn)?,
        ),
        E::CalendarFeed => calendar_feeds::table
            .left_join(users::table.on(users::id.nullable().eq(calendar_feeds::user_id)))
            .filter(calendar_feeds::id.eq_any(ids))
            .select((calendar_feeds::id, users::full_name.nullable()))
            .load::<(String, Option<String>)>(conn)?
            .into_iter()
            .map(|(id, who)| {
                (
                    id,
                    who.unwrap_or_else(|| "расписание муниципалитета".into()),
                )
            })
            .collect(),
        E::SchoolFlags => school_flags::table
            .inner_join(schools::table)
            .inner_join(academic_years::table)
            .filter(school_flags::id.eq_any(ids))
            .select((school_flags::id, schools::short_name, academic_years::name))
            .load::<(String, String, String)>(conn)?
            .into_iter()
            .map(|(id, school, year)| (id, numero(&format!("{school}, {year}"))))
            .collect(),
        E::ConsultationPoint => pairs(
            consultation_points::table
                .filter(consultation_points::id.eq_any(ids))
                .select((consultation_points::id, consultation_points::name))
                .load(conn)?,
        ),
        E::DiagnosticCampaign => pairs(
            diagnostic_campaigns::table
                .filter(diagnostic_campaigns::id.eq_any(ids))
                .select((diagnostic_campaigns::id, diagnostic_campaigns::title))
                .load(conn)?,
        ),
        E::Indicator => pairs(
            competency_indicators::table
                .filter(competency_indicators::id.eq_any(ids))
                .select((competency_indicators::id, competency_indicators::name))
                .load(conn)?,
        ),
        E::Trajectory => trajectories::table
            .inner_join(users::table.on(users::id.eq(trajectories::user_id)))
            .filter(trajectories::id.eq_any(ids))
            .select((trajectories::id, users::full_name))
            .load::<(String, String)>(conn)?
            .into_iter()
            .map(|(id, who)| (id, format!("ИОМ: {who}")))
            .collect(),
        E::File | E::AssessmentResult | E::AssessmentEvent | E::AssessmentScale => Names::new(),
    })
}

/// «Title, ДД.ММ.ГГГГ ЧЧ:ММ» in the zone of the session's municipality.
fn session_names(conn: &mut DbConn, ids: Vec<String>) -> AppResult<Names> {
    let rows: Vec<(
        String,
        String,
        chrono::NaiveDateTime,
        Option<String>,
        String,
    )> = sessions::table
        .inner_join(municipalities::table.on(municipalities::id.eq(sessions::municipality_id)))
        .inner_join(regions::table.on(regions::id.eq(municipalities::region_id)))
        .filter(sessions::id.eq_any(ids))
        .select((
            sessions::id,
            sessions::title,
            sessions::starts_at,
            municipalities::time_zone,
            regions::time_zone,
        ))
        .load(conn)?;
    rows.into_iter()
        .map(|(id, title, at, own, region)| {
            let tz = zone::effective(own.as_deref(), &region)?;
            Ok((id, format!("{title}, {}", zone::datetime_ru(at, tz))))
        })
        .collect()
}
