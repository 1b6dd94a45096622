//! Import of a results table (one row per school: «ОО · участники · 2 · 3 · 4 · 5» in
//! counts or percent) through the shared preview → confirm table import of
//! [`crate::docs`]: the columns are read off the header (or given), schools are
//! matched as in the composition import, and confirm replaces each school's slice —
//! all or nothing.

use super::repo::{self, Slice};
use super::rules::{check_year_subject, write_slice, Entry, R};
use crate::auth::AuthUser;
use crate::docs::{self, RawRow, Source, TableImport};
use crate::error::AppResult;
use crate::features::composition::io::{known_schools, match_school};
use crate::store::conn::DbConn;
use std::collections::HashSet;
use tutornet_domain::audit::AuditAction;
use tutornet_domain::composition::ImportFormat;
use tutornet_domain::permissions::Action;
use tutornet_domain::results::table::{header_mapping, read_row};
use tutornet_domain::results::{
    ColumnMapping, CountUnit, ResultsImportPreview, ResultsImportRequest, ResultsImportResult,
    ResultsImportRow, Totals,
};
use tutornet_domain::FieldError;

pub fn preview(
    conn: &mut DbConn,
    user: &AuthUser,
    req: &ResultsImportRequest,
) -> AppResult<ResultsImportPreview> {
    let import = Table::new(conn, user, req)?;
    docs::preview(conn, &import, source(req.format), &req.content)
}

pub fn confirm(
    conn: &mut DbConn,
    user: &AuthUser,
    req: &ResultsImportRequest,
) -> AppResult<ResultsImportResult> {
    let import = Table::new(conn, user, req)?;
    docs::confirm(conn, &import, source(req.format), &req.content)
}

fn source(f: ImportFormat) -> Source {
    match f {
        ImportFormat::Text => Source::Text,
        ImportFormat::Csv => Source::Csv,
        ImportFormat::Xlsx => Source::Xlsx,
    }
}

struct Table<'a> {
    user: &'a AuthUser,
    req: &'a ResultsImportRequest,
    region: String,
    /// The header row's cells and what they name.
    header: Option<(Vec<String>, ColumnMapping, bool)>,
}

impl<'a> Table<'a> {
    fn new(
        conn: &mut DbConn,
        user: &'a AuthUser,
        req: &'a ResultsImportRequest,
    ) -> AppResult<Self> {
        let reach = user.reach(R, Action::Create)?;
        let region = crate::access::places::check_new_in(
            conn,
            &reach,
            &req.municipality_id,
            "Можно загружать результаты только своего муниципалитета",
        )?;
        if !(1..=11).contains(&req.grade) {
            return Err(crate::error::AppError::field(
                "grade",
                "invalid_grade",
                "Класс (параллель) — от 1 до 11",
            ));
        }
        check_year_subject(conn, &req.academic_year_id, &req.subject_id)?;
        let header = docs::import::read_table(source(req.format), &req.content)
            .ok()
            .and_then(|rows| {
                rows.into_iter()
                    .find_map(|r| header_mapping(&r.cells).map(|(m, pct)| (r.cells, m, pct)))
            });
        Ok(Table {
            user,
            req,
            region,
            header,
        })
    }

    /// The mapping used: the request's, the header's, else positional (after a «№»
    /// column when the first row starts with a number).
    fn mapping(&self, first: Option<&RawRow>) -> ColumnMapping {
        if let Some(m) = &self.req.mapping {
            return m.clone();
        }
        if let Some((_, m, _)) = &self.header {
            return m.clone();
        }
        let numbered = first.is_some_and(|r| {
            let c0 = r
                .cells
                .first()
                .map(|c| c.trim().trim_end_matches('.'))
                .unwrap_or("");
            let wide = if self.req.procedure.by_threshold() {
                4
            } else {
                7
            };
            !c0.is_empty() && c0.chars().all(|c| c.is_ascii_digit()) && r.cells.len() >= wide
        });
        ColumnMapping::positional(self.req.procedure, numbered)
    }

    fn unit(&self) -> Option<CountUnit> {
        self.req.unit.or(match &self.header {
            Some((_, _, true)) => Some(CountUnit::Percent),
            _ => None,
        })
    }
}

impl TableImport for Table<'_> {
    type Plan = ResultsImportPreview;
    type Done = ResultsImportResult;
    const NO_ROWS: &'static str = "В таблице нет строк с результатами школ";

    fn analyse(&self, conn: &mut DbConn, raw: Vec<RawRow>) -> AppResult<ResultsImportPreview> {
        let req = self.req;
        let raw: Vec<RawRow> = raw
            .into_iter()
            .filter(|r| header_mapping(&r.cells).is_none())
            .collect();
        let mapping = self.mapping(raw.first());
        let unit = self.unit();
        let known = known_schools(conn, &req.municipality_id)?;
        let stored: HashSet<(String, String)> = repo::has_slice(
            conn,
            &req.academic_year_id,
            req.procedure,
            &req.subject_id,
            req.grade,
        )?
        .into_iter()
        .collect();
        let mut seen: HashSet<(String, String)> = HashSet::new();
        let mut rows = Vec::new();
        for r in raw {
            let n = rows.len();
            let err = |msg: &str| {
                FieldError::new(
                    &format!("rows[{n}]"),
                    "bad_row",
                    format!("Строка {}: {msg}", r.line),
                )
            };
            let (numbers, mut errors) = match read_row(&r.cells, &mapping, unit, req.procedure) {
                Ok(x) => (x, Vec::new()),
                Err(msgs) => (
                    tutornet_domain::results::table::RowNumbers {
                        school: r.cells.get(mapping.school).cloned().unwrap_or_default(),
                        ..Default::default()
                    },
                    msgs.iter().map(|m| err(m)).collect(),
                ),
            };
            let school = (!numbers.school.trim().is_empty())
                .then(|| match_school(&known, &numbers.school))
                .flatten();
            if school.is_none() && !numbers.school.trim().is_empty() {
                errors.push(FieldError::new(
                    &format!("rows[{n}].school"),
                    "unknown_school",
                    format!(
                        "Строка {}: школа «{}» не найдена в муниципалитете",
                        r.line,
                        numbers.school.trim()
                    ),
                ));
            }
            let class = numbers.class_label.clone().unwrap_or_default();
            let mut replaces = false;
            if let Some(s) = school {
                let key = (s.id.clone(), class.clone());
                replaces = stored.contains(&key);
                if !seen.insert(key) {
                    errors.push(err("школа (и класс) уже есть в таблице выше"));
                }
            }
            let [m2, m3, m4, m5] = numbers.marks.map(|m| m.map(Some)).unwrap_or([None; 4]);
            let metrics = Totals::of(numbers.participants, numbers.marks, numbers.below_threshold)
                .metrics(req.procedure);
            rows.push(ResultsImportRow {
                line: r.line,
                school_text: numbers.school.trim().to_string(),
                school_id: school.map(|s| s.id.clone()),
                school_name: school.map(|s| s.short_name.clone()),
                class_label: numbers.class_label.clone(),
                participants: numbers.participants,
                mark2: m2,
                mark3: m3,
                mark4: m4,
                mark5: m5,
                below_threshold: numbers.below_threshold,
                mean_score: numbers.mean_score,
                from_percent: numbers.from_percent,
                metrics,
                replaces,
                errors,
            });
        }
        Ok(ResultsImportPreview {
            municipality_id: req.municipality_id.clone(),
            academic_year_id: req.academic_year_id.clone(),
            procedure: req.procedure,
            subject_id: req.subject_id.clone(),
            grade: req.grade,
            header: self
                .header
                .as_ref()
                .map(|h| h.0.clone())
                .unwrap_or_default(),
            mapping,
            unit,
            error_rows: rows.iter().filter(|r| !r.errors.is_empty()).count() as i32,
            replacing_rows: rows.iter().filter(|r| r.replaces).count() as i32,
            rows,
        })
    }

    fn rows(plan: &ResultsImportPreview) -> usize {
        plan.rows.len()
    }

    fn errors(plan: &ResultsImportPreview) -> Vec<FieldError> {
        plan.rows.iter().flat_map(|r| r.errors.clone()).collect()
    }

    fn apply(&self, conn: &mut DbConn, p: ResultsImportPreview) -> AppResult<ResultsImportResult> {
        let mut out = ResultsImportResult {
            created: 0,
            replaced: 0,
            result_ids: Vec::new(),
        };
        for r in &p.rows {
            let Some(school) = &r.school_id else { continue };
            let marks = match (r.mark2, r.mark3, r.mark4, r.mark5) {
                (Some(a), Some(b), Some(c), Some(d)) => Some([a, b, c, d]),
                _ => None,
            };
            let e = Entry {
                municipality: &p.municipality_id,
                region: &self.region,
                slice: Slice {
                    year: &p.academic_year_id,
                    procedure: p.procedure,
                    subject: &p.subject_id,
                    grade: p.grade,
                    school,
                    class_label: r.class_label.as_deref().unwrap_or(""),
                },
                participants: r.participants,
                marks,
                below_threshold: r.below_threshold,
                mean_score: r.mean_score,
            };
            let (id, replaced) = write_slice(conn, self.user, &e, AuditAction::Import)?;
            out.created += 1;
            out.replaced += replaced;
            out.result_ids.push(id);
        }
        Ok(out)
    }
}
