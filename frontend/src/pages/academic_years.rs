//! `/academic-years`: the academic years (01.09 – 31.08) and which one is current; the
//! regional administrator adds them and moves «текущий», everyone else reads.

use chrono::Datelike;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use tutornet_domain::org::{AcademicYear, AcademicYearInput};
use tutornet_domain::permissions::{Action, Resource};
use tutornet_domain::text::format_date_ru;
use tutornet_domain::Problem;

use crate::api;
use crate::auth::Auth;
use crate::ui::dictionary::{
    count_of, edited, on_form_done, DictionaryPage, Editing, EntryActions,
};
use crate::ui::form::{field_problem, load, send, valid, SaveBar};
use crate::ui::{CheckboxField, TextField};
use crate::util::set_title;

const NOUN: &str = "academic-years";

#[component]
pub fn AcademicYearsPage() -> impl IntoView {
    set_title("Учебные годы");
    let auth = Auth::get();
    let items = RwSignal::new(None::<Vec<AcademicYear>>);
    let problem = RwSignal::new(None::<Problem>);
    let editing = RwSignal::new(Editing::None);
    let reload = move || {
        load(problem, api::reference::academic_years(), move |v| {
            items.try_set(Some(v));
        })
    };
    reload();
    let can_write = Signal::derive(move || auth.can(Resource::AcademicYear, Action::Update));
    let busy = RwSignal::new(false);
    let rows = move || {
        items.get().map(|v| {
            v.into_iter()
                .map(|y| {
                    view! {
                        <tr data-testid="year-row">
                            <td>{y.name.clone()}
                                {y.is_current.then(|| view! { " " <span class="badge badge-active">"текущий"</span> })}</td>
                            <td>{format!("{} – {}", format_date_ru(y.starts_on), format_date_ru(y.ends_on))}</td>
                            <EntryActions can_write editing id=y.id.clone() busy />
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let form = move || {
        edited(editing, items, |y: &AcademicYear| &y.id).map(|current| {
            view! { <YearForm current on_done=on_form_done(editing, reload) /> }
        })
    };
    view! {
        <DictionaryPage title="Учебные годы" add_label="Добавить учебный год" can_write editing problem
            count=count_of(items)>
            {form}
            <table class="table" data-testid="academic-years">
                <thead><tr>
                    <th>"Учебный год"</th><th>"Сроки"</th>
                    <Show when=move || can_write.get()><th class="no-print"></th></Show>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </DictionaryPage>
    }
}

#[component]
fn YearForm(current: Option<AcademicYear>, on_done: Callback<bool>) -> impl IntoView {
    let start = RwSignal::new(
        current
            .as_ref()
            .map(|y| y.starts_on.year().to_string())
            .unwrap_or_default(),
    );
    let is_current = RwSignal::new(current.as_ref().is_some_and(|y| y.is_current));
    let problem = RwSignal::new(None::<Problem>);
    let saving = RwSignal::new(false);
    let current = StoredValue::new(current);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Ok(start_year) = start.get_untracked().trim().parse::<i32>() else {
            field_problem(
                problem,
                "start_year",
                "invalid",
                "Укажите год числом, например 2027",
            );
            return;
        };
        let input = AcademicYearInput {
            start_year,
            is_current: is_current.get_untracked(),
            version: current.with_value(|c| c.as_ref().map(|y| y.meta.version)),
        };
        if !valid(problem, input.validate().err().unwrap_or_default()) {
            return;
        }
        let id = current.with_value(|c| c.as_ref().map(|y| y.id.clone()));
        send(
            saving,
            problem,
            async move { api::reference::save::<_, AcademicYear>(NOUN, id.as_deref(), &input).await },
            move |_| on_done.run(true),
        );
    };
    view! {
        <form class="form card" on:submit=submit data-testid="year-form" novalidate>
            <TextField label="Год начала" name="start_year" value=start problem required=true kind="number"
                hint="2027 — учебный год 01.09.2027 – 31.08.2028" />
            <CheckboxField label="Текущий учебный год" name="is_current" checked=is_current problem />
            <SaveBar busy=saving on_cancel=Callback::new(move |_| on_done.run(false)) />
        </form>
    }
}
