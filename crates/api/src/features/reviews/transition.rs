//! A step of a review's workflow (assign, start, return, resubmit, accept, reject), the
//! expert's verdicts on the current round, and the conclusion's edit and sign-off.

use super::rows::{NewRound, ReviewRow};
use super::rules::{actors, criteria_of, detail, get_row, one, parse_verdicts, record};
use super::{policy, repo};
use crate::auth::AuthUser;
use crate::error::{AppError, AppResult};
use crate::features::notifications::ops::{coordinators, notify};
use crate::store::conn::DbConn;
use crate::store::record::{new_id, now};
use crate::store::stored;
use tutornet_domain::audit::AuditAction;
use tutornet_domain::notifications::NotificationKind;
use tutornet_domain::reviews::{
    check_verdicts, conclusion_draft, unmet_critical, ConclusionInput, ReviewAction, ReviewActor,
    ReviewDetail, ReviewStatus, ReviewTransition, VerdictEntry, VerdictsInput,
};
use tutornet_domain::ProblemCode;

fn audit_action(a: ReviewAction) -> AuditAction {
    match a {
        ReviewAction::Assign => AuditAction::Assign,
        ReviewAction::Start => AuditAction::StartReview,
        ReviewAction::Return => AuditAction::ReturnForRework,
        ReviewAction::Resubmit => AuditAction::Resubmit,
        ReviewAction::Accept => AuditAction::Approve,
        ReviewAction::Reject => AuditAction::Decline,
    }
}

/// The verdicts of the review's current round.
fn current_verdicts(conn: &mut DbConn, r: &ReviewRow) -> AppResult<Vec<VerdictEntry>> {
    let rounds = repo::rounds_of(conn, &r.id)?;
    match rounds.iter().find(|x| x.0 == r.round) {
        Some(x) => parse_verdicts(&x.1),
        None => Ok(Vec::new()),
    }
}

/// The assign step: the expert is a tutor of the current composition, not the author,
/// and of the author's school only when confirmed.
fn assign(conn: &mut DbConn, r: &ReviewRow, t: &ReviewTransition) -> AppResult<()> {
    let expert = t
        .expert_id
        .as_deref()
        .ok_or_else(|| AppError::field("expert_id", "required", "Выберите эксперта"))?;
    let tutors = crate::features::composition::ops::current_tutors(conn, &r.municipality_id)?;
    let Some((_, _, school)) = tutors.iter().find(|(u, _, _)| u == expert) else {
        return Err(AppError::field(
            "expert_id",
            "not_in_composition",
            "Эксперт выбирается из утверждённого состава сообщества тьюторов текущего года",
        ));
    };
    if expert == r.author_id {
        return Err(AppError::field(
            "expert_id",
            "conflict_of_interest",
            "Автор документа не может быть его экспертом",
        ));
    }
    let same_school = school.as_deref() == Some(r.school_id.as_str());
    if same_school && !t.confirm_same_school {
        return Err(AppError::field(
            "expert_id",
            "same_school",
            "Эксперт работает в школе автора документа; подтвердите выбор (confirm_same_school)",
        ));
    }
    let today = now().date();
    if t.due_on.is_some_and(|d| d < today) {
        return Err(AppError::field(
            "due_on",
            "in_past",
            "Срок экспертизы не может быть в прошлом",
        ));
    }
    let due = t.due_on.unwrap_or(today + chrono::Duration::days(14));
    repo::set_expert(conn, &r.id, expert, same_school, Some(due))
}

/// Return, accept and reject close the round: every criterion judged; an accept with an
/// unmet critical criterion is refused.
fn close_round(conn: &mut DbConn, r: &ReviewRow, action: ReviewAction) -> AppResult<()> {
    let criteria = criteria_of(r)?;
    let verdicts = current_verdicts(conn, r)?;
    check_verdicts(&criteria, &verdicts, true).map_err(AppError::Validation)?;
    if action == ReviewAction::Accept {
        let critical = unmet_critical(&criteria, &verdicts);
        if !critical.is_empty() {
            let names: Vec<&str> = critical.iter().map(|c| c.title.as_str()).collect();
            return Err(AppError::field(
                "verdicts",
                "critical_not_met",
                format!(
                    "Нельзя принять: не выполнены обязательные критерии — {}. Верните документ на доработку или не принимайте его",
                    names.join("; ")
                ),
            ));
        }
    }
    if matches!(action, ReviewAction::Accept | ReviewAction::Reject) && r.conclusion_text.is_none()
    {
        let (text, recs) = conclusion_draft(&r.title, &criteria, &verdicts);
        use crate::store::schema::reviews;
        use diesel::prelude::*;
        diesel::update(reviews::table.find(&r.id))
            .set((
                reviews::conclusion_text.eq(Some(text)),
                reviews::recommendations.eq(Some(recs)),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Everyone involved hears about a step (the actor is skipped).
fn tell(
    conn: &mut DbConn,
    user: &AuthUser,
    r: &ReviewRow,
    title: &str,
    body: &str,
) -> AppResult<()> {
    let fresh = repo::find_row(conn, &r.id)?;
    let mut to = vec![fresh.author_id.clone()];
    to.extend(fresh.expert_id.clone());
    to.extend(coordinators(conn, &r.municipality_id)?);
    notify(
        conn,
        &to,
        Some(&user.id),
        NotificationKind::ReviewStatus.as_str(),
        title,
        body,
        Some(&format!("/reviews/{}", r.id)),
    )
}

pub fn transition(
    conn: &mut DbConn,
    user: &AuthUser,
    id: &str,
    t: &ReviewTransition,
) -> AppResult<ReviewDetail> {
    let r = get_row(conn, user, id)?;
    let action = t
        .action
        .ok_or_else(|| AppError::field("action", "required", "Укажите действие"))?;
    let from = stored(&r.status, "reviews.status", ReviewStatus::parse)?;
    let Some(to) = action.next(from) else {
        return Err(AppError::Conflict {
            code: ProblemCode::InvalidTransition,
            detail: policy::invalid_transition(from, action),
        });
    };
    if !policy::may_take(action, &actors(user, &r)) {
        return Err(AppError::Forbidden(format!(
            "Действие «{}» вам недоступно",
            action.label_ru()
        )));
    }
    crate::store::record::check_version(Some(t.version), r.version)?;
    let comment = t
        .comment
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty());
    if let (Some(msg), None) = (policy::missing_comment(action), comment) {
        return Err(AppError::field("comment", "required", msg));
    }
    let before = one(conn, r.clone())?;
    let mut round = r.round;
    match action {
        ReviewAction::Assign => assign(conn, &r, t)?,
        ReviewAction::Start => {
            if !t.no_conflict {
                return Err(AppError::field(
                    "no_conflict",
                    "required",
                    "Подтвердите, что у вас нет конфликта интересов с автором документа",
                ));
            }
            repo::declare_no_conflict(conn, &r.id)?;
        }
        ReviewAction::Return | ReviewAction::Accept | ReviewAction::Reject => {
            close_round(conn, &r, action)?
        }
        ReviewAction::Resubmit => {
            // The new round starts from the last verdicts; the expert changes what was fixed.
            let last = current_verdicts(conn, &r)?;
            round += 1;
            repo::insert_round(
                conn,
                &NewRound {
                    id: new_id(),
                    review_id: &r.id,
                    number: round,
                    verdicts: serde_json::to_string(&last).unwrap_or_else(|_| "[]".into()),
                    author_comment: comment,
                    started_at: now(),
                },
            )?;
        }
    }
    if repo::set_status(conn, &r, &user.id, to.as_str(), round)? == 0 {
        return Err(AppError::version_conflict(r.version + 1));
    }
    repo::insert_event(
        conn,
        &r.id,
        Some(&user.id),
        (Some(&r.status), to.as_str()),
        comment,
    )?;
    let row = repo::find_row(conn, id)?;
    let after = one(conn, row)?;
    tell(
        conn,
        user,
        &r,
        &format!("Экспертиза: {}", to.label_ru().to_lowercase()),
        &format!(
            "«{}» ({}): {}{}",
            after.title,
            after.school_name,
            to.label_ru(),
            comment.map(|c| format!(". {c}")).unwrap_or_default()
        ),
    )?;
    record(conn, user, audit_action(action), Some(&before), &after)?;
    detail(conn, user, id)
}

/// The expert's verdicts on the current round, on the review's version.
pub fn save_verdicts(
    conn: &mut DbConn,
    user: &AuthUser,
    id: &str,
    input: &VerdictsInput,
) -> AppResult<ReviewDetail> {
    let r = get_row(conn, user, id)?;
    if !actors(user, &r).contains(&ReviewActor::Expert) {
        return Err(AppError::Forbidden(
            "Оценки ставит назначенный эксперт".into(),
        ));
    }
    let status = stored(&r.status, "reviews.status", ReviewStatus::parse)?;
    if !status.expert_works() {
        return Err(AppError::Conflict {
            code: ProblemCode::InvalidTransition,
            detail: format!(
                "Экспертиза в состоянии «{}»: оценки сейчас не меняются",
                status.label_ru()
            ),
        });
    }
    crate::store::record::check_version(Some(input.version), r.version)?;
    let criteria = criteria_of(&r)?;
    check_verdicts(&criteria, &input.verdicts, false).map_err(AppError::Validation)?;
    let before = one(conn, r.clone())?;
    if repo::touch(conn, &r, &user.id)? == 0 {
        return Err(AppError::version_conflict(r.version + 1));
    }
    let json =
        serde_json::to_string(&input.verdicts).map_err(|e| AppError::Internal(e.to_string()))?;
    repo::set_verdicts(conn, &r.id, r.round, &json)?;
    let row = repo::find_row(conn, id)?;
    let after = one(conn, row)?;
    record(conn, user, AuditAction::Verdicts, Some(&before), &after)?;
    detail(conn, user, id)
}

/// The expert edits the conclusion of a closed review and may sign it off.
pub fn conclude(
    conn: &mut DbConn,
    user: &AuthUser,
    id: &str,
    input: &ConclusionInput,
) -> AppResult<ReviewDetail> {
    let r = get_row(conn, user, id)?;
    let mine = actors(user, &r);
    if !mine.contains(&ReviewActor::Expert) {
        return Err(AppError::Forbidden(
            "Заключение пишет назначенный эксперт".into(),
        ));
    }
    let status = stored(&r.status, "reviews.status", ReviewStatus::parse)?;
    if !policy::may_conclude(status, r.signed_at.is_some(), &mine) {
        return Err(AppError::Conflict {
            code: ProblemCode::InvalidTransition,
            detail: if r.signed_at.is_some() {
                "Заключение уже подписано".into()
            } else {
                format!(
                    "Заключение пишется после решения по экспертизе (сейчас «{}»)",
                    status.label_ru()
                )
            },
        });
    }
    crate::store::record::check_version(Some(input.version), r.version)?;
    input.validate().map_err(AppError::Validation)?;
    let before = one(conn, r.clone())?;
    let notes = tutornet_domain::text::clean(&input.private_notes);
    let texts = (
        input.text.trim(),
        input.recommendations.trim(),
        notes.as_deref(),
    );
    if repo::set_conclusion(conn, &r, &user.id, texts, input.sign)? == 0 {
        return Err(AppError::version_conflict(r.version + 1));
    }
    let row = repo::find_row(conn, id)?;
    let after = one(conn, row)?;
    let action = if input.sign {
        AuditAction::Sign
    } else {
        AuditAction::Conclude
    };
    if input.sign {
        tell(
            conn,
            user,
            &r,
            "Заключение эксперта подписано",
            &format!("«{}»: мотивированное заключение готово", after.title),
        )?;
    }
    record(conn, user, action, Some(&before), &after)?;
    detail(conn, user, id)
}
