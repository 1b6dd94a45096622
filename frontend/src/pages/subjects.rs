//! `/subjects`: the subjects requests, members and sessions refer to; the regional
//! administrator adds, renames and archives them, everyone else reads.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use tutornet_domain::org::{Subject, SubjectInput};
use tutornet_domain::permissions::{Action, Resource};
use tutornet_domain::Problem;

use crate::api;
use crate::auth::Auth;
use crate::ui::dictionary::{DictionaryPage, Editing};
use crate::ui::form::{load, send, valid, SaveBar};
use crate::ui::TextField;
use crate::util::{confirm, set_title};

const NOUN: &str = "subjects";

#[component]
pub fn SubjectsPage() -> impl IntoView {
    set_title("Предметы");
    let auth = Auth::get();
    let items = RwSignal::new(None::<Vec<Subject>>);
    let problem = RwSignal::new(None::<Problem>);
    let editing = RwSignal::new(Editing::None);
    let busy = RwSignal::new(false);
    let reload = move || {
        load(problem, api::reference::subject_list(), move |v| {
            items.try_set(Some(v));
        })
    };
    reload();
    let can_write = Signal::derive(move || auth.can(Resource::Subject, Action::Update));
    let archive = move |s: Subject| {
        if !confirm(&format!("Перенести предмет «{}» в архив?", s.name)) {
            return;
        }
        send(
            busy,
            problem,
            async move { api::reference::archive::<Subject>(NOUN, &s.id).await },
            move |_| reload(),
        );
    };
    let rows = move || {
        items.get().map(|v| {
            v.into_iter()
                .map(|s| {
                    let (a, b) = (s.clone(), s.clone());
                    view! {
                        <tr data-testid="subject-row">
                            <td>{s.name.clone()}</td>
                            <Show when=move || can_write.get()>
                                <td class="actions no-print">
                                    <button type="button" class="btn btn-link" on:click={
                                        let id = a.id.clone();
                                        move |_| editing.set(Editing::Of(id.clone()))
                                    }>"Изменить"</button>
                                    <button type="button" class="btn btn-link" disabled=move || busy.get() on:click={
                                        let s = b.clone();
                                        move |_| archive(s.clone())
                                    }>"В архив"</button>
                                </td>
                            </Show>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let form = move || {
        let id = editing.get().id()?;
        let current = items.with(|v| {
            v.as_ref()
                .and_then(|v| v.iter().find(|s| Some(&s.id) == id.as_ref()).cloned())
        });
        Some(view! {
            <SubjectForm current on_done=Callback::new(move |saved: bool| {
                editing.set(Editing::None);
                if saved { reload(); }
            }) />
        })
    };
    view! {
        <DictionaryPage title="Предметы" add_label="Добавить предмет" can_write editing problem
            empty=Signal::derive(move || items.with(|v| v.as_ref().is_some_and(Vec::is_empty)))
            loading=Signal::derive(move || items.with(Option::is_none))>
            {form}
            <table class="table" data-testid="subjects">
                <thead><tr>
                    <th>"Предмет"</th>
                    <Show when=move || can_write.get()><th class="no-print"></th></Show>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </DictionaryPage>
    }
}

#[component]
fn SubjectForm(current: Option<Subject>, on_done: Callback<bool>) -> impl IntoView {
    let name = RwSignal::new(current.as_ref().map(|s| s.name.clone()).unwrap_or_default());
    let problem = RwSignal::new(None::<Problem>);
    let saving = RwSignal::new(false);
    let current = StoredValue::new(current);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let input = SubjectInput {
            name: name.get_untracked().trim().to_string(),
            version: current.with_value(|c| c.as_ref().map(|s| s.meta.version)),
        };
        if !valid(problem, input.validate().err().unwrap_or_default()) {
            return;
        }
        let id = current.with_value(|c| c.as_ref().map(|s| s.id.clone()));
        send(
            saving,
            problem,
            async move { api::reference::save::<_, Subject>(NOUN, id.as_deref(), &input).await },
            move |_| on_done.run(true),
        );
    };
    view! {
        <form class="form card" on:submit=submit data-testid="subject-form" novalidate>
            <TextField label="Предмет" name="name" value=name problem required=true />
            <SaveBar busy=saving on_cancel=Callback::new(move |_| on_done.run(false)) />
        </form>
    }
}
