//! Import and export of the composition in the layout of the order's appendix
//! (000 Прил. 1): № п/п · Предмет · ФИО (полностью) · Должность, место работы.
//!
//! Well-kept crates do the file formats: `calamine` reads XLSX, `csv` parses CSV,
//! `rust_xlsxwriter` writes XLSX and `docx-rs` writes DOCX.

use crate::auth::AuthUser;
use crate::db::composition::{approved_members, insert_member, resolve_year, target_municipality};
use crate::db::schema::{schools, subjects};
use crate::db::{audit, new_id, DbConn};
use crate::error::{AppError, AppResult};
use chrono::NaiveDate;
use diesel::prelude::*;
use std::collections::HashMap;
use tutornet_domain::composition::{
    subjects_phrase, ExportQuery, IdName, ImportFormat, ImportPreview, ImportRequest, ImportResult,
    ImportRow, MemberInput, NewSchool, TutorLevel,
};
use tutornet_domain::org::SchoolInput;
use tutornet_domain::permissions::{Action, Resource};
use tutornet_domain::text::{collation_key, format_date_ru, search_key};
use tutornet_domain::FieldError;

pub const HEADING: &str = "СОСТАВ муниципального сообщества тьюторов";
pub const COLUMNS: [&str; 4] = [
    "№ п/п",
    "Предмет",
    "ФИО (полностью)",
    "Должность, место работы",
];
pub const XLSX_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
pub const DOCX_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

// ---------------------------------------------------------------- parsing

/// A table row: its line (from 1) and cells.
#[derive(Debug, Clone, PartialEq)]
pub struct RawRow {
    pub line: i32,
    pub cells: Vec<String>,
}

fn bad_content(message: &str) -> AppError {
    AppError::field("content", "unreadable", message)
}

/// Splits a pasted line: on tabs if it has any, else on runs of 2+ spaces.
fn split_pasted(line: &str) -> Vec<String> {
    if line.contains('\t') {
        return line.split('\t').map(|c| c.trim().to_string()).collect();
    }
    let mut cells = Vec::new();
    let mut cur = String::new();
    let mut spaces = 0;
    for c in line.chars() {
        if c == ' ' || c == '\u{a0}' {
            spaces += 1;
            continue;
        }
        if spaces >= 2 && !cur.is_empty() {
            cells.push(std::mem::take(&mut cur));
        } else if spaces == 1 && !cur.is_empty() {
            cur.push(' ');
        }
        spaces = 0;
        cur.push(c);
    }
    if !cur.is_empty() {
        cells.push(cur);
    }
    cells
}

pub fn parse_text(content: &str) -> Vec<RawRow> {
    content
        .lines()
        .enumerate()
        .map(|(i, l)| RawRow {
            line: i as i32 + 1,
            cells: split_pasted(l.trim_end_matches('\r')),
        })
        .collect()
}

pub fn parse_csv(content: &str) -> AppResult<Vec<RawRow>> {
    let first = content.lines().next().unwrap_or("");
    // Russian Excel writes `;`; otherwise the most frequent of tab and comma.
    let delim = [b';', b'\t', b',']
        .into_iter()
        .max_by_key(|d| first.bytes().filter(|b| b == d).count())
        .unwrap_or(b';');
    let mut r = csv::ReaderBuilder::new()
        .delimiter(delim)
        .has_headers(false)
        .flexible(true)
        .from_reader(content.trim_start_matches('\u{feff}').as_bytes());
    let mut rows = Vec::new();
    for rec in r.records() {
        let rec = rec.map_err(|e| bad_content(&format!("Не удалось прочитать CSV: {e}")))?;
        let line = rec.position().map(|p| p.line() as i32).unwrap_or(0);
        rows.push(RawRow {
            line,
            cells: rec.iter().map(|c| c.trim().to_string()).collect(),
        });
    }
    Ok(rows)
}

pub fn parse_xlsx(base64_content: &str) -> AppResult<Vec<RawRow>> {
    use base64::Engine;
    use calamine::{Reader, Xlsx};
    let compact: String = base64_content.split_whitespace().collect();
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(compact.as_bytes())
        .map_err(|_| bad_content("Файл XLSX должен быть передан в base64"))?;
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes))
        .map_err(|_| bad_content("Не удалось открыть файл XLSX"))?;
    let range = book
        .worksheet_range_at(0)
        .ok_or_else(|| bad_content("В файле XLSX нет листов"))?
        .map_err(|_| bad_content("Не удалось прочитать первый лист XLSX"))?;
    let start = range.start().map(|(r, _)| r as i32).unwrap_or(0);
    Ok(range
        .rows()
        .enumerate()
        .map(|(i, row)| RawRow {
            line: start + i as i32 + 1,
            cells: row
                .iter()
                .map(|c| c.to_string().trim().to_string())
                .collect(),
        })
        .collect())
}

/// Whether a row is not data: blank, the header «№ п/п…», a line of dashes, or a lone
/// heading/signature line («СОСТАВ», «Директор …»).
fn skip_row(cells: &[String]) -> bool {
    let filled: Vec<&String> = cells.iter().filter(|c| !c.trim().is_empty()).collect();
    if filled.len() <= 1 {
        return true;
    }
    if filled.iter().all(|c| {
        c.chars()
            .all(|ch| ch == '-' || ch == '—' || ch.is_whitespace())
    }) {
        return true;
    }
    let first = search_key(filled[0]);
    first.starts_with('№') || first.contains("п/п")
}

/// The four appendix columns of a data row: (number, subject, name, position+place).
fn columns(cells: &[String]) -> Option<(Option<String>, String, String, String)> {
    let c: Vec<String> = cells.to_vec();
    let numeric = |s: &str| {
        let t = s.trim().trim_end_matches('.');
        !t.is_empty() && t.chars().all(|c| c.is_ascii_digit())
    };
    // Trailing empty cells (Excel) do not count.
    let mut c = c;
    while c.len() > 4 && c.last().is_some_and(|s| s.trim().is_empty()) {
        c.pop();
    }
    match c.len() {
        n if n >= 4 && (numeric(&c[0]) || c[0].trim().is_empty()) => Some((
            Some(c[0].trim().trim_end_matches('.').to_string()).filter(|s| !s.is_empty()),
            c[1].clone(),
            c[2].clone(),
            c[3..].join(" ").trim().to_string(),
        )),
        3 if !numeric(&c[0]) => Some((None, c[0].clone(), c[1].clone(), c[2].clone())),
        _ => None,
    }
}

// ---------------------------------------------------------------- schools in text

/// Kind of school as a comparable key.
fn school_type(word: &str) -> Option<&'static str> {
    let w = search_key(word);
    let w = w.trim_matches(|c: char| !c.is_alphanumeric());
    match w {
        "сош" => Some("сош"),
        "оош" => Some("оош"),
        "нош" => Some("нош"),
        "гимназия" => Some("гимназия"),
        "лицей" => Some("лицей"),
        "цо" => Some("цо"),
        "вечерняя" | "всош" => Some("всош"),
        _ => None,
    }
}

/// An organisational-legal form abbreviation: МОБУ, МБОУ, МАОУ, МКОУ, ГБОУ, ЧОУ…
fn org_form(word: &str) -> bool {
    let w: String = word.chars().filter(|c| c.is_alphabetic()).collect();
    let n = w.chars().count();
    (3..=6).contains(&n) && w.chars().all(|c| c.is_uppercase()) && w.ends_with("ОУ")
        || matches!(w.as_str(), "МОБУ" | "МОАУ" | "МОКУ" | "ГОБУ" | "ГОАУ")
}

/// «Муниципальное бюджетное общеобразовательное учреждение …» spelled out.
fn long_form_start(lower_word: &str) -> bool {
    ["муниципальн", "государствен", "частн"]
        .iter()
        .any(|p| lower_word.starts_with(p))
}

/// The abbreviation of the org form at `start`: «МОБУ» as written, or the initials of
/// «Муниципальное бюджетное общеобразовательное учреждение» (МБОУ).
fn form_abbreviation(words: &[&str], start: usize) -> Option<String> {
    let w = words.get(start)?;
    if org_form(w) {
        return Some(w.chars().filter(|c| c.is_alphabetic()).collect());
    }
    if !long_form_start(&search_key(w)) {
        return None;
    }
    let end = words[start..]
        .iter()
        .position(|w| search_key(w).starts_with("учрежден"))?;
    Some(
        words[start..=start + end]
            .iter()
            .filter_map(|w| w.chars().next())
            .flat_map(char::to_uppercase)
            .collect(),
    )
}

/// The (type, number) of a school named in `text`, with the index of the word where the
/// school starts (the org form or the type).
fn school_key(text: &str) -> Option<(usize, &'static str, Option<u32>)> {
    // Expand «средняя общеобразовательная школа» and friends to the abbreviation.
    let words: Vec<&str> = text.split_whitespace().collect();
    let lower: Vec<String> = words.iter().map(|w| search_key(w)).collect();
    let mut start = None;
    let mut kind = None;
    let mut kind_at = 0;
    for (i, w) in words.iter().enumerate() {
        if start.is_none() && (org_form(w) || long_form_start(&lower[i])) {
            start = Some(i);
        }
        if let Some(k) = school_type(w) {
            kind = Some(k);
            kind_at = i;
            start.get_or_insert(i);
            break;
        }
        let phrase = |a: &str| {
            lower.get(i).is_some_and(|x| x.starts_with(a))
                && lower
                    .get(i + 1)
                    .is_some_and(|x| x.starts_with("общеобразоват"))
                && lower.get(i + 2).is_some_and(|x| x.starts_with("школ"))
        };
        let found = if phrase("средн") {
            Some("сош")
        } else if phrase("основн") {
            Some("оош")
        } else if phrase("начальн") {
            Some("нош")
        } else {
            None
        };
        if let Some(k) = found {
            kind = Some(k);
            kind_at = i + 2;
            start.get_or_insert(i);
            break;
        }
    }
    let kind = kind?;
    // The number: digits right after «№» (or «№10»), else the first number after the type.
    let rest = words[kind_at + 1..].join(" ");
    let after = rest
        .split_once('№')
        .map(|(_, r)| r)
        .unwrap_or(rest.as_str())
        .trim_start();
    let digits: String = after.chars().take_while(|c| c.is_ascii_digit()).collect();
    let number = digits.parse().ok();
    Some((start.unwrap_or(kind_at), kind, number))
}

/// The short name for a school to create: «МОБУ СОШ № 10».
fn short_name(text: &str) -> String {
    let Some((start, kind, number)) = school_key(text) else {
        return text.chars().take(150).collect();
    };
    let words: Vec<&str> = text.split_whitespace().collect();
    let form = form_abbreviation(&words, start);
    let kind = match kind {
        "гимназия" | "лицей" => kind.to_string(),
        k => k.to_uppercase(),
    };
    let mut s = String::new();
    if let Some(f) = form {
        s.push_str(&f);
        s.push(' ');
    }
    s.push_str(&kind);
    if let Some(n) = number {
        s.push_str(&format!(" № {n}"));
    }
    s
}

/// Words that tell one same-numbered school from another (everything but the form,
/// type and number), for tie-breaking.
fn name_words(text: &str) -> Vec<String> {
    search_key(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() > 2 && !w.chars().all(|c| c.is_ascii_digit()))
        .filter(|w| school_type(w).is_none() && !org_form(&w.to_uppercase()))
        .map(str::to_string)
        .collect()
}

struct KnownSchool {
    id: String,
    short_name: String,
    key: Option<(&'static str, Option<u32>)>,
    words: Vec<String>,
}

fn known_schools(conn: &mut DbConn, m: &str) -> AppResult<Vec<KnownSchool>> {
    let rows: Vec<(String, String, String)> = schools::table
        .filter(schools::municipality_id.eq(m))
        .filter(schools::archived_at.is_null())
        .select((schools::id, schools::short_name, schools::full_name))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, short, full)| {
            let key = school_key(&short)
                .or_else(|| school_key(&full))
                .map(|(_, k, n)| (k, n));
            KnownSchool {
                id,
                words: name_words(&format!("{short} {full}")),
                short_name: short,
                key,
            }
        })
        .collect())
}

/// The registry school the text names: same type and number; the rest of the name
/// breaks ties.
fn match_school<'a>(known: &'a [KnownSchool], text: &str) -> Option<&'a KnownSchool> {
    let (_, kind, number) = school_key(text)?;
    let words = name_words(text);
    known
        .iter()
        .filter(|k| k.key == Some((kind, number)))
        .max_by_key(|k| {
            (
                k.words.iter().filter(|w| words.contains(w)).count(),
                std::cmp::Reverse(k.short_name.clone()),
            )
        })
}

// ---------------------------------------------------------------- subjects in text

fn subject_dictionary(conn: &mut DbConn) -> AppResult<HashMap<String, IdName>> {
    let rows: Vec<(String, String)> = subjects::table
        .filter(subjects::archived_at.is_null())
        .select((subjects::id, subjects::name))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, name)| (search_key(&name), IdName { id, name }))
        .collect())
}

/// Subject text → subjects: an exact (case- and ё-insensitive) match, else each part of
/// «А и Б», «А, Б».
fn match_subjects(dict: &HashMap<String, IdName>, text: &str) -> Result<Vec<IdName>, Vec<String>> {
    let key = search_key(text);
    if let Some(s) = dict.get(&key) {
        return Ok(vec![s.clone()]);
    }
    let parts: Vec<String> = key
        .split(',')
        .flat_map(|p| p.split(" и "))
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    let mut found = Vec::new();
    let mut missing = Vec::new();
    for p in &parts {
        match dict.get(p) {
            Some(s) if !found.contains(s) => found.push(s.clone()),
            Some(_) => {}
            None => missing.push(p.clone()),
        }
    }
    if missing.is_empty() && !found.is_empty() {
        Ok(found)
    } else if parts.is_empty() {
        Err(vec![text.to_string()])
    } else {
        Err(missing)
    }
}

// ---------------------------------------------------------------- analysis

/// Splits «учитель математики МОБУ СОШ № 10 …» into the position and the place.
fn split_position(text: &str) -> (Option<String>, Option<String>) {
    let text = text.trim();
    match school_key(text) {
        Some((start, _, _)) => {
            let words: Vec<&str> = text.split_whitespace().collect();
            let pos = words[..start].join(" ");
            let place = words[start..].join(" ");
            (
                Some(pos).filter(|s| !s.is_empty()),
                Some(place).filter(|s| !s.is_empty()),
            )
        }
        None => (None, Some(text.to_string()).filter(|s| !s.is_empty())),
    }
}

struct Analysis {
    preview: ImportPreview,
}

fn analyse(
    conn: &mut DbConn,
    user: &AuthUser,
    req: &ImportRequest,
) -> AppResult<(Analysis, String)> {
    let (m, region) = target_municipality(
        conn,
        user,
        Resource::Composition,
        Action::Create,
        Some(&req.municipality_id),
    )?;
    let year = resolve_year(conn, req.academic_year_id.as_deref())?;
    if req.content.trim().is_empty() {
        return Err(AppError::field(
            "content",
            "required",
            "Вставьте таблицу или выберите файл",
        ));
    }
    let raw = match req.format {
        ImportFormat::Text => parse_text(&req.content),
        ImportFormat::Csv => parse_csv(&req.content)?,
        ImportFormat::Xlsx => parse_xlsx(&req.content)?,
    };
    let dict = subject_dictionary(conn)?;
    let known = known_schools(conn, &m)?;
    let mut rows = Vec::new();
    let mut new_schools: Vec<NewSchool> = Vec::new();
    let mut new_keys: Vec<String> = Vec::new();
    for r in raw.into_iter().filter(|r| !skip_row(&r.cells)) {
        let n = rows.len();
        let mut errors = Vec::new();
        let Some((number, subject_text, full_name, pos_place)) = columns(&r.cells) else {
            errors.push(FieldError::new(
                &format!("rows[{n}]"),
                "bad_row",
                format!(
                    "Строка {}: ожидаются столбцы «№ п/п», «Предмет», «ФИО (полностью)», «Должность, место работы»",
                    r.line
                ),
            ));
            rows.push(ImportRow {
                line: r.line,
                number: None,
                subject_text: r.cells.join(" "),
                subjects: Vec::new(),
                full_name: String::new(),
                position: None,
                workplace: None,
                school_id: None,
                school_name: None,
                new_school: None,
                errors,
            });
            continue;
        };
        let subjects = match match_subjects(&dict, &subject_text) {
            Ok(s) => s,
            Err(missing) => {
                errors.push(FieldError::new(
                    &format!("rows[{n}].subject"),
                    "unknown_subject",
                    format!(
                        "Строка {}: предмет «{}» не найден в справочнике (не распознано: {})",
                        r.line,
                        subject_text.trim(),
                        missing.join(", ")
                    ),
                ));
                Vec::new()
            }
        };
        if full_name.trim().is_empty() {
            errors.push(FieldError::new(
                &format!("rows[{n}].full_name"),
                "required",
                format!("Строка {}: не указаны ФИО", r.line),
            ));
        } else if full_name.chars().count() > 300 {
            errors.push(FieldError::new(
                &format!("rows[{n}].full_name"),
                "too_long",
                format!("Строка {}: ФИО длиннее 300 символов", r.line),
            ));
        }
        let (position, workplace) = split_position(&pos_place);
        let mut school_id = None;
        let mut school_name = None;
        let mut new_school = None;
        if let Some(place) = &workplace {
            if let Some(k) = match_school(&known, place) {
                school_id = Some(k.id.clone());
                school_name = Some(k.short_name.clone());
            } else if school_key(place).is_some() {
                let short = short_name(place);
                let key = collation_key(&short);
                if !new_keys.contains(&key) {
                    new_keys.push(key);
                    new_schools.push(NewSchool {
                        short_name: short.clone(),
                        full_name: place.clone(),
                    });
                }
                new_school = Some(short);
            }
        }
        rows.push(ImportRow {
            line: r.line,
            number,
            subject_text,
            subjects,
            full_name: full_name.trim().to_string(),
            position,
            workplace,
            school_id,
            school_name,
            new_school,
            errors,
        });
    }
    if rows.is_empty() {
        return Err(AppError::field(
            "content",
            "empty",
            "В таблице нет строк с участниками",
        ));
    }
    let error_rows = rows.iter().filter(|r| !r.errors.is_empty()).count() as i32;
    Ok((
        Analysis {
            preview: ImportPreview {
                municipality_id: m,
                academic_year_id: year,
                rows,
                new_schools,
                error_rows,
            },
        },
        region,
    ))
}

/// Parses and matches; writes nothing.
pub fn preview(
    conn: &mut DbConn,
    user: &AuthUser,
    req: &ImportRequest,
) -> AppResult<ImportPreview> {
    Ok(analyse(conn, user, req)?.0.preview)
}

/// Parses again and creates every member (nominated) — all or nothing.
pub fn confirm(conn: &mut DbConn, user: &AuthUser, req: &ImportRequest) -> AppResult<ImportResult> {
    let (a, region) = analyse(conn, user, req)?;
    let p = a.preview;
    let errors: Vec<FieldError> = p.rows.iter().flat_map(|r| r.errors.clone()).collect();
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let m = p.municipality_id.clone();
    let scope = || audit::Scope {
        region_id: Some(&region),
        municipality_id: Some(&m),
    };
    let mut created_schools: Vec<IdName> = Vec::new();
    let mut school_by_short: HashMap<String, String> = HashMap::new();
    if req.create_schools && !p.new_schools.is_empty() {
        user.reach(Resource::School, Action::Create)?;
        for s in &p.new_schools {
            let id = new_id();
            let input = SchoolInput {
                municipality_id: m.clone(),
                full_name: s.full_name.chars().take(500).collect(),
                short_name: s.short_name.chars().take(150).collect(),
                ..Default::default()
            };
            crate::db::schools::insert(conn, Some(user), &id, &input)?;
            let after = crate::db::schools::find(conn, &id)?;
            audit::record(
                conn,
                Some(user),
                "create",
                "school",
                &id,
                scope(),
                None,
                Some(&after),
            )?;
            school_by_short.insert(s.short_name.clone(), id.clone());
            created_schools.push(IdName {
                id,
                name: s.short_name.clone(),
            });
        }
    }
    let mut member_ids = Vec::new();
    for r in &p.rows {
        let school_id = r.school_id.clone().or_else(|| {
            r.new_school
                .as_ref()
                .and_then(|s| school_by_short.get(s).cloned())
        });
        let input = MemberInput {
            municipality_id: None,
            academic_year_id: None,
            user_id: None,
            full_name: r.full_name.clone(),
            subject_ids: r.subjects.iter().map(|s| s.id.clone()).collect(),
            level: TutorLevel::Municipal,
            position: r.position.clone().map(|s| s.chars().take(300).collect()),
            school_id,
            workplace: r.workplace.clone().map(|s| s.chars().take(500).collect()),
            version: None,
        };
        let id = new_id();
        insert_member(conn, Some(user), &id, &m, &p.academic_year_id, &input, None)?;
        let after = crate::db::composition::find_member(conn, &id)?;
        audit::record(
            conn,
            Some(user),
            "import",
            "member",
            &id,
            scope(),
            None,
            Some(&after),
        )?;
        member_ids.push(id);
    }
    Ok(ImportResult {
        created: member_ids.len() as i32,
        member_ids,
        created_schools,
    })
}

// ---------------------------------------------------------------- export

/// The table of the approved composition: heading lines and rows.
pub struct ExportTable {
    pub heading: Vec<String>,
    pub rows: Vec<[String; 4]>,
    /// «sostav-2026-2027».
    pub file_stem: String,
}

pub fn export_table(conn: &mut DbConn, user: &AuthUser, q: &ExportQuery) -> AppResult<ExportTable> {
    user.reach(Resource::Composition, Action::Read)?;
    let m = q
        .municipality_id
        .clone()
        .or_else(|| user.municipality_id.clone())
        .ok_or_else(|| AppError::field("municipality_id", "required", "Выберите муниципалитет"))?;
    let municipality = crate::db::municipalities::find(conn, &m)?;
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
    let year = crate::db::academic_years::find(conn, &year_id)?;
    let on: NaiveDate = q.on_date.unwrap_or_else(|| chrono::Utc::now().date_naive());
    let members = approved_members(conn, &m, &year_id, on)?;
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
        heading: vec![
            HEADING.to_string(),
            municipality.name.clone(),
            format!(
                "{} учебный год, по состоянию на {}",
                year.name,
                format_date_ru(on)
            ),
        ],
        rows: rows
            .into_iter()
            .enumerate()
            .map(|(i, (s, n, p))| [(i + 1).to_string(), s, n, p])
            .collect(),
        file_stem: format!("sostav-{}", year.name.replace('/', "-")),
    })
}

pub fn to_xlsx(t: &ExportTable) -> AppResult<Vec<u8>> {
    use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook};
    let err = |e: rust_xlsxwriter::XlsxError| AppError::Internal(format!("xlsx: {e}"));
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Состав").map_err(err)?;
    let bold = Format::new().set_bold().set_align(FormatAlign::Center);
    let head = Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::Center);
    let cell = Format::new()
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    for (i, h) in t.heading.iter().enumerate() {
        ws.merge_range(i as u32, 0, i as u32, 3, h, &bold)
            .map_err(err)?;
    }
    let top = t.heading.len() as u32 + 1;
    for (c, name) in COLUMNS.iter().enumerate() {
        ws.write_with_format(top, c as u16, *name, &head)
            .map_err(err)?;
    }
    for (r, row) in t.rows.iter().enumerate() {
        let r = top + 1 + r as u32;
        for (c, v) in row.iter().enumerate() {
            if c == 0 {
                let n: f64 = v.parse().unwrap_or_default();
                ws.write_number_with_format(r, 0, n, &cell).map_err(err)?;
            } else {
                ws.write_with_format(r, c as u16, v, &cell).map_err(err)?;
            }
        }
    }
    for (c, w) in [6.0, 26.0, 36.0, 70.0].into_iter().enumerate() {
        ws.set_column_width(c as u16, w).map_err(err)?;
    }
    wb.save_to_buffer().map_err(err)
}

pub fn to_docx(t: &ExportTable) -> AppResult<Vec<u8>> {
    use docx_rs::{AlignmentType, Docx, Paragraph, Run, Table, TableCell, TableRow};
    let para = |text: &str, bold: bool| {
        let run = Run::new().add_text(text).size(24);
        Paragraph::new().add_run(if bold { run.bold() } else { run })
    };
    let mut doc = Docx::new();
    for (i, h) in t.heading.iter().enumerate() {
        doc = doc.add_paragraph(para(h, i < 2).align(AlignmentType::Center));
    }
    let mut rows = vec![TableRow::new(
        COLUMNS
            .iter()
            .map(|c| TableCell::new().add_paragraph(para(c, true)))
            .collect(),
    )];
    for r in &t.rows {
        rows.push(TableRow::new(
            r.iter()
                .map(|c| TableCell::new().add_paragraph(para(c, false)))
                .collect(),
        ));
    }
    doc = doc.add_table(Table::new(rows).set_grid(vec![700, 2200, 2800, 4300]));
    let mut buf = std::io::Cursor::new(Vec::new());
    doc.build()
        .pack(&mut buf)
        .map_err(|e| AppError::Internal(format!("docx: {e}")))?;
    Ok(buf.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pasted_lines_split_on_tabs_or_spaces() {
        assert_eq!(
            split_pasted("1\tМатематика\tИванова"),
            vec!["1", "Математика", "Иванова"]
        );
        assert_eq!(
            split_pasted("1   Русский язык  Иванова Анна"),
            vec!["1", "Русский язык", "Иванова Анна"]
        );
    }

    #[test]
    fn skips_header_dashes_and_headings() {
        let v = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(skip_row(&v(&[
            "№ п/п",
            "Предмет",
            "ФИО (полностью)",
            "Должность"
        ])));
        assert!(skip_row(&v(&["----", "------", "--"])));
        assert!(skip_row(&v(&["**СОСТАВ**"])));
        assert!(!skip_row(&v(&["1", "Математика", "Иванова", "учитель"])));
    }

    #[test]
    fn school_keys_tolerate_spelling() {
        let a = school_key("МОБУ СОШ № 10 им. П.П. Пидины пос. Прохладного").unwrap();
        let b = school_key("МБОУ СОШ №10").unwrap();
        assert_eq!((a.1, a.2), (b.1, b.2));
        assert_eq!((a.1, a.2), ("сош", Some(10)));
        let c = school_key("Муниципальное бюджетное общеобразовательное учреждение средняя общеобразовательная школа № 5").unwrap();
        assert_eq!((c.1, c.2), ("сош", Some(5)));
        assert_eq!(
            school_key("МБОУ гимназия № 11").map(|k| (k.1, k.2)),
            Some(("гимназия", Some(11)))
        );
        assert_eq!(short_name("МОБУ СОШ № 10 им. П.П. Пидины"), "МОБУ СОШ № 10");
        assert_eq!(short_name("МОБУ СОШ №10"), "МОБУ СОШ № 10");
        assert_eq!(
            short_name("Муниципальное бюджетное общеобразовательное учреждение средняя общеобразовательная школа № 1 г. Лесогорска"),
            "МБОУ СОШ № 1"
        );
        let (p, _) = split_position(
            "учитель физики Муниципальное бюджетное общеобразовательное учреждение гимназия № 11",
        );
        assert_eq!(p.as_deref(), Some("учитель физики"));
    }

    #[test]
    fn position_before_the_school() {
        let (p, w) = split_position(
            "учитель математики МОБУ СОШ № 10 им. П.П. Пидины пос. Прохладного Лабинского района",
        );
        assert_eq!(p.as_deref(), Some("учитель математики"));
        assert_eq!(
            w.as_deref(),
            Some("МОБУ СОШ № 10 им. П.П. Пидины пос. Прохладного Лабинского района")
        );
    }

    #[test]
    fn subjects_split_on_and() {
        let mut d = HashMap::new();
        for (i, n) in ["Русский язык", "Литература", "Финансовая грамотность"]
            .iter()
            .enumerate()
        {
            d.insert(
                search_key(n),
                IdName {
                    id: i.to_string(),
                    name: n.to_string(),
                },
            );
        }
        let r = match_subjects(&d, "Русский язык и литература").unwrap();
        assert_eq!(
            r.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(),
            vec!["0", "1"]
        );
        assert_eq!(
            match_subjects(&d, "финансовая ГРАМОТНОСТЬ").unwrap().len(),
            1
        );
        assert_eq!(
            match_subjects(&d, "Астрономия").unwrap_err(),
            vec!["астрономия"]
        );
    }
}
