//! Individual educational trajectories (индивидуальный образовательный маршрут, ИОМ) of a
//! teacher or a school leader: the deficits addressed with a task each, steps with
//! deadlines, expected products and evidence, and the workflow draft → agreed (by the
//! learner and the mentor) → in progress → completed, with before/after per deficit.

use crate::growth::diagnostics::CompetencyArea;
use crate::org::Meta;
use crate::problem::{Errors, FieldError};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

crate::labelled_enum!(
    TrajectoryStatus {
        Draft = "draft" => "Черновик",
        Agreed = "agreed" => "Согласован",
        InProgress = "in_progress" => "Выполняется",
        Completed = "completed" => "Завершён",
    }
);

crate::labelled_enum!(
    /// What a step is (the forms of 000 §1.5–1.8 and 004 tasks 2–3).
    StepKind {
        Course = "course" => "Курсы повышения квалификации",
        Consultation = "consultation" => "Консультация тьютора",
        Session = "session" => "Участие в занятии сообщества",
        LessonVisit = "lesson_visit" => "Посещение уроков",
        SelfStudy = "self_study" => "Самообразование",
        Internship = "internship" => "Стажировка",
        LibraryMaterial = "library_material" => "Изучение материалов библиотеки",
        ExpertReview = "expert_review" => "Экспертиза документа",
    }
);

crate::labelled_enum!(
    /// What proves a step done: a record of tutornet by id, or a description.
    EvidenceKind {
        /// A held session the learner attended.
        Session = "session" => "Посещённое занятие",
        /// A description (a certificate's number, a link to the product).
        Text = "text" => "Описание",
    }
);

crate::labelled_enum!(
    TrajectoryAction {
        Agree = "agree" => "Согласовать",
        Complete = "complete" => "Завершить",
        Reopen = "reopen" => "Вернуть в работу",
    }
);

/// Who acts on a trajectory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Party {
    /// The teacher or leader whose trajectory it is.
    Learner,
    /// The tutor or mentor leading it.
    Mentor,
    /// The municipality's coordinator.
    Coordinator,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrajectoryDeficit {
    pub indicator_id: String,
    pub indicator_name: String,
    pub area: CompetencyArea,
    /// The task that addresses it («Освоить приёмы формирующего оценивания»).
    pub task: String,
    /// The latest diagnostic score when the trajectory was drawn up.
    pub score_before: Option<i32>,
    /// The latest score of a diagnostic held after that (the re-diagnosis).
    pub score_after: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Evidence {
    pub kind: EvidenceKind,
    /// The record's id (a session) when the evidence is one.
    pub ref_id: Option<String>,
    /// «Занятие «…» 12.12.2026» or the description.
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Step {
    pub id: String,
    pub position: i32,
    /// The deficit it addresses (an indicator of the trajectory), if one.
    pub indicator_id: Option<String>,
    pub kind: StepKind,
    pub title: String,
    pub deadline: NaiveDate,
    pub expected_product: String,
    pub done_on: Option<NaiveDate>,
    pub evidence: Option<Evidence>,
    /// Past its deadline and not done.
    pub overdue: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Progress {
    pub done: i64,
    pub total: i64,
    /// 0–100.
    pub percent: i32,
}

impl Progress {
    pub fn of(steps: &[Step]) -> Progress {
        let total = steps.len() as i64;
        let done = steps.iter().filter(|s| s.done_on.is_some()).count() as i64;
        let percent = if total == 0 {
            0
        } else {
            ((done * 100) as f64 / total as f64).round() as i32
        };
        Progress {
            done,
            total,
            percent,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Trajectory {
    pub id: String,
    /// The teacher or leader.
    pub user_id: String,
    pub full_name: String,
    pub position: Option<String>,
    pub school_id: Option<String>,
    pub school_name: Option<String>,
    pub municipality_id: String,
    pub academic_year_id: String,
    pub academic_year_name: String,
    pub mentor_user_id: String,
    pub mentor_name: String,
    pub title: String,
    pub status: TrajectoryStatus,
    pub learner_agreed: bool,
    pub mentor_agreed: bool,
    pub deficits: Vec<TrajectoryDeficit>,
    pub steps: Vec<Step>,
    pub progress: Progress,
    #[serde(flatten)]
    pub meta: Meta,
}

/// A list row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrajectorySummary {
    pub id: String,
    pub user_id: String,
    pub full_name: String,
    pub school_id: Option<String>,
    pub school_name: Option<String>,
    pub mentor_name: String,
    pub title: String,
    pub status: TrajectoryStatus,
    pub progress: Progress,
    pub overdue: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DeficitInput {
    pub indicator_id: String,
    pub task: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TrajectoryInput {
    /// The teacher or leader (fixed after creation).
    pub user_id: String,
    /// Default: the caller when a tutor creates it.
    #[serde(default)]
    pub mentor_user_id: Option<String>,
    /// Default: the current academic year.
    #[serde(default)]
    pub academic_year_id: Option<String>,
    pub title: String,
    #[serde(default)]
    pub deficits: Vec<DeficitInput>,
    /// Required on update.
    #[serde(default)]
    pub version: Option<i32>,
}

impl TrajectoryInput {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        if self.user_id.trim().is_empty() {
            e.add("user_id", "required", "Выберите педагога");
        }
        e.required("title", &self.title, 300);
        let mut seen = std::collections::HashSet::new();
        for (i, d) in self.deficits.iter().enumerate() {
            if !seen.insert(d.indicator_id.as_str()) {
                e.add(
                    &format!("deficits[{i}].indicator_id"),
                    "duplicate",
                    "Этот дефицит уже в маршруте",
                );
            }
            e.required(&format!("deficits[{i}].task"), &d.task, 500);
        }
        e.finish()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct StepInput {
    pub kind: Option<StepKind>,
    pub title: String,
    #[serde(default)]
    pub indicator_id: Option<String>,
    pub deadline: Option<NaiveDate>,
    pub expected_product: String,
    /// The trajectory's current version.
    pub version: i32,
}

impl StepInput {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        if self.kind.is_none() {
            e.add("kind", "required", "Выберите вид мероприятия");
        }
        e.required("title", &self.title, 500);
        if self.deadline.is_none() {
            e.add("deadline", "required", "Укажите срок");
        }
        e.required("expected_product", &self.expected_product, 500);
        e.finish()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct StepCompletion {
    pub evidence_kind: Option<EvidenceKind>,
    /// The session's id for `session`.
    #[serde(default)]
    pub ref_id: Option<String>,
    /// The description for `text`.
    #[serde(default)]
    pub note: Option<String>,
    /// Default: today.
    #[serde(default)]
    pub done_on: Option<NaiveDate>,
    /// The trajectory's current version.
    pub version: i32,
}

impl StepCompletion {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        let filled = |v: &Option<String>| v.as_deref().is_some_and(|s| !s.trim().is_empty());
        match self.evidence_kind {
            None => e.add(
                "evidence_kind",
                "required",
                "Выберите, чем подтверждается выполнение",
            ),
            Some(EvidenceKind::Session) if !filled(&self.ref_id) => {
                e.add("ref_id", "required", "Выберите посещённое занятие")
            }
            Some(EvidenceKind::Text) if !filled(&self.note) => e.add(
                "note",
                "required",
                "Опишите результат: документ, ссылку или номер удостоверения",
            ),
            _ => {}
        }
        if let Some(n) = &self.note {
            e.max_len("note", n, 1000);
        }
        e.finish()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TrajectoryTransition {
    pub action: TrajectoryAction,
    pub version: i32,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct TrajectoryFilter {
    pub municipality_id: Option<String>,
    pub school_id: Option<String>,
    /// The learner.
    pub user_id: Option<String>,
    pub mentor_user_id: Option<String>,
    pub status: Option<TrajectoryStatus>,
    /// Page size, 1..=200 (default 50).
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

/// `?version=` of a removal.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct VersionQuery {
    /// The trajectory's current version.
    pub version: i32,
}

/// Who a caller is on a trajectory: the coordinator (an admin, or a coordinator of the
/// trajectory's municipality) before the mentor before the learner; `None` for someone
/// who only reads it. The API decides with it and the SPA offers actions with it.
pub fn party(
    role: crate::Role,
    user_id: &str,
    user_municipality: Option<&str>,
    t: (&str, &str, &str),
) -> Option<Party> {
    let (municipality_id, mentor_id, learner_id) = t;
    let coordinates = match role {
        crate::Role::Admin => true,
        crate::Role::Coordinator => user_municipality == Some(municipality_id),
        _ => false,
    };
    if coordinates {
        Some(Party::Coordinator)
    } else if mentor_id == user_id {
        Some(Party::Mentor)
    } else if learner_id == user_id {
        Some(Party::Learner)
    } else {
        None
    }
}

/// The state the workflow reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flow {
    pub status: TrajectoryStatus,
    pub learner_agreed: bool,
    pub mentor_agreed: bool,
    pub steps: i64,
    pub steps_done: i64,
    pub deficits: i64,
}

/// What a transition leaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    pub status: TrajectoryStatus,
    pub learner_agreed: bool,
    pub mentor_agreed: bool,
}

/// The workflow, once: who may do what from which state. `Err` is the Russian reason.
pub fn transition(
    f: Flow,
    action: TrajectoryAction,
    party: Party,
) -> Result<Outcome, &'static str> {
    use TrajectoryAction as A;
    use TrajectoryStatus as S;
    let mut out = Outcome {
        status: f.status,
        learner_agreed: f.learner_agreed,
        mentor_agreed: f.mentor_agreed,
    };
    match action {
        A::Agree => {
            if f.status != S::Draft {
                return Err("Маршрут уже согласован");
            }
            if f.deficits == 0 || f.steps == 0 {
                return Err("Согласовать можно маршрут, в котором есть дефициты и мероприятия");
            }
            let mine = match party {
                Party::Learner => &mut out.learner_agreed,
                Party::Mentor | Party::Coordinator => &mut out.mentor_agreed,
            };
            if *mine {
                return Err("Вы уже согласовали маршрут; ждём согласования второй стороны");
            }
            *mine = true;
            if out.learner_agreed && out.mentor_agreed {
                out.status = S::Agreed;
            }
        }
        A::Complete => {
            if party == Party::Learner {
                return Err("Завершает маршрут тьютор (наставник) или координатор");
            }
            if !matches!(f.status, S::Agreed | S::InProgress) {
                return Err("Завершить можно согласованный маршрут");
            }
            if f.steps_done < f.steps {
                return Err("Не все мероприятия маршрута выполнены");
            }
            out.status = S::Completed;
        }
        A::Reopen => {
            if party == Party::Learner {
                return Err("Вернуть маршрут в работу может тьютор (наставник) или координатор");
            }
            if f.status != S::Completed {
                return Err("Маршрут не завершён");
            }
            out.status = S::InProgress;
        }
    }
    Ok(out)
}

/// Whether the party may change the content (title, deficits, steps): the mentor and the
/// coordinator, until the trajectory is completed.
pub fn may_edit(status: TrajectoryStatus, party: Party) -> Result<(), &'static str> {
    if party == Party::Learner {
        return Err("Маршрут составляет тьютор (наставник) или координатор");
    }
    if status == TrajectoryStatus::Completed {
        return Err("Маршрут завершён; чтобы изменить его, верните его в работу");
    }
    Ok(())
}

/// Editing a draft withdraws the agreements given to its earlier content.
pub fn after_edit(f: Flow) -> Outcome {
    let draft = f.status == TrajectoryStatus::Draft;
    Outcome {
        status: f.status,
        learner_agreed: f.learner_agreed && !draft,
        mentor_agreed: f.mentor_agreed && !draft,
    }
}

/// Whether a step may be marked done now (the trajectory is agreed and not completed);
/// marking the first step done starts the trajectory.
pub fn may_complete_step(status: TrajectoryStatus) -> Result<TrajectoryStatus, &'static str> {
    match status {
        TrajectoryStatus::Agreed | TrajectoryStatus::InProgress => Ok(TrajectoryStatus::InProgress),
        TrajectoryStatus::Draft => Err("Сначала маршрут согласуют педагог и тьютор"),
        TrajectoryStatus::Completed => Err("Маршрут завершён"),
    }
}

/// The ИОМ table's columns (the usual layout).
pub const TABLE_COLUMNS: [&str; 6] = [
    "Дефицит",
    "Задача",
    "Мероприятия / формы работы",
    "Сроки",
    "Планируемый результат / продукт",
    "Отметка о выполнении",
];

#[cfg(test)]
mod tests {
    use super::*;
    use TrajectoryAction as A;
    use TrajectoryStatus as S;

    fn flow(status: S) -> Flow {
        Flow {
            status,
            learner_agreed: false,
            mentor_agreed: false,
            steps: 2,
            steps_done: 0,
            deficits: 1,
        }
    }

    #[test]
    fn both_agree_before_it_is_agreed() {
        let f = flow(S::Draft);
        let a = transition(f, A::Agree, Party::Learner).unwrap();
        assert_eq!((a.status, a.learner_agreed), (S::Draft, true));
        let f2 = Flow {
            learner_agreed: true,
            ..f
        };
        let b = transition(f2, A::Agree, Party::Mentor).unwrap();
        assert_eq!(b.status, S::Agreed);
        assert!(transition(Flow { steps: 0, ..f }, A::Agree, Party::Mentor).is_err());
        assert!(
            transition(f2, A::Agree, Party::Learner).is_err(),
            "not twice"
        );
        assert!(transition(flow(S::Agreed), A::Agree, Party::Learner).is_err());
    }

    #[test]
    fn completion_needs_every_step_and_the_mentor() {
        let f = Flow {
            steps_done: 1,
            ..flow(S::InProgress)
        };
        assert!(transition(f, A::Complete, Party::Mentor).is_err());
        let all = Flow { steps_done: 2, ..f };
        assert!(transition(all, A::Complete, Party::Learner).is_err());
        assert_eq!(
            transition(all, A::Complete, Party::Coordinator)
                .unwrap()
                .status,
            S::Completed
        );
        assert_eq!(
            transition(flow(S::Completed), A::Reopen, Party::Mentor)
                .unwrap()
                .status,
            S::InProgress
        );
    }

    #[test]
    fn editing_a_draft_withdraws_agreement_but_not_later() {
        let f = Flow {
            learner_agreed: true,
            ..flow(S::Draft)
        };
        assert!(!after_edit(f).learner_agreed);
        let g = Flow {
            learner_agreed: true,
            mentor_agreed: true,
            ..flow(S::InProgress)
        };
        assert!(after_edit(g).learner_agreed);
        assert!(may_edit(S::InProgress, Party::Learner).is_err());
        assert!(may_edit(S::Completed, Party::Mentor).is_err());
    }

    #[test]
    fn a_step_is_done_only_in_an_agreed_trajectory() {
        assert!(may_complete_step(S::Draft).is_err());
        assert_eq!(may_complete_step(S::Agreed), Ok(S::InProgress));
    }

    #[test]
    fn completion_evidence_is_required() {
        let c = StepCompletion {
            evidence_kind: Some(EvidenceKind::Session),
            version: 1,
            ..Default::default()
        };
        assert!(c.validate().is_err());
        let t = StepCompletion {
            evidence_kind: Some(EvidenceKind::Text),
            note: Some("Удостоверение № 5".into()),
            version: 1,
            ..Default::default()
        };
        assert!(t.validate().is_ok());
    }
}
