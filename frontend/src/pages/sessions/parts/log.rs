//! The session log: the form that marks a session held, and the log of a held one.

use leptos::prelude::*;
use leptos::task::spawn_local;
use tutornet_domain::community::{RegistrationStatus, SessionLogInput};
use tutornet_domain::community::{SessionDetail, SessionStatus};
use tutornet_domain::FieldError;
use tutornet_domain::Problem;

use super::para;
use super::CardState;
use crate::api;
use crate::api::validation_problem;
use crate::ui::fields::ToggleCheck;
use crate::ui::time::datetime_ru;
use crate::ui::{ErrorBanner, TextField};
use crate::util::non_empty;

#[component]
pub fn LogForm(state: CardState) -> impl IntoView {
    let (detail, message, busy, sid) = (state.detail, state.message, state.busy, state.id);
    let apply = move |d: SessionDetail| state.apply(d);
    // The log.
    let attended = RwSignal::new(Vec::<String>::new());
    let students_class = RwSignal::new(String::new());
    let students_count = RwSignal::new(String::new());
    let outcome = RwSignal::new(String::new());
    let summary = RwSignal::new(String::new());
    let private_notes = RwSignal::new(String::new());
    let materials = RwSignal::new(String::new());
    let log_problem = RwSignal::new(None::<Problem>);
    let save_log = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(version) = detail.with_untracked(|d| d.as_ref().map(|d| d.session.version)) else {
            return;
        };
        let mut errs = Vec::new();
        let count = match students_count.get_untracked().trim() {
            "" => None,
            s => match s.parse::<i32>() {
                Ok(n) => Some(n),
                Err(_) => {
                    errs.push(FieldError::new(
                        "students_count",
                        "invalid",
                        "Введите целое число",
                    ));
                    None
                }
            },
        };
        let input = SessionLogInput {
            attended_user_ids: attended.get_untracked(),
            students_class: non_empty(students_class.get_untracked()),
            students_count: count,
            outcome: outcome.get_untracked().trim().to_string(),
            summary: non_empty(summary.get_untracked()),
            private_notes: non_empty(private_notes.get_untracked()),
            materials: non_empty(materials.get_untracked()),
            version,
        };
        if let Err(v) = input.validate() {
            errs.extend(v);
        }
        if !errs.is_empty() {
            log_problem.set(Some(validation_problem(errs)));
            return;
        }
        busy.set(true);
        log_problem.set(None);
        spawn_local(async move {
            match api::sessions::save_log(&sid.get_value(), &input).await {
                Ok(d) => {
                    message.try_set(Some(
                        "Занятие отмечено проведённым, журнал сохранён.".to_string(),
                    ));
                    apply(d);
                }
                Err(p) => {
                    log_problem.try_set(Some(p));
                }
            }
            busy.try_set(false);
        });
    };

    let log_form = move |d: &SessionDetail| {
        if !(d.can_manage && d.session.status == SessionStatus::Planned) {
            return None;
        }
        let started = d.session.starts_at <= crate::ui::time::now();
        let regs: Vec<_> = d
            .registrations
            .iter()
            .filter(|r| r.status == RegistrationStatus::Registered)
            .cloned()
            .collect();
        Some(view! {
            <form class="card form" on:submit=save_log data-testid="log-form" novalidate=true>
                <h2>"Журнал: отметить проведённым"</h2>
                {(!started).then(|| view! { <p class="hint">"Занятие ещё не началось: журнал заполняется после начала."</p> })}
                <ErrorBanner problem=log_problem />
                <fieldset class="fieldset">
                    <legend>"Присутствовали"</legend>
                    {if regs.is_empty() {
                        view! { <p class="muted">"На занятие никто не записывался."</p> }.into_any()
                    } else {
                        regs.into_iter().map(|r| {
                            view! {
                                <ToggleCheck name="attended_user_ids" value=r.user_id.clone() values=attended>
                                    <span>{r.full_name.clone()}{r.school_name.as_deref().map(tutornet_domain::text::numero).map(|s| format!(" ({s})"))}</span>
                                </ToggleCheck>
                            }
                        }).collect_view().into_any()
                    }}
                </fieldset>
                <div class="grid-2">
                    <TextField label="Класс обучающихся" name="students_class" value=students_class problem=log_problem hint="Только класс и число — без имён детей." />
                    <TextField label="Число обучающихся" name="students_count" kind="number" value=students_count problem=log_problem />
                </div>
                <TextField label="Результат" name="outcome" value=outcome problem=log_problem required=true multiline=true hint="Что сделано, чего достигли." />
                <TextField label="Краткое содержание (видят участники)" name="summary" value=summary problem=log_problem multiline=true />
                <TextField label="Служебные заметки (видят тьюторы и координатор)" name="private_notes" value=private_notes problem=log_problem multiline=true />
                <TextField label="Материалы" name="materials" value=materials problem=log_problem multiline=true hint="Названия или ссылки, по одному в строке." />
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

#[component]
pub fn LogView(state: CardState) -> impl IntoView {
    let detail = state.detail;
    let log_view = move |d: &SessionDetail| {
        if d.session.status != SessionStatus::Held {
            return None;
        }
        let students = match (&d.students_class, d.students_count) {
            (Some(c), Some(n)) => Some(format!("{c}, {n} чел.")),
            (Some(c), None) => Some(c.clone()),
            (None, Some(n)) => Some(format!("{n} чел.")),
            _ => None,
        };
        Some(view! {
            <div class="card" data-testid="session-log">
                <h2>"Журнал занятия"</h2>
                <dl class="props">
                    {d.held_at.map(|t| view! { <dt>"Отмечено"</dt><dd>{datetime_ru(t)}</dd> })}
                    {para("Обучающиеся", students)}
                    {para("Результат", d.outcome.clone())}
                    {para("Краткое содержание", d.summary.clone())}
                    {para("Служебные заметки", d.private_notes.clone())}
                    {para("Материалы", d.materials.clone())}
                </dl>
            </div>
        })
    };

    move || detail.with(|d| d.as_ref().and_then(&log_view))
}
