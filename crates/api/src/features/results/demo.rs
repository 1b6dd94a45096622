//! Demo data: two years of ВПР in Russian, grade 5, for four schools of the first
//! municipality — a ШНОР whose failing share falls, another whose share rises — so the
//! dynamics, the chart and the risk list are not empty.

use super::repo;
use super::rows::NewResult;
use crate::error::AppResult;
use crate::store::conn::DbConn;
use crate::store::record::new_id;
use crate::store::schema::{academic_years, schools, subjects};
use diesel::prelude::*;

/// One year of a school: participants and «2», «3», «4», «5».
type YearCounts = (i32, [i32; 4]);

/// (school, [2025/2026, 2026/2027]).
const VPR: [(&str, [YearCounts; 2]); 4] = [
    ("МОБУ СОШ № 2", [(24, [9, 8, 5, 2]), (25, [5, 10, 7, 3])]),
    ("МБОУ СОШ № 1", [(56, [6, 22, 20, 8]), (58, [5, 22, 22, 9])]),
    ("МОБУ СОШ № 3", [(18, [5, 7, 4, 2]), (17, [6, 6, 4, 1])]),
    ("МБОУ СОШ № 5", [(40, [4, 16, 14, 6]), (42, [4, 17, 14, 7])]),
];

pub fn load_demo(conn: &mut DbConn, municipality_id: &str) -> AppResult<()> {
    let subject: Option<String> = subjects::table
        .filter(subjects::name.eq("Русский язык"))
        .select(subjects::id)
        .first(conn)
        .optional()?;
    let years: Vec<String> = ["2025/2026", "2026/2027"]
        .iter()
        .filter_map(|n| {
            academic_years::table
                .filter(academic_years::name.eq(*n))
                .select(academic_years::id)
                .first(conn)
                .ok()
        })
        .collect();
    let (Some(subject), [last, this]) = (subject, years.as_slice()) else {
        return Ok(());
    };
    for (short, data) in VPR {
        let Some(school): Option<String> = schools::table
            .filter(schools::municipality_id.eq(municipality_id))
            .filter(schools::short_name.eq(short))
            .select(schools::id)
            .first(conn)
            .optional()?
        else {
            continue;
        };
        for (year, (p, m)) in [last, this].into_iter().zip(data) {
            let id = new_id();
            let row = NewResult {
                id: &id,
                municipality_id,
                school_id: &school,
                academic_year_id: year,
                procedure: "vpr",
                subject_id: &subject,
                grade: 5,
                class_label: "",
                participants: p,
                mark2: Some(m[0]),
                mark3: Some(m[1]),
                mark4: Some(m[2]),
                mark5: Some(m[3]),
                below_threshold: None,
                mean_score: None,
            };
            repo::insert(conn, None, &row)?;
        }
    }
    Ok(())
}
