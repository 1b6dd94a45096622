//! Expert review (экспертиза) of a teacher's or a school's documents (000 §5.4, plan item 4):
//! document types, the workflow (one table: who may do what from which status), the
//! criteria checklists (versioned templates, seeded from ФГОС/ФОП), the verdict rules and
//! the draft of the reasoned conclusion (мотивированное заключение).
//!
//! Decisions: every «не соответствует» needs a remark; a review is returned, accepted or
//! rejected only with a verdict on every criterion; it cannot be accepted while a
//! critical criterion is «не соответствует» (the expert returns it for rework or rejects
//! it — there is no override, so a signed «принято» always means every critical
//! requirement is at least partly met).

mod defaults;
mod types;

pub use defaults::default_criteria;
pub use types::*;

use crate::labelled_enum;
use crate::problem::Errors;

labelled_enum!(
    /// The kind of document sent for review.
    DocumentType {
        WorkProgramme = "work_programme" => "Рабочая программа",
        Ktp = "ktp" => "Календарно-тематическое планирование (КТП)",
        LessonMap = "lesson_map" => "Технологическая карта урока",
        Portfolio = "portfolio" => "Портфолио педагога",
        SchoolDocument = "school_document" => "Документ школы (план мероприятий)",
    }
);

labelled_enum!(
    /// Where a review is in its workflow.
    ReviewStatus {
        Submitted = "submitted" => "Подана",
        Assigned = "assigned" => "Эксперт назначен",
        InReview = "in_review" => "На экспертизе",
        Returned = "returned" => "Возвращена на доработку",
        Resubmitted = "resubmitted" => "Подана повторно",
        Accepted = "accepted" => "Принята",
        Rejected = "rejected" => "Не принята",
    }
);

impl ReviewStatus {
    /// Whether the review is still in work.
    pub fn is_open(self) -> bool {
        !matches!(self, ReviewStatus::Accepted | ReviewStatus::Rejected)
    }

    /// The statuses in which the expert works on verdicts.
    pub fn expert_works(self) -> bool {
        self == ReviewStatus::InReview
    }
}

labelled_enum!(
    /// What someone does to a review.
    ReviewAction {
        Assign = "assign" => "Назначить эксперта",
        Start = "start" => "Начать экспертизу",
        Return = "return" => "Вернуть на доработку",
        Resubmit = "resubmit" => "Подать повторно",
        Accept = "accept" => "Принять",
        Reject = "reject" => "Не принять",
    }
);

/// In which capacity someone acts on a review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewActor {
    /// Coordinator (or admin) of the review's municipality.
    Coordinator,
    /// The expert assigned to the review.
    Expert,
    /// The teacher who submitted it, or the administration of its school.
    Author,
}

impl ReviewAction {
    /// The status after the action, or `None` if it is not allowed from `from`.
    pub fn next(self, from: ReviewStatus) -> Option<ReviewStatus> {
        use ReviewAction as A;
        use ReviewStatus as S;
        match (self, from) {
            // A coordinator may also re-assign before the expert has started.
            (A::Assign, S::Submitted | S::Assigned) => Some(S::Assigned),
            (A::Start, S::Assigned | S::Resubmitted) => Some(S::InReview),
            (A::Return, S::InReview) => Some(S::Returned),
            (A::Resubmit, S::Returned) => Some(S::Resubmitted),
            (A::Accept, S::InReview) => Some(S::Accepted),
            (A::Reject, S::InReview) => Some(S::Rejected),
            _ => None,
        }
    }

    /// Who may take it.
    pub fn actors(self) -> &'static [ReviewActor] {
        use ReviewAction as A;
        match self {
            A::Assign => &[ReviewActor::Coordinator],
            A::Start | A::Return | A::Accept | A::Reject => &[ReviewActor::Expert],
            A::Resubmit => &[ReviewActor::Author],
        }
    }

    /// The actions possible from a status (for 409 messages and the UI).
    pub fn allowed_from(from: ReviewStatus) -> Vec<ReviewAction> {
        ReviewAction::ALL
            .iter()
            .copied()
            .filter(|a| a.next(from).is_some())
            .collect()
    }

    /// The actions one of `mine` may take from a status.
    pub fn allowed_for(from: ReviewStatus, mine: &[ReviewActor]) -> Vec<ReviewAction> {
        ReviewAction::allowed_from(from)
            .into_iter()
            .filter(|a| a.actors().iter().any(|x| mine.contains(x)))
            .collect()
    }

    /// Whether the step closes a round with the expert's verdicts (they must be complete).
    pub fn needs_complete_verdicts(self) -> bool {
        matches!(
            self,
            ReviewAction::Return | ReviewAction::Accept | ReviewAction::Reject
        )
    }
}

labelled_enum!(
    /// The expert's verdict on one criterion.
    Verdict {
        Met = "met" => "Соответствует",
        Partly = "partly" => "Частично соответствует",
        NotMet = "not_met" => "Не соответствует",
    }
);

impl Verdict {
    /// The share of a criterion's weight the verdict earns.
    pub fn share(self) -> f64 {
        match self {
            Verdict::Met => 1.0,
            Verdict::Partly => 0.5,
            Verdict::NotMet => 0.0,
        }
    }
}

/// Checks verdicts against the criteria: known codes, each at most once, every
/// «не соответствует» with a remark; with `complete`, a verdict on every criterion.
pub fn check_verdicts(
    criteria: &[Criterion],
    verdicts: &[VerdictEntry],
    complete: bool,
) -> Result<(), Vec<crate::FieldError>> {
    let mut e = Errors::default();
    for (i, v) in verdicts.iter().enumerate() {
        if !criteria.iter().any(|c| c.code == v.code) {
            e.add(
                &format!("verdicts[{i}].code"),
                "invalid_reference",
                format!("Критерия «{}» нет в чек-листе экспертизы", v.code),
            );
        }
        if verdicts[..i].iter().any(|w| w.code == v.code) {
            e.add(
                &format!("verdicts[{i}].code"),
                "duplicate",
                "Критерий указан дважды",
            );
        }
        let remark = v.remark.as_deref().map(str::trim).unwrap_or("");
        if v.verdict == Some(Verdict::NotMet) && remark.is_empty() {
            e.add(
                &format!("verdicts[{i}].remark"),
                "required",
                "Для оценки «не соответствует» нужно замечание",
            );
        }
        e.max_len(&format!("verdicts[{i}].remark"), remark, 4000);
    }
    if complete {
        for c in criteria {
            let has = verdicts
                .iter()
                .any(|v| v.code == c.code && v.verdict.is_some());
            if !has {
                e.add(
                    "verdicts",
                    "incomplete",
                    format!("Нет оценки по критерию «{}»", c.title),
                );
            }
        }
    }
    e.finish()
}

/// The critical criteria judged «не соответствует» (an accept is refused while any is).
pub fn unmet_critical<'a>(
    criteria: &'a [Criterion],
    verdicts: &[VerdictEntry],
) -> Vec<&'a Criterion> {
    criteria
        .iter()
        .filter(|c| c.critical)
        .filter(|c| {
            verdicts
                .iter()
                .any(|v| v.code == c.code && v.verdict == Some(Verdict::NotMet))
        })
        .collect()
}

/// The weighted share of the checklist met, in percent (0–100), over judged criteria;
/// `None` before any verdict.
pub fn score(criteria: &[Criterion], verdicts: &[VerdictEntry]) -> Option<i32> {
    let mut total = 0.0;
    let mut got = 0.0;
    for c in criteria {
        if let Some(v) = verdicts
            .iter()
            .find(|v| v.code == c.code)
            .and_then(|v| v.verdict)
        {
            total += f64::from(c.weight.max(1));
            got += f64::from(c.weight.max(1)) * v.share();
        }
    }
    (total > 0.0).then(|| (got * 100.0 / total).round() as i32)
}

/// The criteria whose verdict or remark differs between two rounds (a criterion judged
/// in one round and not in the other counts as changed).
pub fn changed_criteria(previous: &[VerdictEntry], current: &[VerdictEntry]) -> Vec<String> {
    let mut codes: Vec<String> = Vec::new();
    for v in previous.iter().chain(current) {
        if !codes.contains(&v.code) {
            codes.push(v.code.clone());
        }
    }
    let norm = |s: &Option<String>| s.as_deref().map(str::trim).unwrap_or("").to_string();
    codes
        .into_iter()
        .filter(|code| {
            let a = previous.iter().find(|v| &v.code == code);
            let b = current.iter().find(|v| &v.code == code);
            match (a, b) {
                (Some(a), Some(b)) => a.verdict != b.verdict || norm(&a.remark) != norm(&b.remark),
                (None, None) => false,
                (Some(a), None) | (None, Some(a)) => a.verdict.is_some(),
            }
        })
        .collect()
}

/// The conclusion's draft from the verdicts and remarks: (conclusion, recommendations).
pub fn conclusion_draft(
    document: &str,
    criteria: &[Criterion],
    verdicts: &[VerdictEntry],
) -> (String, String) {
    let of = |want: Verdict| -> Vec<&Criterion> {
        criteria
            .iter()
            .filter(|c| {
                verdicts
                    .iter()
                    .any(|v| v.code == c.code && v.verdict == Some(want))
            })
            .collect()
    };
    let (met, partly, not_met) = (of(Verdict::Met), of(Verdict::Partly), of(Verdict::NotMet));
    let judged = met.len() + partly.len() + not_met.len();
    let mut text = format!(
        "Проведена экспертиза документа «{document}» по {judged} критериям чек-листа. \
         Соответствует требованиям: {}; частично соответствует: {}; не соответствует: {}.",
        met.len(),
        partly.len(),
        not_met.len()
    );
    if let Some(s) = score(criteria, verdicts) {
        text.push_str(&format!(" Уровень соответствия — {s} %."));
    }
    let critical = unmet_critical(criteria, verdicts);
    if critical.is_empty() && not_met.is_empty() && partly.is_empty() {
        text.push_str(
            " Документ соответствует требованиям ФГОС и ФОП и рекомендуется к использованию.",
        );
    } else if critical.is_empty() {
        text.push_str(
            " Обязательные требования выполнены; документ может быть принят с учётом рекомендаций.",
        );
    } else {
        let names: Vec<&str> = critical.iter().map(|c| c.title.as_str()).collect();
        text.push_str(&format!(
            " Не выполнены обязательные требования: {}. Документ требует доработки.",
            names.join("; ")
        ));
    }
    let remark = |c: &Criterion| {
        verdicts
            .iter()
            .find(|v| v.code == c.code)
            .and_then(|v| v.remark.clone())
            .map(|r| r.trim().to_string())
            .filter(|r| !r.is_empty())
    };
    let recs: Vec<String> = not_met
        .iter()
        .chain(partly.iter())
        .enumerate()
        .map(|(i, c)| match remark(c) {
            Some(r) => format!("{}. {}: {}", i + 1, c.title, r),
            None => format!("{}. {}: доработать.", i + 1, c.title),
        })
        .collect();
    (text, recs.join("\n"))
}

#[cfg(test)]
mod tests;
