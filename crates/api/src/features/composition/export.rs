//! Export of the approved composition in the layout of the order's appendix
//! (000 Прил. 1), written by the shared [`crate::docs`] writers.

use super::members::repo as members;
use super::shared::resolve_year;
use crate::auth::AuthUser;
use crate::docs::TableDoc;
use crate::error::{AppError, AppResult};
use crate::store::conn::DbConn;
use crate::store::schema::schools;
use chrono::NaiveDate;
use diesel::prelude::*;
use std::collections::HashMap;
use tutornet_domain::composition::{subjects_phrase, ExportQuery};
use tutornet_domain::permissions::{Action, Resource};
use tutornet_domain::text::{collation_key, format_date_ru};

pub const HEADING: &str = "СОСТАВ муниципального сообщества тьюторов";
pub const COLUMNS: [&str; 4] = [
    "№ п/п",
    "Предмет",
    "ФИО (полностью)",
    "Должность, место работы",
];

/// The table of the approved composition and the file name without extension
/// («sostav-2026-2027»).
pub struct ExportTable {
    pub doc: TableDoc,
    pub file_stem: String,
}

pub fn export_table(conn: &mut DbConn, user: &AuthUser, q: &ExportQuery) -> AppResult<ExportTable> {
    user.reach(Resource::Composition, Action::Read)?;
    let m = q
        .municipality_id
        .clone()
        .or_else(|| user.municipality_id.clone())
        .ok_or_else(|| AppError::field("municipality_id", "required", "Выберите муниципалитет"))?;
    let municipality = crate::features::municipalities::ops::find(conn, &m)?;
    user.check(
        Resource::Composition,
        Action::Read,
        &crate::auth::Place {
            region_id: &municipality.region_id,
            municipality_id: Some(&m),
            ..Default::default()
        },
    )?;
    let year_id = resolve_year(conn, q.academic_year_id.as_deref())?;
    let year = crate::features::academic_years::ops::find(conn, &year_id)?;
    let tz = crate::store::zone::stored(&municipality.effective_time_zone)?;
    let on: NaiveDate = q.on_date.unwrap_or_else(|| crate::store::zone::today(tz));
    let members = members::approved_on(conn, &m, &year_id, on)?;
    let full_names = {
        let ids: Vec<String> = members.iter().filter_map(|x| x.school_id.clone()).collect();
        let rows: Vec<(String, String)> = if ids.is_empty() {
            Vec::new()
        } else {
            schools::table
                .filter(schools::id.eq_any(ids))
                .select((schools::id, schools::full_name))
                .load(conn)?
        };
        rows.into_iter().collect::<HashMap<_, _>>()
    };
    let mut rows: Vec<(String, String, String)> = members
        .into_iter()
        .map(|x| {
            let subject = subjects_phrase(
                &x.subjects
                    .iter()
                    .map(|s| s.name.clone())
                    .collect::<Vec<_>>(),
            );
            let place = x
                .workplace
                .clone()
                .or_else(|| {
                    x.school_id
                        .as_ref()
                        .and_then(|s| full_names.get(s).cloned())
                })
                .unwrap_or_default();
            let pos = [x.position.clone().unwrap_or_default(), place]
                .into_iter()
                .filter(|s| !s.trim().is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            (subject, x.full_name, pos)
        })
        .collect();
    rows.sort_by_cached_key(|(s, n, _)| (collation_key(s), collation_key(n)));
    Ok(ExportTable {
        doc: TableDoc {
            sheet: "Состав".into(),
            heading: vec![
                HEADING.to_string(),
                municipality.name.clone(),
                format!(
                    "{} учебный год, по состоянию на {}",
                    year.name,
                    format_date_ru(on)
                ),
            ],
            bold_heading_lines: 2,
            columns: COLUMNS.iter().map(|c| c.to_string()).collect(),
            rows: rows
                .into_iter()
                .enumerate()
                .map(|(i, (s, n, p))| vec![(i + 1).to_string(), s, n, p])
                .collect(),
            numbered: true,
            xlsx_widths: vec![6.0, 26.0, 36.0, 70.0],
            docx_grid: vec![700, 2200, 2800, 4300],
        },
        file_stem: format!("sostav-{}", year.name.replace('/', "-")),
    })
}
