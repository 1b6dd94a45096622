//! Amendments of a held session's log: the history and the form.

use leptos::prelude::*;
use leptos::task::spawn_local;
use tutornet_domain::community::{AmendmentInput, AMENDABLE_FIELDS};
use tutornet_domain::community::{SessionDetail, SessionStatus};
use tutornet_domain::FieldError;
use tutornet_domain::Problem;

use super::field_label;
use super::CardState;
use crate::api;
use crate::api::validation_problem;
use crate::ui::time::datetime_ru;
use crate::ui::{ErrorBanner, SelectField, TextField};

#[component]
pub fn Amendments(state: CardState) -> impl IntoView {
    let (detail, message, busy, sid) = (state.detail, state.message, state.busy, state.id);
    let apply = move |d: SessionDetail| state.apply(d);
    // Amendments.
    let am_field = RwSignal::new("outcome".to_string());
    let am_value = RwSignal::new(String::new());
    let am_note = RwSignal::new(String::new());
    let am_problem = RwSignal::new(None::<Problem>);
    let save_amendment = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = AmendmentInput {
            field: am_field.get_untracked(),
            value: am_value.get_untracked().trim().to_string(),
            note: am_note.get_untracked().trim().to_string(),
        };
        let mut errs = Vec::new();
        if input.note.is_empty() {
            errs.push(FieldError::new(
                "note",
                "required",
                "Объясните, почему вносится поправка",
            ));
        }
        if !errs.is_empty() {
            am_problem.set(Some(validation_problem(errs)));
            return;
        }
        busy.set(true);
        am_problem.set(None);
        spawn_local(async move {
            match api::sessions::amend(&sid.get_value(), &input).await {
                Ok(d) => {
                    message.try_set(Some("Поправка внесена.".to_string()));
                    am_value.try_set(String::new());
                    am_note.try_set(String::new());
                    apply(d);
                }
                Err(p) => {
                    am_problem.try_set(Some(p));
                }
            }
            busy.try_set(false);
        });
    };

    let amendments = move |d: &SessionDetail| {
        if d.session.status != SessionStatus::Held {
            return None;
        }
        let list = d.amendments.clone();
        let manage = d.can_manage;
        Some(view! {
            <div class="card" data-testid="amendments">
                <h2>"Поправки"</h2>
                {if list.is_empty() {
                    view! { <p class="muted">"Поправок не было."</p> }.into_any()
                } else {
                    view! {
                        <ol class="timeline">
                            {list.into_iter().map(|a| view! {
                                <li class="timeline-item">
                                    <div class="timeline-head">
                                        <span class="strong">{field_label(&a.field)}</span>
                                        <span class="muted small nowrap">{datetime_ru(a.at)}</span>
                                    </div>
                                    <div class="muted small">{a.author_name.clone().unwrap_or_default()}</div>
                                    <p class="small">
                                        <del>{a.before_value.clone().unwrap_or_else(|| "—".to_string())}</del>
                                        " → "
                                        <ins>{a.after_value.clone().unwrap_or_else(|| "—".to_string())}</ins>
                                    </p>
                                    {a.note.clone().map(|n| view! { <p class="timeline-comment">{n}</p> })}
                                </li>
                            }).collect_view()}
                        </ol>
                    }.into_any()
                }}
                {manage.then(|| view! {
                    <form class="form amend-form no-print" on:submit=save_amendment data-testid="amend-form" novalidate=true>
                        <h3>"Внести поправку"</h3>
                        <ErrorBanner problem=am_problem />
                        <SelectField
                            label="Что исправить"
                            name="field"
                            value=am_field
                            options=Signal::derive(|| AMENDABLE_FIELDS.iter().map(|f| (f.to_string(), field_label(f).to_string())).collect::<Vec<_>>())
                            problem=am_problem
                        />
                        <TextField label="Новое значение" name="value" value=am_value problem=am_problem multiline=true />
                        <TextField label="Причина поправки" name="note" value=am_note problem=am_problem required=true />
                        <div class="form-actions">
                            <button type="submit" class="btn" data-testid="save-amendment" disabled=move || busy.get()>"Внести поправку"</button>
                        </div>
                    </form>
                })}
            </div>
        })
    };

    move || detail.with(|d| d.as_ref().and_then(&amendments))
}
