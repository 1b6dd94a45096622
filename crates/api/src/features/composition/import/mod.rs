//! Import of the order's appendix table (000 Прил. 1: № п/п · Предмет · ФИО (полностью)
//! · Должность, место работы) through the shared preview → confirm table import of
//! [`crate::docs`]: this module maps the columns and matches subjects and schools.

use tutornet_domain::audit::{AuditAction, AuditEntity};
mod schools;
mod subjects;

use super::members::{repo::NewMember, rules::add_member};
use super::shared::{audit_scope, resolve_year, target_municipality};
use crate::auth::AuthUser;
use crate::docs::{self, RawRow, Source, TableImport};
use crate::error::AppResult;
use crate::features::audit::ops as audit;
use crate::store::conn::DbConn;
use crate::store::record::new_id;
use schools::{known_schools, match_school, school_key, short_name, split_position};
use std::collections::HashMap;
use subjects::{match_subjects, subject_dictionary};
use tutornet_domain::composition::{
    IdName, ImportFormat, ImportPreview, ImportRequest, ImportResult, ImportRow, MemberInput,
    NewSchool, TutorLevel,
};
use tutornet_domain::org::SchoolInput;
use tutornet_domain::permissions::{Action, Resource};
use tutornet_domain::text::collation_key;
use tutornet_domain::FieldError;

/// Parses and matches; writes nothing.
pub fn preview(
    conn: &mut DbConn,
    user: &AuthUser,
    req: &ImportRequest,
) -> AppResult<ImportPreview> {
    let import = Appendix::new(conn, user, req)?;
    docs::preview(conn, &import, source(req.format), &req.content)
}

/// Parses again and creates every member (nominated) — all or nothing.
pub fn confirm(conn: &mut DbConn, user: &AuthUser, req: &ImportRequest) -> AppResult<ImportResult> {
    let import = Appendix::new(conn, user, req)?;
    docs::confirm(conn, &import, source(req.format), &req.content)
}

fn source(f: ImportFormat) -> Source {
    match f {
        ImportFormat::Text => Source::Text,
        ImportFormat::Csv => Source::Csv,
        ImportFormat::Xlsx => Source::Xlsx,
    }
}

/// An import of the appendix into one municipality's composition of one year.
struct Appendix<'a> {
    user: &'a AuthUser,
    create_schools: bool,
    municipality_id: String,
    region_id: String,
    academic_year_id: String,
}

impl<'a> Appendix<'a> {
    fn new(conn: &mut DbConn, user: &'a AuthUser, req: &ImportRequest) -> AppResult<Self> {
        let (municipality_id, region_id) = target_municipality(
            conn,
            user,
            Resource::Composition,
            Action::Create,
            Some(&req.municipality_id),
        )?;
        let academic_year_id = resolve_year(conn, req.academic_year_id.as_deref())?;
        Ok(Appendix {
            user,
            create_schools: req.create_schools,
            municipality_id,
            region_id,
            academic_year_id,
        })
    }
}

/// The four appendix columns of a data row: (number, subject, name, position+place).
fn columns(cells: &[String]) -> Option<(Option<String>, String, String, String)> {
    let numeric = |s: &str| {
        let t = s.trim().trim_end_matches('.');
        !t.is_empty() && t.chars().all(|c| c.is_ascii_digit())
    };
    // Trailing empty cells (Excel) do not count.
    let mut c: Vec<String> = cells.to_vec();
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

/// A row that is not the four appendix columns.
fn bad_row(n: usize, r: &RawRow) -> ImportRow {
    ImportRow {
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
        errors: vec![FieldError::new(
            &format!("rows[{n}]"),
            "bad_row",
            format!(
                "Строка {}: ожидаются столбцы «№ п/п», «Предмет», «ФИО (полностью)», «Должность, место работы»",
                r.line
            ),
        )],
    }
}

impl TableImport for Appendix<'_> {
    type Plan = ImportPreview;
    type Done = ImportResult;
    const NO_ROWS: &'static str = "В таблице нет строк с участниками";

    fn analyse(&self, conn: &mut DbConn, raw: Vec<RawRow>) -> AppResult<ImportPreview> {
        let dict = subject_dictionary(conn)?;
        let known = known_schools(conn, &self.municipality_id)?;
        let mut rows = Vec::new();
        let mut new_schools: Vec<NewSchool> = Vec::new();
        let mut new_keys: Vec<String> = Vec::new();
        for r in raw {
            let n = rows.len();
            let mut errors = Vec::new();
            let Some((number, subject_text, full_name, pos_place)) = columns(&r.cells) else {
                rows.push(bad_row(n, &r));
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
        let error_rows = rows.iter().filter(|r| !r.errors.is_empty()).count() as i32;
        Ok(ImportPreview {
            municipality_id: self.municipality_id.clone(),
            academic_year_id: self.academic_year_id.clone(),
            rows,
            new_schools,
            error_rows,
        })
    }

    fn rows(plan: &ImportPreview) -> usize {
        plan.rows.len()
    }

    fn errors(plan: &ImportPreview) -> Vec<FieldError> {
        plan.rows.iter().flat_map(|r| r.errors.clone()).collect()
    }

    fn apply(&self, conn: &mut DbConn, p: ImportPreview) -> AppResult<ImportResult> {
        let (user, m, region) = (self.user, &self.municipality_id, &self.region_id);
        let mut created_schools: Vec<IdName> = Vec::new();
        let mut school_by_short: HashMap<String, String> = HashMap::new();
        if self.create_schools && !p.new_schools.is_empty() {
            user.reach(Resource::School, Action::Create)?;
            for s in &p.new_schools {
                let id = new_id();
                let input = SchoolInput {
                    municipality_id: m.clone(),
                    full_name: s.full_name.chars().take(500).collect(),
                    short_name: s.short_name.chars().take(150).collect(),
                    ..Default::default()
                };
                crate::features::schools::repo::insert(conn, Some(user), &id, &input)?;
                let after = crate::features::schools::repo::find(conn, &id)?;
                audit::record(
                    conn,
                    Some(user),
                    AuditAction::Create,
                    AuditEntity::School,
                    &id,
                    audit_scope(region, m),
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
            let to = NewMember {
                actor: Some(user),
                id: &id,
                municipality_id: m,
                academic_year_id: &p.academic_year_id,
                nomination_id: None,
            };
            add_member(conn, &to, &input, AuditAction::Import, region)?;
            member_ids.push(id);
        }
        Ok(ImportResult {
            created: member_ids.len() as i32,
            member_ids,
            created_schools,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::columns;

    #[test]
    fn four_or_three_columns() {
        let v = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let (n, s, f, p) =
            columns(&v(&["1.", "Математика", "Иванова", "учитель", "", ""])).unwrap();
        assert_eq!(
            (n.as_deref(), s.as_str(), f.as_str(), p.as_str()),
            (Some("1"), "Математика", "Иванова", "учитель")
        );
        let (n, s, _, _) = columns(&v(&["Физика", "Петров", "учитель"])).unwrap();
        assert_eq!((n, s.as_str()), (None, "Физика"));
        assert!(columns(&v(&["1", "Физика", "Петров"])).is_none());
    }
}
