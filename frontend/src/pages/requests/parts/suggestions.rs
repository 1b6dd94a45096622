//! The ranked tutors for «Принять», with the same-school confirmation.

use leptos::prelude::*;
use tutornet_domain::community::TutorSuggestion;
use tutornet_domain::Problem;

use crate::ui::fields::{field_error, Check};

/// The radio list of suggested tutors (or «none found»), shown once they have loaded.
#[component]
pub fn Suggestions(
    suggestions: RwSignal<Option<Vec<TutorSuggestion>>>,
    tutor: RwSignal<String>,
    allow_same: RwSignal<bool>,
    action_problem: RwSignal<Option<Problem>>,
) -> impl IntoView {
    let suggestion_list = move || {
        suggestions.get().map(|list| {
            if list.is_empty() {
                return view! {
                    <p class="muted" data-testid="no-suggestions">
                        "Подходящих тьюторов не найдено: в утверждённом составе нет тьюторов с учётной записью."
                    </p>
                }
                .into_any();
            }
            view! {
                <div class="suggestions" role="radiogroup" aria-label="Тьюторы" data-testid="suggestions">
                    {list
                        .into_iter()
                        .enumerate()
                        .map(|(i, s)| {
                            let uid = s.user_id.clone();
                            let uid2 = s.user_id.clone();
                            view! {
                                <label class="suggestion" class:same-school=s.same_school data-testid="suggestion">
                                    <input
                                        type="radio"
                                        name="tutor_user_id"
                                        value=uid.clone()
                                        prop:checked=move || tutor.with(|t| *t == uid)
                                        on:change=move |_| {
                                            tutor.set(uid2.clone());
                                            allow_same.set(false);
                                        }
                                    />
                                    <span class="suggestion-body">
                                        <span class="strong">{s.full_name.clone()}</span>
                                        {(i == 0 && !s.same_school).then(|| view! { " " <span class="badge st-done">"рекомендуем"</span> })}
                                        {s.same_school.then(|| view! { " " <span class="badge st-warn">"та же школа"</span> })}
                                        <span class="muted small">
                                            {[
                                                s.school_name.as_deref().map(tutornet_domain::text::numero),
                                                Some(format!("нагрузка: {}", s.load)),
                                                s.average_rating.map(|r| format!("оценка {r:.1}").replace('.', ",")),
                                            ]
                                                .into_iter()
                                                .flatten()
                                                .collect::<Vec<_>>()
                                                .join(" · ")}
                                        </span>
                                        <ul class="reasons">
                                            {s.reasons.iter().map(|r| view! { <li>{r.clone()}</li> }).collect_view()}
                                        </ul>
                                    </span>
                                </label>
                            }
                        })
                        .collect_view()}
                </div>
                {move || field_error(action_problem, "tutor_user_id").map(|m| view! { <p class="field-error" data-testid="error-tutor_user_id">{m}</p> })}
                <Show when=move || {
                    let t = tutor.get();
                    suggestions.with(|s| s.as_ref().and_then(|s| s.iter().find(|x| x.user_id == t)).is_some_and(|x| x.same_school))
                }>
                    <Check
                        label="Тьютор работает в той же школе, что и заявитель. Всё равно назначить."
                        name="allow_same_school"
                        checked=allow_same
                        class="check warn-check"
                    />
                    {move || field_error(action_problem, "allow_same_school").map(|m| view! { <p class="field-error" data-testid="error-allow_same_school">{m}</p> })}
                </Show>
            }
            .into_any()
        })
    };
    suggestion_list
}
