//! Walk-in participants in the log form: people who came without registering — full
//! name, school and position (both optional) — added and removed by the tutor.

use leptos::prelude::*;
use tutornet_domain::community::WalkInInput;
use tutornet_domain::Problem;

use crate::util::non_empty;

/// One row of the editor.
#[derive(Clone, Copy)]
pub struct WalkInRow {
    key: usize,
    full_name: RwSignal<String>,
    school: RwSignal<String>,
    position: RwSignal<String>,
}

impl WalkInRow {
    pub fn input(&self) -> WalkInInput {
        WalkInInput {
            full_name: self.full_name.get_untracked().trim().to_string(),
            school: non_empty(self.school.get_untracked()),
            position: non_empty(self.position.get_untracked()),
        }
    }
}

/// A text input of a walk-in row, named `walk_ins[i].field` like the API's errors.
fn cell(
    label: &'static str,
    name: String,
    value: RwSignal<String>,
    problem: RwSignal<Option<Problem>>,
) -> impl IntoView {
    let id = format!("f-{name}");
    let key = name.clone();
    let error = move || {
        problem.with(|p| {
            p.as_ref()
                .and_then(|p| p.field_message(&key))
                .map(str::to_string)
        })
    };
    let (has_error, invalid) = (error.clone(), error.clone());
    view! {
        <div class="field" class:has-error=move || has_error().is_some()>
            <label for=id.clone()>{label}</label>
            <input
                id=id
                type="text"
                name=name
                aria-invalid=move || invalid().is_some().then_some("true")
                prop:value=move || value.get()
                on:input:target=move |ev| value.set(ev.target().value())
            />
            {move || error().map(|m| view! { <p class="field-error">{m}</p> })}
        </div>
    }
}

#[component]
pub fn WalkIns(
    rows: RwSignal<Vec<WalkInRow>>,
    problem: RwSignal<Option<Problem>>,
) -> impl IntoView {
    let next = StoredValue::new(0usize);
    let add = move |_| {
        let key = next.get_value();
        next.set_value(key + 1);
        rows.update(|v| {
            v.push(WalkInRow {
                key,
                full_name: RwSignal::new(String::new()),
                school: RwSignal::new(String::new()),
                position: RwSignal::new(String::new()),
            })
        });
    };
    view! {
        <fieldset class="fieldset" data-testid="walk-ins">
            <legend>"Пришли без записи"</legend>
            <For
                each=move || rows.get().into_iter().enumerate()
                key=|(i, r)| (*i, r.key)
                children=move |(i, r)| view! {
                    <div class="walk-in" data-testid="walk-in">
                        <div class="grid-3">
                            {cell("ФИО полностью", format!("walk_ins[{i}].full_name"), r.full_name, problem)}
                            {cell("Школа", format!("walk_ins[{i}].school"), r.school, problem)}
                            {cell("Должность", format!("walk_ins[{i}].position"), r.position, problem)}
                        </div>
                        <button type="button" class="btn btn-small" data-testid="remove-walk-in"
                            on:click=move |_| rows.update(|v| v.retain(|x| x.key != r.key))>
                            "Убрать"
                        </button>
                    </div>
                }
            />
            <button type="button" class="btn" data-testid="add-walk-in" on:click=add>
                "Добавить участника без записи"
            </button>
        </fieldset>
    }
}
