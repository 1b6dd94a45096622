//! The log form that marks a session held. It appears only once the session has started
//! (`log_open`, the domain's rule); it asks for the pupils' class only when pupils are in
//! the audience, takes the requesters' presence and walk-in participants, the academic
//! hours (default: the length over 45 minutes) and the difficulties met.

use leptos::prelude::*;
use leptos::task::spawn_local;
use tutornet_domain::community::{hours_ru, RegistrationStatus, SessionLogInput};
use tutornet_domain::community::{SessionDetail, SessionStatus};
use tutornet_domain::text::numero;
use tutornet_domain::FieldError;
use tutornet_domain::Problem;

pub use super::log_view::LogView;
use super::walk_ins::{WalkInRow, WalkIns};
use super::CardState;
use crate::api;
use crate::api::validation_problem;
use crate::ui::fields::ToggleCheck;
use crate::ui::{ErrorBanner, TextField};
use crate::util::non_empty;

/// The form's fields.
#[derive(Clone, Copy)]
struct LogFields {
    attended: RwSignal<Vec<String>>,
    walk_ins: RwSignal<Vec<WalkInRow>>,
    students_class: RwSignal<String>,
    students_count: RwSignal<String>,
    hours: RwSignal<String>,
    outcome: RwSignal<String>,
    difficulties: RwSignal<String>,
    summary: RwSignal<String>,
    private_notes: RwSignal<String>,
    materials: RwSignal<String>,
}

impl LogFields {
    fn new() -> Self {
        Self {
            attended: RwSignal::new(Vec::new()),
            walk_ins: RwSignal::new(Vec::new()),
            students_class: RwSignal::new(String::new()),
            students_count: RwSignal::new(String::new()),
            hours: RwSignal::new(String::new()),
            outcome: RwSignal::new(String::new()),
            difficulties: RwSignal::new(String::new()),
            summary: RwSignal::new(String::new()),
            private_notes: RwSignal::new(String::new()),
            materials: RwSignal::new(String::new()),
        }
    }

    /// The input, or the field errors of what does not parse.
    fn input(&self, d: &SessionDetail) -> Result<SessionLogInput, Vec<FieldError>> {
        let mut errs = Vec::new();
        let pupils = d.session.audience.has_pupils();
        let count = match self.students_count.get_untracked().trim() {
            "" => None,
            s => s.parse::<i32>().map(Some).unwrap_or_else(|_| {
                errs.push(FieldError::new(
                    "students_count",
                    "invalid",
                    "Введите целое число",
                ));
                None
            }),
        };
        let hours = match self.hours.get_untracked().trim().replace(',', ".").as_str() {
            "" => None,
            s => s.parse::<f64>().map(Some).unwrap_or_else(|_| {
                errs.push(FieldError::new(
                    "academic_hours",
                    "invalid",
                    "Введите число: например, 2 или 1,5",
                ));
                None
            }),
        };
        let input = SessionLogInput {
            attended_user_ids: self.attended.get_untracked(),
            walk_ins: self
                .walk_ins
                .get_untracked()
                .iter()
                .map(WalkInRow::input)
                .collect(),
            students_class: pupils
                .then(|| non_empty(self.students_class.get_untracked()))
                .flatten(),
            students_count: if pupils { count } else { None },
            academic_hours: hours,
            outcome: self.outcome.get_untracked().trim().to_string(),
            difficulties: non_empty(self.difficulties.get_untracked()),
            summary: non_empty(self.summary.get_untracked()),
            private_notes: non_empty(self.private_notes.get_untracked()),
            materials: non_empty(self.materials.get_untracked()),
            version: d.session.version,
        };
        if let Err(v) = input.validate(d.session.audience) {
            errs.extend(v);
        }
        if errs.is_empty() {
            Ok(input)
        } else {
            Err(errs)
        }
    }
}

#[component]
pub fn LogForm(state: CardState) -> impl IntoView {
    let (detail, message, busy, sid) = (state.detail, state.message, state.busy, state.id);
    let f = LogFields::new();
    let log_problem = RwSignal::new(None::<Problem>);
    let save_log = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(result) = detail.with_untracked(|d| d.as_ref().map(|d| f.input(d))) else {
            return;
        };
        let input = match result {
            Ok(i) => i,
            Err(errs) => {
                log_problem.set(Some(validation_problem(errs)));
                return;
            }
        };
        busy.set(true);
        log_problem.set(None);
        spawn_local(async move {
            match api::sessions::save_log(&sid.get_value(), &input).await {
                Ok(d) => {
                    message.try_set(Some(
                        "Занятие отмечено проведённым, журнал сохранён.".to_string(),
                    ));
                    state.apply(d);
                }
                Err(p) => {
                    log_problem.try_set(Some(p));
                }
            }
            busy.try_set(false);
        });
    };

    let log_form = move |d: &SessionDetail| {
        if !(d.can_manage && d.session.status == SessionStatus::Planned && d.log_open) {
            return None;
        }
        let regs: Vec<_> = d
            .registrations
            .iter()
            .filter(|r| r.status == RegistrationStatus::Registered)
            .cloned()
            .collect();
        let requesters = d.requesters.clone();
        let nobody = regs.is_empty() && requesters.is_empty();
        let pupils = d.session.audience.has_pupils();
        let default_hours = hours_ru(d.default_academic_hours);
        if f.hours.get_untracked().is_empty() {
            f.hours.set(default_hours);
        }
        Some(view! {
            <form class="card form" on:submit=save_log data-testid="log-form" novalidate=true>
                <h2>"Журнал занятия"</h2>
                <ErrorBanner problem=log_problem />
                <fieldset class="fieldset" data-testid="attendance">
                    <legend>"Присутствовали"</legend>
                    {nobody.then(|| view! { <p class="muted">"На занятие никто не записывался; пришедших добавьте ниже."</p> })}
                    {regs.into_iter().map(|r| view! {
                        <ToggleCheck name="attended_user_ids" value=r.user_id.clone() values=f.attended>
                            <span>{r.full_name.clone()}{r.school_name.as_deref().map(numero).map(|s| format!(" ({s})"))}</span>
                        </ToggleCheck>
                    }).collect_view()}
                    {requesters.into_iter().map(|r| view! {
                        <ToggleCheck name="attended_user_ids" value=r.user_id.clone() values=f.attended>
                            <span data-testid="requester-attendance">
                                {r.full_name.clone()}
                                {r.school_name.as_deref().map(numero).map(|s| format!(" ({s})"))}
                                <span class="muted small">" · автор заявки"</span>
                            </span>
                        </ToggleCheck>
                    }).collect_view()}
                </fieldset>
                <WalkIns rows=f.walk_ins problem=log_problem />
                {pupils.then(|| view! {
                    <div class="grid-2" data-testid="pupils-fields">
                        <TextField label="Класс обучающихся" name="students_class" value=f.students_class problem=log_problem required=true hint="Только класс и число — без имён детей." />
                        <TextField label="Число обучающихся" name="students_count" kind="number" value=f.students_count problem=log_problem />
                    </div>
                })}
                <TextField label="Академических часов" name="academic_hours" value=f.hours problem=log_problem required=true
                    hint="Академический час — 45 минут; по умолчанию — по времени начала и окончания. Основа учёта нагрузки тьютора." />
                <TextField label="Результат" name="outcome" value=f.outcome problem=log_problem required=true multiline=true hint="Что сделано, чего достигли." />
                <TextField label="Трудности, возникшие при взаимодействии с педагогами" name="difficulties" value=f.difficulties problem=log_problem multiline=true />
                <TextField label="Краткое содержание (видят участники)" name="summary" value=f.summary problem=log_problem multiline=true />
                <TextField label="Служебные заметки (видят тьюторы и координатор)" name="private_notes" value=f.private_notes problem=log_problem multiline=true />
                <TextField label="Материалы" name="materials" value=f.materials problem=log_problem multiline=true hint="Названия или ссылки (https://…), по одному в строке." />
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary" data-testid="save-log" disabled=move || busy.get()>
                        "Отметить проведённым"
                    </button>
                </div>
            </form>
        })
    };

    move || detail.with(|d| d.as_ref().and_then(&log_form))
}
