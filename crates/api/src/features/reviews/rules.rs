//! Expert reviews (экспертиза): the operations handlers and other nouns call —
//! validate → access → repo → audit/notify. Workflow steps are in `transition.rs`,
//! checklist templates in `templates.rs`, the conclusion document in `conclusion.rs`.

use super::policy::{self, Facts};
use super::repo;
use super::rows::{NewReview, NewRound, ReviewRow};
use crate::auth::{AuthUser, Reach};
use crate::error::{AppError, AppResult};
use crate::features::notifications::ops::{coordinators, notify};
use crate::store::conn::DbConn;
use crate::store::page::Cursor;
use crate::store::record::{new_id, now};
use crate::store::stored;
use std::collections::HashMap;
use tutornet_domain::audit::{AuditAction, AuditEntity};
use tutornet_domain::community::FormOfWork;
use tutornet_domain::notifications::NotificationKind;
use tutornet_domain::permissions::{Action, Resource, Role};
use tutornet_domain::reviews::{
    changed_criteria, score, Criterion, DocumentType, ExpertChoice, Review, ReviewActor,
    ReviewConclusion, ReviewDetail, ReviewEvent, ReviewFilter, ReviewInput, ReviewRound,
    ReviewSchoolCount, ReviewStatus, Verdict, VerdictEntry,
};
use tutornet_domain::Page;

pub use super::transition::{conclude, save_verdicts, transition};

/// Days without a status change after which an open review is stale.
pub const STALE_DAYS: i64 = 14;

pub(super) fn to_domain(conn: &mut DbConn, rows: Vec<ReviewRow>) -> AppResult<Vec<Review>> {
    let mut people: Vec<String> = rows.iter().map(|r| r.author_id.clone()).collect();
    people.extend(rows.iter().filter_map(|r| r.expert_id.clone()));
    let names = crate::store::names::user_names(conn, people)?;
    let schools = rows.iter().map(|r| r.school_id.clone()).collect();
    let school_names = crate::store::names::school_short_names(conn, schools)?;
    let subjects = rows.iter().filter_map(|r| r.subject_id.clone()).collect();
    let subject_names = crate::store::names::subject_names(conn, subjects)?;
    let today = now();
    rows.into_iter()
        .map(|r| {
            Ok(Review {
                school_name: school_names.get(&r.school_id).cloned().unwrap_or_default(),
                author_name: names.get(&r.author_id).cloned().unwrap_or_default(),
                expert_name: r.expert_id.as_ref().and_then(|e| names.get(e).cloned()),
                subject_name: r
                    .subject_id
                    .as_ref()
                    .and_then(|s| subject_names.get(s).cloned()),
                document_type: stored(
                    &r.document_type,
                    "reviews.document_type",
                    DocumentType::parse,
                )?,
                status: stored(&r.status, "reviews.status", ReviewStatus::parse)?,
                age_days: (today - r.status_changed_at).num_days(),
                id: r.id,
                municipality_id: r.municipality_id,
                school_id: r.school_id,
                author_id: r.author_id,
                for_school: r.for_school,
                title: r.title,
                subject_id: r.subject_id,
                grades: r.grades,
                academic_year_id: r.academic_year_id,
                expert_id: r.expert_id,
                same_school_confirmed: r.same_school_confirmed,
                no_conflict_declared_at: r.no_conflict_declared_at.map(|t| t.and_utc()),
                round: r.round,
                template_version: r.template_version,
                due_on: r.due_on,
                request_id: r.request_id,
                signed_at: r.signed_at.map(|t| t.and_utc()),
                status_changed_at: r.status_changed_at.and_utc(),
                created_at: r.created_at.and_utc(),
                updated_at: r.updated_at.and_utc(),
                version: r.version,
            })
        })
        .collect()
}

pub(super) fn one(conn: &mut DbConn, r: ReviewRow) -> AppResult<Review> {
    Ok(to_domain(conn, vec![r])?.remove(0))
}

pub(super) fn facts<'a>(r: &'a ReviewRow, region_id: Option<&'a str>) -> Facts<'a> {
    Facts {
        municipality_id: &r.municipality_id,
        region_id,
        school_id: &r.school_id,
        author_id: &r.author_id,
        expert_id: r.expert_id.as_deref(),
    }
}

/// The review if the caller may see it (404 otherwise).
pub(super) fn get_row(conn: &mut DbConn, user: &AuthUser, id: &str) -> AppResult<ReviewRow> {
    let r = repo::find_row(conn, id)?;
    let region = crate::access::places::region_of(conn, &r.municipality_id)?;
    let reach = user.try_reach(Resource::Review, Action::Read);
    if !policy::visible(reach.as_ref(), &facts(&r, region.as_deref())) {
        return Err(AppError::NotFound("Экспертиза не найдена".into()));
    }
    Ok(r)
}

pub(super) fn actors(user: &AuthUser, r: &ReviewRow) -> Vec<ReviewActor> {
    policy::actors(user, &facts(r, None))
}

pub(super) fn criteria_of(r: &ReviewRow) -> AppResult<Vec<Criterion>> {
    serde_json::from_str(&r.criteria)
        .map_err(|e| AppError::Internal(format!("reviews.criteria: {e}")))
}

pub(super) fn parse_verdicts(json: &str) -> AppResult<Vec<VerdictEntry>> {
    serde_json::from_str(json)
        .map_err(|e| AppError::Internal(format!("review_rounds.verdicts: {e}")))
}

/// The rounds, oldest first, with what changed since the one before.
pub(super) fn rounds(conn: &mut DbConn, id: &str) -> AppResult<Vec<ReviewRound>> {
    let mut out: Vec<ReviewRound> = Vec::new();
    for (number, json, author_comment, started_at) in repo::rounds_of(conn, id)? {
        let verdicts = parse_verdicts(&json)?;
        let (changed, to_recheck) = match out.last() {
            Some(prev) => (
                changed_criteria(&prev.verdicts, &verdicts),
                prev.verdicts
                    .iter()
                    .filter(|v| v.verdict != Some(Verdict::Met))
                    .map(|v| v.code.clone())
                    .collect(),
            ),
            None => (Vec::new(), Vec::new()),
        };
        out.push(ReviewRound {
            number,
            verdicts,
            author_comment,
            changed,
            to_recheck,
            started_at: started_at.and_utc(),
        });
    }
    Ok(out)
}

pub fn detail(conn: &mut DbConn, user: &AuthUser, id: &str) -> AppResult<ReviewDetail> {
    let row = get_row(conn, user, id)?;
    let mine = actors(user, &row);
    let status = stored(&row.status, "reviews.status", ReviewStatus::parse)?;
    let criteria = criteria_of(&row)?;
    let rounds = rounds(conn, id)?;
    let score = rounds.last().and_then(|r| score(&criteria, &r.verdicts));
    let mut names_of: Vec<String> = row.signed_by.iter().cloned().collect();
    let evs = repo::events_of(conn, id)?;
    names_of.extend(evs.iter().filter_map(|e| e.1.clone()));
    let names = crate::store::names::user_names(conn, names_of)?;
    let conclusion = row.conclusion_text.as_ref().map(|text| ReviewConclusion {
        text: text.clone(),
        recommendations: row.recommendations.clone().unwrap_or_default(),
        private_notes: row
            .private_notes
            .clone()
            .filter(|_| policy::reads_private_notes(&mine)),
        signed_at: row.signed_at.map(|t| t.and_utc()),
        signed_by_name: row.signed_by.as_ref().and_then(|s| names.get(s).cloned()),
    });
    let history = evs
        .into_iter()
        .map(|e| {
            Ok(ReviewEvent {
                at: e.0.and_utc(),
                actor_name: e.1.as_ref().and_then(|a| names.get(a).cloned()),
                actor_id: e.1,
                from_status: e.2.as_deref().and_then(ReviewStatus::parse),
                to_status: stored(&e.3, "review_events.to_status", ReviewStatus::parse)?,
                comment: e.4,
            })
        })
        .collect::<AppResult<Vec<_>>>()?;
    let can_change_files = super::files::may_change(user, &row).is_ok();
    let can_conclude = policy::may_conclude(status, row.signed_at.is_some(), &mine);
    let review = one(conn, row)?;
    Ok(ReviewDetail {
        allowed_actions: tutornet_domain::reviews::ReviewAction::allowed_for(status, &mine),
        can_judge: status.expert_works() && mine.contains(&ReviewActor::Expert),
        can_conclude,
        files: super::files::list(conn, id)?,
        can_change_files,
        criteria,
        rounds,
        score,
        conclusion,
        history,
        review,
    })
}

fn check_stale_days(d: Option<i64>) -> AppResult<()> {
    if d.is_some_and(|d| !(0..=3650).contains(&d)) {
        return Err(AppError::field(
            "stale_days",
            "out_of_range",
            "Число дней — от 0 до 3650",
        ));
    }
    Ok(())
}

pub fn list(conn: &mut DbConn, user: &AuthUser, f: &ReviewFilter) -> AppResult<Page<Review>> {
    let reach = user.reach(Resource::Review, Action::Read)?;
    let limit = crate::store::page::page_limit(f.limit)?;
    let after = f.cursor.as_deref().map(Cursor::decode).transpose()?;
    check_stale_days(f.stale_days)?;
    let (total, rows) = repo::page(conn, &reach, &user.id, f, after.map(|c| c.id), limit)?;
    let more = rows.len() as i64 > limit;
    let rows: Vec<ReviewRow> = rows.into_iter().take(limit as usize).collect();
    let next_cursor = more
        .then(|| Cursor::new("", &rows.last().map(|r| r.id.clone()).unwrap_or_default()).encode());
    Ok(Page {
        items: to_domain(conn, rows)?,
        total,
        next_cursor,
    })
}

/// Reviews per school in the caller's reach (open, accepted, rejected, stale).
pub fn per_school(conn: &mut DbConn, user: &AuthUser) -> AppResult<Vec<ReviewSchoolCount>> {
    let reach = user.reach(Resource::Review, Action::Read)?;
    let rows = repo::statuses(conn, &reach, &user.id)?;
    let stale_before = now() - chrono::Duration::days(STALE_DAYS);
    let mut by: HashMap<String, ReviewSchoolCount> = HashMap::new();
    for (school, status, changed) in rows {
        let e = by.entry(school.clone()).or_insert(ReviewSchoolCount {
            school_id: school,
            school_name: String::new(),
            open: 0,
            accepted: 0,
            rejected: 0,
            stale: 0,
        });
        match status.as_str() {
            "accepted" => e.accepted += 1,
            "rejected" => e.rejected += 1,
            _ => {
                e.open += 1;
                if changed <= stale_before {
                    e.stale += 1;
                }
            }
        }
    }
    let names = crate::store::names::school_short_names(conn, by.keys().cloned().collect())?;
    let mut out: Vec<ReviewSchoolCount> = by
        .into_values()
        .map(|mut c| {
            c.school_name = names.get(&c.school_id).cloned().unwrap_or_default();
            c
        })
        .collect();
    out.sort_by_key(|c| tutornet_domain::text::collation_key(&c.school_name));
    Ok(out)
}

/// Tutors of the current composition who may be the expert (coordinator): others'
/// schools first, then by fewer open reviews; the author is left out.
pub fn experts(conn: &mut DbConn, user: &AuthUser, id: &str) -> AppResult<Vec<ExpertChoice>> {
    let row = get_row(conn, user, id)?;
    if !actors(user, &row).contains(&ReviewActor::Coordinator) {
        return Err(AppError::Forbidden("Эксперта назначает координатор".into()));
    }
    let tutors = crate::features::composition::ops::current_tutors(conn, &row.municipality_id)?;
    let mut out = Vec::new();
    for (uid, name, school) in tutors {
        if uid == row.author_id || out.iter().any(|e: &ExpertChoice| e.user_id == uid) {
            continue;
        }
        out.push(ExpertChoice {
            open_reviews: repo::open_of_expert(conn, &uid)?,
            same_school: school.as_deref() == Some(row.school_id.as_str()),
            user_id: uid,
            full_name: name,
        });
    }
    out.sort_by_key(|e| {
        (
            e.same_school,
            e.open_reviews,
            tutornet_domain::text::collation_key(&e.full_name),
        )
    });
    Ok(out)
}

/// Open reviews an expert holds (counted in the tutor's workload).
pub fn open_of_expert(conn: &mut DbConn, expert_id: &str) -> AppResult<i64> {
    repo::open_of_expert(conn, expert_id)
}

pub(super) fn record(
    conn: &mut DbConn,
    user: &AuthUser,
    action: AuditAction,
    before: Option<&Review>,
    after: &Review,
) -> AppResult<()> {
    crate::store::audit::record_in_municipality(
        conn,
        user,
        action,
        AuditEntity::Review,
        &after.id,
        &after.municipality_id,
        before,
        Some(after),
    )
}

/// The school a document is submitted for: teachers and school administrators submit
/// for their own school; coordinators and admins name one within their reach.
fn submitting_school(
    conn: &mut DbConn,
    user: &AuthUser,
    reach: &Reach,
    input: &ReviewInput,
) -> AppResult<(String, String)> {
    let place = |conn: &mut DbConn, s: &str| -> AppResult<Option<(String, Option<String>)>> {
        use crate::store::schema::schools;
        use diesel::prelude::*;
        let m: Option<String> = schools::table
            .find(s)
            .filter(schools::archived_at.is_null())
            .select(schools::municipality_id)
            .first(conn)
            .optional()?;
        Ok(match m {
            Some(m) => {
                let region = crate::access::places::region_of(conn, &m)?;
                Some((m, region))
            }
            None => None,
        })
    };
    if matches!(user.role, Role::Teacher | Role::SchoolAdmin) {
        let own = user.school_id.clone().ok_or_else(AppError::forbidden)?;
        if input.school_id.as_deref().is_some_and(|s| s != own) {
            return Err(AppError::field(
                "school_id",
                "not_allowed",
                "Документ подают от своей школы",
            ));
        }
        let (m, _) = place(conn, &own)?.ok_or_else(AppError::forbidden)?;
        return Ok((own, m));
    }
    let Some(school_id) = input.school_id.clone().filter(|s| !s.trim().is_empty()) else {
        return Err(AppError::field("school_id", "required", "Выберите школу"));
    };
    let covered = match (reach, place(conn, &school_id)?) {
        (Reach::Municipality(own), Some((m, _))) if *own == m => Some(m),
        (Reach::Region(r), Some((m, Some(reg)))) if *r == reg => Some(m),
        _ => None,
    };
    match covered {
        Some(m) => Ok((school_id, m)),
        None => Err(AppError::field(
            "school_id",
            "invalid_reference",
            "Школа не найдена среди действующих школ вашего муниципалитета",
        )),
    }
}

/// A request answered by the review: visible to the caller, of the form «экспертиза».
fn check_request(
    conn: &mut DbConn,
    user: &AuthUser,
    id: Option<&str>,
    school: &str,
) -> AppResult<()> {
    let Some(id) = id else { return Ok(()) };
    let bad = || {
        AppError::field(
            "request_id",
            "invalid_reference",
            "Заявка на экспертизу не найдена",
        )
    };
    let d = crate::features::requests::ops::detail(conn, user, id).map_err(|_| bad())?;
    if d.request.form != FormOfWork::ExpertReview || d.request.school_id != school {
        return Err(bad());
    }
    Ok(())
}

pub fn create(conn: &mut DbConn, user: &AuthUser, input: &ReviewInput) -> AppResult<Review> {
    let reach = user.reach(Resource::Review, Action::Create)?;
    input.validate().map_err(AppError::Validation)?;
    let (school_id, municipality_id) = submitting_school(conn, user, &reach, input)?;
    crate::store::names::check_subject(conn, input.subject_id.as_deref())?;
    check_request(conn, user, input.request_id.as_deref(), &school_id)?;
    let year = crate::features::academic_years::ops::require_current(conn)?;
    let doc_type = input.document_type.unwrap_or(DocumentType::WorkProgramme);
    let template = super::templates::current(conn, &municipality_id, doc_type)?;
    let criteria = serde_json::to_string(&template.criteria)
        .map_err(|e| AppError::Internal(format!("criteria: {e}")))?;
    let id = new_id();
    let t = now();
    let for_school = user.role != Role::Teacher
        && (input.for_school || doc_type == DocumentType::SchoolDocument);
    repo::insert(
        conn,
        &NewReview {
            id: &id,
            municipality_id: &municipality_id,
            academic_year_id: &year.id,
            school_id: &school_id,
            author_id: &user.id,
            for_school,
            document_type: doc_type.as_str(),
            title: input.title.trim(),
            subject_id: input.subject_id.as_deref(),
            grades: tutornet_domain::text::clean(&input.grades),
            status: ReviewStatus::Submitted.as_str(),
            same_school_confirmed: false,
            round: 1,
            template_version: template.version,
            criteria,
            request_id: input.request_id.as_deref(),
            status_changed_at: t,
            created_at: t,
            updated_at: t,
            created_by: &user.id,
            updated_by: &user.id,
            version: 1,
        },
    )?;
    repo::insert_round(
        conn,
        &NewRound {
            id: new_id(),
            review_id: &id,
            number: 1,
            verdicts: "[]".into(),
            author_comment: None,
            started_at: t,
        },
    )?;
    repo::insert_event(conn, &id, Some(&user.id), (None, "submitted"), None)?;
    let row = repo::find_row(conn, &id)?;
    let after = one(conn, row)?;
    let coords = coordinators(conn, &municipality_id)?;
    notify(
        conn,
        &coords,
        Some(&user.id),
        NotificationKind::ReviewStatus.as_str(),
        "Документ на экспертизу",
        &format!(
            "{}: «{}» ({})",
            after.school_name,
            after.title,
            doc_type.label_ru().to_lowercase()
        ),
        Some(&format!("/reviews/{id}")),
    )?;
    record(conn, user, AuditAction::Create, None, &after)?;
    Ok(after)
}
