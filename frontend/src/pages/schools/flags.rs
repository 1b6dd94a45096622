//! The school card's support flags year by year, each with its basis; coordinators and
//! administrators set a year's flags (the current year's become the school's own).

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use tutornet_domain::org::{AcademicYear, SchoolYearFlags, SchoolYearFlagsInput};
use tutornet_domain::Problem;

use crate::api;
use crate::ui::form::{is_version_conflict, load, send, valid, SaveBar};
use crate::ui::{CheckboxField, ErrorBanner, LabelBadges, SelectField, TextField};
use crate::util::non_empty;

#[component]
pub fn SchoolFlagsHistory(
    id: String,
    #[prop(into)] can_edit: Signal<bool>,
    /// Called after a year's flags were saved (the school's own may have changed).
    on_saved: Callback<()>,
) -> impl IntoView {
    let history = RwSignal::new(None::<Vec<SchoolYearFlags>>);
    let years = RwSignal::new(Vec::<AcademicYear>::new());
    let problem = RwSignal::new(None::<Problem>);
    let editing = RwSignal::new(false);
    let sid = StoredValue::new(id);
    let reload = move || {
        let id = sid.get_value();
        load(
            problem,
            async move { api::schools::flags(&id).await },
            move |v| {
                history.try_set(Some(v));
            },
        )
    };
    reload();
    load(problem, api::reference::academic_years(), move |v| {
        years.try_set(v);
    });

    let rows = move || {
        history.get().map(|h| {
            if h.is_empty() {
                return view! { <p class="muted" data-testid="flags-empty">"Признаки по учебным годам ещё не записаны."</p> }.into_any();
            }
            view! {
                <table class="table" data-testid="flags-history">
                    <thead><tr><th>"Учебный год"</th><th>"Признаки"</th><th>"Основание"</th></tr></thead>
                    <tbody>
                        {h.into_iter().map(|f| view! {
                            <tr>
                                <td>{f.academic_year_name.clone()}</td>
                                <td><LabelBadges labels=f.labels() /></td>
                                <td>{f.basis.clone().unwrap_or_else(|| "не указано".to_string())}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }
            .into_any()
        })
    };

    view! {
        <div class="card" data-testid="school-flags-years">
            <h2>"Признаки по учебным годам"</h2>
            <ErrorBanner problem />
            <Show when=move || history.with(Option::is_none) && problem.with(Option::is_none)>
                <p class="loading">"Загрузка…"</p>
            </Show>
            {rows}
            <Show when=move || can_edit.get() && !editing.get()>
                <button type="button" class="btn no-print" data-testid="edit-flags" on:click=move |_| editing.set(true)>
                    "Записать признаки за год"
                </button>
            </Show>
            <Show when=move || editing.get()>
                <FlagsForm id=sid.get_value() years history
                    on_done=Callback::new(move |saved: bool| {
                        editing.set(false);
                        if saved {
                            reload();
                            on_saved.run(());
                        }
                    }) />
            </Show>
        </div>
    }
}

#[component]
fn FlagsForm(
    id: String,
    years: RwSignal<Vec<AcademicYear>>,
    history: RwSignal<Option<Vec<SchoolYearFlags>>>,
    on_done: Callback<bool>,
) -> impl IntoView {
    let year_id = RwSignal::new(String::new());
    let low = RwSignal::new(false);
    let difficult = RwSignal::new(false);
    let plus500 = RwSignal::new(false);
    let basis = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<Problem>);
    let saving = RwSignal::new(false);
    let recorded = move |year: &str| {
        history.with_untracked(|h| {
            h.as_ref()
                .and_then(|h| h.iter().find(|f| f.academic_year_id == year).cloned())
        })
    };
    // The current year first; choosing a year fills in what is recorded for it.
    Effect::new(move |_| {
        if year_id.get_untracked().is_empty() {
            if let Some(y) =
                years.with(|ys| ys.iter().find(|y| y.is_current).or(ys.first()).cloned())
            {
                year_id.set(y.id);
            }
        }
    });
    Effect::new(move |_| {
        let year = year_id.get();
        let f = recorded(&year);
        low.set(f.as_ref().is_some_and(|f| f.is_low_results));
        difficult.set(f.as_ref().is_some_and(|f| f.is_difficult_conditions));
        plus500.set(f.as_ref().is_some_and(|f| f.is_500plus));
        basis.set(f.and_then(|f| f.basis).unwrap_or_default());
    });
    let options = Signal::derive(move || {
        years.with(|ys| {
            ys.iter()
                .map(|y| {
                    (
                        y.id.clone(),
                        if y.is_current {
                            format!("{} (текущий)", y.name)
                        } else {
                            y.name.clone()
                        },
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    let sid = StoredValue::new(id);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let year = year_id.get_untracked();
        let input = SchoolYearFlagsInput {
            is_low_results: low.get_untracked(),
            is_difficult_conditions: difficult.get_untracked(),
            is_500plus: plus500.get_untracked(),
            basis: non_empty(basis.get_untracked()),
            version: recorded(&year).map(|f| f.meta.version),
        };
        if !valid(problem, input.validate().err().unwrap_or_default()) {
            return;
        }
        let id = sid.get_value();
        send(
            saving,
            problem,
            async move { api::schools::set_flags(&id, &year, &input).await },
            move |_| on_done.run(true),
        );
    };
    let stale = move || problem.with(|p| p.as_ref().is_some_and(is_version_conflict));
    view! {
        <form class="form" on:submit=submit data-testid="flags-form" novalidate>
            <SelectField label="Учебный год" name="academic_year_id" value=year_id options problem required=true />
            <fieldset class="fieldset">
                <legend>"Признаки"</legend>
                <CheckboxField label="ШНОР — низкие образовательные результаты" name="is_low_results" checked=low />
                <CheckboxField label="ШССУ — сложные социальные условия" name="is_difficult_conditions" checked=difficult />
                <CheckboxField label="Участник проекта «500+»" name="is_500plus" checked=plus500 />
            </fieldset>
            <TextField label="Основание" name="basis" value=basis problem
                hint="Перечень или приказ, например «Приказ министерства № 01-26/2026 от 15.02.2026»" />
            <Show when=stale>
                <p class="muted">"Признаки за этот год только что записал другой пользователь — обновите страницу."</p>
            </Show>
            <SaveBar busy=saving on_cancel=Callback::new(move |_| on_done.run(false)) testid="save-flags" />
        </form>
    }
}
