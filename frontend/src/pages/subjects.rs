//! `/subjects`: the subjects requests, members and sessions refer to; the regional
//! administrator adds, renames and archives them, everyone else reads.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use tutornet_domain::org::{Subject, SubjectInput};
use tutornet_domain::permissions::{Action, Resource};
use tutornet_domain::Problem;

use crate::api;
use crate::auth::Auth;
use crate::ui::dictionary::{
    count_of, edited, on_form_done, DictionaryPage, Editing, EntryActions,
};
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
                    let target = s.clone();
                    let run = Callback::new(move |_| archive(target.clone()));
                    view! {
                        <tr data-testid="subject-row">
                            <td>{s.name.clone()}</td>
                            <EntryActions can_write editing id=s.id.clone() busy archive=("В архив", run) />
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let form = move || {
        edited(editing, items, |s: &Subject| &s.id).map(|current| {
            view! { <SubjectForm current on_done=on_form_done(editing, reload) /> }
        })
    };
    view! {
        <DictionaryPage title="Предметы" add_label="Добавить предмет" can_write editing problem
            count=count_of(items)>
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
