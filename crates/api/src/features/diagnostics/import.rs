//! A campaign's results from a table (preview → confirm, all or nothing): the header row
//! names the columns — ФИО, E-mail, Школа, Молодой педагог and the indicators by their
//! wording — and each row is a person of the municipality with a score per indicator.
//! Confirm replaces the person's earlier scores in the campaign, never duplicates them.

use crate::docs::{self, RawRow, Source, TableImport};
use crate::error::{AppError, AppResult};
use crate::store::conn::DbConn;
use crate::store::record::new_id;
use crate::store::schema::{diagnostic_results as dr, users};
use diesel::prelude::*;
use std::collections::{HashMap, HashSet};
use tutornet_domain::growth::diagnostics::{
    fixed_column, is_deficit, parse_score, parse_yes, Campaign, DiagnosticImport,
    DiagnosticImportPreview, DiagnosticImportResult, FixedColumn, ImportColumn, ImportPersonRow,
};
use tutornet_domain::text::search_key;
use tutornet_domain::FieldError;

struct Results<'a> {
    campaign: &'a Campaign,
}

/// What each cell of the header is.
enum Col {
    Fixed(FixedColumn),
    Indicator(usize),
    Blank,
}

/// A person of the municipality: (id, full name, e-mail, school).
type Person = (String, String, String, Option<String>);

/// The municipality's active people.
fn people(conn: &mut DbConn, m: &str) -> AppResult<Vec<Person>> {
    Ok(users::table
        .filter(users::municipality_id.eq(m))
        .filter(users::active.eq(true))
        .filter(users::archived_at.is_null())
        .select((users::id, users::full_name, users::email, users::school_id))
        .load(conn)?)
}

fn header_key(h: &str) -> String {
    // «1. Умеет …» and «Умеет …» name the same indicator.
    let k = search_key(h);
    let t = k.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ');
    t.trim_end_matches(['.', ':', ' ']).to_string()
}

impl TableImport for Results<'_> {
    type Plan = DiagnosticImportPreview;
    type Done = DiagnosticImportResult;
    const NO_ROWS: &'static str = "В таблице нет строк с результатами";

    fn analyse(&self, conn: &mut DbConn, rows: Vec<RawRow>) -> AppResult<Self::Plan> {
        let mut rows = rows.into_iter();
        let Some(header) = rows.next() else {
            return Ok(DiagnosticImportPreview {
                columns: vec![],
                rows: vec![],
                invalid: 0,
            });
        };
        let indicators = super::repo::indicators(conn, false)?;
        let mut columns: Vec<ImportColumn> = Vec::new();
        let mut cols: Vec<Col> = Vec::new();
        let mut unknown = Vec::new();
        for cell in &header.cells {
            let k = header_key(cell);
            if k.is_empty() {
                cols.push(Col::Blank);
            } else if let Some(f) = fixed_column(&k) {
                cols.push(Col::Fixed(f));
            } else if let Some(i) = indicators.iter().find(|i| header_key(&i.name) == k) {
                cols.push(Col::Indicator(columns.len()));
                columns.push(ImportColumn {
                    header: cell.trim().to_string(),
                    indicator_id: i.id.clone(),
                    indicator_name: i.name.clone(),
                    area: i.area,
                });
            } else if k == "№" || k == "№ п/п" || k == "n" {
                cols.push(Col::Blank);
            } else {
                unknown.push(cell.trim().to_string());
            }
        }
        if !cols
            .iter()
            .any(|c| matches!(c, Col::Fixed(FixedColumn::FullName)))
        {
            return Err(AppError::field(
                "content",
                "no_header",
                "В первой строке таблицы нужны заголовки: «ФИО», «E-mail» и формулировки показателей",
            ));
        }
        if !unknown.is_empty() {
            return Err(AppError::field(
                "content",
                "unknown_column",
                format!(
                    "Столбцы не совпадают ни с одним показателем диагностики: «{}». Проверьте формулировки или добавьте показатели",
                    unknown.join("», «")
                ),
            ));
        }
        if columns.is_empty() {
            return Err(AppError::field(
                "content",
                "no_indicators",
                "В таблице нет ни одного столбца с показателем",
            ));
        }
        let all = people(conn, &self.campaign.municipality_id)?;
        let by_email: HashMap<String, usize> = all
            .iter()
            .enumerate()
            .map(|(i, p)| (p.2.to_lowercase(), i))
            .collect();
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, p) in all.iter().enumerate() {
            by_name.entry(search_key(&p.1)).or_default().push(i);
        }
        let schools = crate::store::names::school_short_names(
            conn,
            all.iter().filter_map(|p| p.3.clone()).collect(),
        )?;
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for r in rows {
            let cell = |i: usize| r.cells.get(i).map(|s| s.trim()).unwrap_or("");
            let mut row = ImportPersonRow {
                line: r.line,
                full_name: String::new(),
                email: None,
                user_id: None,
                school_name: None,
                young: false,
                scores: vec![None; columns.len()],
                deficits: 0,
                errors: Vec::new(),
            };
            let err = |row: &mut ImportPersonRow, f: &str, code: &str, m: String| {
                row.errors.push(FieldError::new(
                    &format!("rows[{}].{f}", r.line),
                    code,
                    format!("Строка {}: {m}", r.line),
                ));
            };
            for (i, c) in cols.iter().enumerate() {
                match c {
                    Col::Fixed(FixedColumn::FullName) => row.full_name = cell(i).to_string(),
                    Col::Fixed(FixedColumn::Email) => {
                        row.email = Some(cell(i).to_string()).filter(|s| !s.is_empty())
                    }
                    Col::Fixed(FixedColumn::School) => {
                        row.school_name = Some(cell(i).to_string()).filter(|s| !s.is_empty())
                    }
                    Col::Fixed(FixedColumn::Young) => row.young = parse_yes(cell(i)),
                    Col::Indicator(k) => {
                        let v = cell(i);
                        if v.is_empty() {
                            continue;
                        }
                        match parse_score(v) {
                            Some(s) => row.scores[*k] = Some(s),
                            None => err(
                                &mut row,
                                "score",
                                "invalid_score",
                                format!(
                                    "«{v}» в столбце «{}» — не балл от 0 до 100 %",
                                    columns[*k].header
                                ),
                            ),
                        }
                    }
                    Col::Blank => {}
                }
            }
            if row.full_name.is_empty() {
                err(&mut row, "full_name", "required", "не указано ФИО".into());
            }
            let found = match &row.email {
                Some(e) => by_email.get(&e.to_lowercase()).copied().ok_or_else(|| {
                    format!("пользователь с адресом {e} не найден в муниципалитете")
                }),
                None => match by_name.get(&search_key(&row.full_name)).map(|v| v.as_slice()) {
                    Some([one]) => Ok(*one),
                    Some([_, _, ..]) => Err("несколько пользователей с таким ФИО — укажите e-mail".into()),
                    _ => Err(format!("«{}» не найден(а) среди пользователей муниципалитета: заведите учётную запись или укажите e-mail", row.full_name)),
                },
            };
            match found {
                Ok(i) if !row.full_name.is_empty() => {
                    let p = &all[i];
                    if !seen.insert(p.0.clone()) {
                        err(
                            &mut row,
                            "full_name",
                            "duplicate",
                            format!("{} уже есть в таблице выше", p.1),
                        );
                    }
                    row.user_id = Some(p.0.clone());
                    row.full_name = p.1.clone();
                    if row.school_name.is_none() {
                        row.school_name = p.3.as_ref().and_then(|s| schools.get(s).cloned());
                    }
                }
                Ok(_) => {}
                Err(m) => err(&mut row, "full_name", "not_found", m),
            }
            if row.scores.iter().all(|s| s.is_none()) {
                err(&mut row, "score", "required", "нет ни одного балла".into());
            }
            row.deficits = row
                .scores
                .iter()
                .flatten()
                .filter(|s| is_deficit(**s, self.campaign.threshold))
                .count() as i64;
            out.push(row);
        }
        let invalid = out.iter().filter(|r| !r.errors.is_empty()).count() as i64;
        Ok(DiagnosticImportPreview {
            columns,
            rows: out,
            invalid,
        })
    }

    fn rows(plan: &Self::Plan) -> usize {
        plan.rows.len()
    }

    fn errors(plan: &Self::Plan) -> Vec<FieldError> {
        plan.rows.iter().flat_map(|r| r.errors.clone()).collect()
    }

    fn apply(&self, conn: &mut DbConn, plan: Self::Plan) -> AppResult<Self::Done> {
        let mut done = DiagnosticImportResult {
            people: 0,
            scores: 0,
            deficits: 0,
        };
        for row in plan.rows {
            let Some(u) = row.user_id else { continue };
            diesel::delete(
                dr::table
                    .filter(dr::campaign_id.eq(&self.campaign.id))
                    .filter(dr::user_id.eq(&u)),
            )
            .execute(conn)?;
            for (col, score) in plan.columns.iter().zip(&row.scores) {
                let Some(s) = score else { continue };
                diesel::insert_into(dr::table)
                    .values((
                        dr::id.eq(new_id()),
                        dr::campaign_id.eq(&self.campaign.id),
                        dr::user_id.eq(&u),
                        dr::indicator_id.eq(&col.indicator_id),
                        dr::score.eq(*s),
                        dr::young.eq(row.young),
                    ))
                    .execute(conn)?;
                done.scores += 1;
            }
            done.people += 1;
            done.deficits += row.deficits;
        }
        Ok(done)
    }
}

pub fn preview(
    conn: &mut DbConn,
    user: &crate::auth::AuthUser,
    id: &str,
    req: &DiagnosticImport,
) -> AppResult<DiagnosticImportPreview> {
    let (campaign, _) = super::rules::writable(conn, user, id)?;
    docs::preview(
        conn,
        &Results {
            campaign: &campaign,
        },
        Source::from(req.format),
        &req.content,
    )
}

pub fn confirm(
    conn: &mut DbConn,
    user: &crate::auth::AuthUser,
    id: &str,
    req: &DiagnosticImport,
) -> AppResult<DiagnosticImportResult> {
    let (campaign, region) = super::rules::writable(conn, user, id)?;
    let done = docs::confirm(
        conn,
        &Results {
            campaign: &campaign,
        },
        Source::from(req.format),
        &req.content,
    )?;
    crate::store::Audit::new(
        user,
        tutornet_domain::audit::AuditEntity::DiagnosticCampaign,
        id,
        crate::store::audit::Scope::municipality(&region, &campaign.municipality_id),
    )
    .record(
        conn,
        tutornet_domain::audit::AuditAction::Import,
        None,
        Some(&done),
    )?;
    Ok(done)
}
