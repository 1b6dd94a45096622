//! Import of the order's appendix table (000 Прил. 1: № п/п · Предмет · ФИО (полностью)
//! · Должность, место работы) through the shared preview → confirm table import of
//! [`crate::docs`]: this module maps the columns and matches subjects and schools.

use tutornet_domain::audit::{AuditAction, AuditEntity};
mod columns;
mod matching;
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
pub(crate) use schools::{known_schools, match_school};
use schools::{school_key, short_name, split_position};
use std::collections::HashMap;
use subjects::{match_subjects, subject_dictionary};
use tutornet_domain::composition::{
    DuplicateAction, IdName, ImportAction, ImportFormat, ImportPreview, ImportRequest,
    ImportResult, ImportRow, MemberInput, MemberStatus, NewSchool, TutorLevel,
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
    Source::from(f)
}

/// An import of the appendix into one municipality's composition of one year.
struct Appendix<'a> {
    user: &'a AuthUser,
    req: &'a ImportRequest,
    /// The header row's columns, when the table has one.
    header: Option<Vec<Option<columns::Col>>>,
    create_schools: bool,
    municipality_id: String,
    region_id: String,
    academic_year_id: String,
}

impl<'a> Appendix<'a> {
    fn new(conn: &mut DbConn, user: &'a AuthUser, req: &'a ImportRequest) -> AppResult<Self> {
        let (municipality_id, region_id) = target_municipality(
            conn,
            user,
            Resource::Composition,
            Action::Create,
            Some(&req.municipality_id),
        )?;
        let academic_year_id = resolve_year(conn, req.academic_year_id.as_deref())?;
        let header = docs::import::read_table(source(req.format), &req.content)
            .ok()
            .and_then(|rows| columns::header_map(&rows));
        Ok(Appendix {
            user,
            req,
            header,
            create_schools: req.create_schools,
            municipality_id,
            region_id,
            academic_year_id,
        })
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
        level: TutorLevel::Municipal,
        specialisation: None,
        category: None,
        email: None,
        duplicate_of: None,
        action: ImportAction::Skip,
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
        let existing = matching::existing(conn, &self.municipality_id, &self.academic_year_id)?;
        let mut seen: HashMap<String, i32> = HashMap::new();
        let mut rows = Vec::new();
        let mut new_schools: Vec<NewSchool> = Vec::new();
        let mut new_keys: Vec<String> = Vec::new();
        for r in raw {
            let n = rows.len();
            let mut errors = Vec::new();
            let Some(c) = columns::cells(self.header.as_deref(), &r.cells) else {
                rows.push(bad_row(n, &r));
                continue;
            };
            let (number, subject_text, full_name, pos_place) = (
                c.number.clone(),
                c.subject.clone(),
                c.name.clone(),
                c.place.clone(),
            );
            let choice = self.req.rows.iter().find(|x| x.line == r.line);
            let cell_level = match c.level.as_deref() {
                Some(t) => match columns::level(t) {
                    Some(l) => Some(l),
                    None => {
                        errors.push(FieldError::new(
                            &format!("rows[{n}].level"),
                            "unknown_level",
                            format!("Строка {}: уровень «{t}» не распознан (федеральный, региональный, муниципальный, школьный)", r.line),
                        ));
                        None
                    }
                },
                None => None,
            };
            let given_level = choice
                .and_then(|x| x.level)
                .or(cell_level)
                .or(self.req.level);
            let specialisation = c
                .specialisation
                .as_deref()
                .and_then(columns::specialisation);
            if c.specialisation.is_some() && specialisation.is_none() {
                errors.push(FieldError::new(
                    &format!("rows[{n}].specialisation"),
                    "unknown_specialisation",
                    format!(
                        "Строка {}: специализация не распознана (ВПР, ОГЭ, ЕГЭ, предметный тьютор)",
                        r.line
                    ),
                ));
            }
            let category = c.category.as_deref().and_then(columns::category);
            if c.category.is_some() && category.is_none() {
                errors.push(FieldError::new(
                    &format!("rows[{n}].category"),
                    "unknown_category",
                    format!("Строка {}: категория не распознана", r.line),
                ));
            }
            if c.email.as_deref().is_some_and(|e| !e.contains('@')) {
                errors.push(FieldError::new(
                    &format!("rows[{n}].email"),
                    "invalid_email",
                    format!("Строка {}: e-mail записан с ошибкой", r.line),
                ));
            }
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
            let person = matching::Person {
                full_name: full_name.trim(),
                subject_ids: subjects.iter().map(|s| s.id.clone()).collect(),
                school_id: school_id.as_deref(),
                email: c.email.as_deref(),
            };
            let mut action = ImportAction::Create;
            let mut duplicate_of = None;
            if errors.is_empty() {
                let k = matching::key(&person);
                if let Some(first) = seen.get(&k) {
                    errors.push(FieldError::new(
                        &format!("rows[{n}].full_name"),
                        "duplicate_row",
                        format!("Строка {} повторяет строку {first}", r.line),
                    ));
                } else {
                    seen.insert(k, r.line);
                }
                if let Some(e) = matching::find(&existing, &person) {
                    let given = matching::Given {
                        position: position.clone(),
                        workplace: workplace.clone(),
                        school_id: school_id.clone(),
                        level: given_level,
                        specialisation,
                        category,
                        list_number: number.as_deref().and_then(|x| x.parse().ok()),
                    };
                    let changes = given.changes(&e.member);
                    let want = choice
                        .and_then(|x| x.duplicate)
                        .or(self.req.duplicates)
                        .unwrap_or(DuplicateAction::Skip);
                    let locked = e.member.status != MemberStatus::Nominated;
                    action = if changes.is_empty() || want == DuplicateAction::Skip {
                        ImportAction::Skip
                    } else if locked {
                        if choice.and_then(|x| x.duplicate) == Some(DuplicateAction::Update) {
                            errors.push(FieldError::new(
                                &format!("rows[{n}].duplicate"),
                                "composition_approved",
                                format!("Строка {}: {} уже {} приказом — изменить можно только приказом о внесении изменений", r.line, e.member.full_name, e.member.status.label_ru().to_lowercase()),
                            ));
                        }
                        ImportAction::Skip
                    } else {
                        ImportAction::Update
                    };
                    duplicate_of = Some(matching::shown(e, changes));
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
                level: given_level.unwrap_or(TutorLevel::Municipal),
                specialisation,
                category,
                email: c.email.clone(),
                duplicate_of,
                action,
                errors,
            });
        }
        let error_rows = rows.iter().filter(|r| !r.errors.is_empty()).count() as i32;
        let duplicate_rows = rows.iter().filter(|r| r.duplicate_of.is_some()).count() as i32;
        Ok(ImportPreview {
            duplicate_rows,
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
        let (mut updated_ids, mut skipped) = (Vec::new(), 0);
        for r in &p.rows {
            match (r.action, &r.duplicate_of) {
                (ImportAction::Skip, _) => {
                    skipped += 1;
                    continue;
                }
                (ImportAction::Update, Some(d)) => {
                    let current = super::members::rules::find_member(conn, &d.member_id)?;
                    let given = matching::Given {
                        position: r.position.clone(),
                        workplace: r.workplace.clone(),
                        school_id: r.school_id.clone(),
                        level: Some(r.level),
                        specialisation: r.specialisation,
                        category: r.category,
                        list_number: r.number.as_deref().and_then(|x| x.parse().ok()),
                    };
                    let input = given.applied_to(&current);
                    super::members::rules::update_member(conn, user, &d.member_id, &input)?;
                    updated_ids.push(d.member_id.clone());
                    continue;
                }
                _ => {}
            }
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
                level: r.level,
                level_basis: None,
                level_document: None,
                specialisation: r.specialisation,
                category: r.category,
                list_number: r.number.as_deref().and_then(|x| x.parse().ok()),
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
            updated: updated_ids.len() as i32,
            updated_ids,
            skipped,
            created_schools,
        })
    }
}
