//! `/results…`: results of assessment procedures — a municipality's dynamics with the
//! SVG chart and its table, a school's results next to the tutoring it received, the
//! risk list and the table import.

pub mod chart;
pub mod dynamics;
pub mod import;
pub mod risks;

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use tutornet_domain::results::{percent_ru, DynamicsQuery, Metrics, Procedure, YearPoint};

use crate::routes::Route;

/// The slice a page shows, from its query string (default: ВПР, the first subject, 5th grade).
#[derive(Clone, Copy, PartialEq)]
pub struct SliceChoice {
    pub procedure: RwSignal<String>,
    pub subject_id: RwSignal<String>,
    pub grade: RwSignal<String>,
}

impl SliceChoice {
    pub fn from_query() -> SliceChoice {
        let q = use_query_map();
        let get = |k: &str, d: &str| {
            q.with_untracked(|m| m.get(k))
                .filter(|v| !v.is_empty())
                .unwrap_or_else(|| d.to_string())
        };
        SliceChoice {
            procedure: RwSignal::new(get("procedure", "vpr")),
            subject_id: RwSignal::new(get("subject_id", "")),
            grade: RwSignal::new(get("grade", "5")),
        }
    }

    /// The query, once a subject is chosen.
    pub fn query(&self) -> Option<DynamicsQuery> {
        let subject = self.subject_id.get();
        (!subject.is_empty()).then(|| DynamicsQuery {
            procedure: Procedure::parse(&self.procedure.get()).unwrap_or(Procedure::Vpr),
            subject_id: subject,
            grade: self.grade.get().parse().unwrap_or(5),
        })
    }

    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        vec![
            ("procedure", self.procedure.get_untracked()),
            ("subject_id", self.subject_id.get_untracked()),
            ("grade", self.grade.get_untracked()),
        ]
    }
}

/// Procedure, subject and grade pickers.
#[component]
pub fn SliceFilter(choice: SliceChoice) -> impl IntoView {
    let subjects = LocalResource::new(crate::api::reference::subjects);
    // The first subject (mathematics, where there is one) until one is chosen.
    Effect::new(move |_| {
        if let Some(list) = subjects.get() {
            if choice.subject_id.get_untracked().is_empty() {
                let first = list
                    .iter()
                    .find(|s| s.1 == "Математика")
                    .or(list.first())
                    .map(|s| s.0.clone());
                if let Some(id) = first {
                    choice.subject_id.set(id);
                }
            }
        }
    });
    let select = |label: &'static str,
                  name: &'static str,
                  value: RwSignal<String>,
                  options: Signal<Vec<(String, String)>>| {
        view! {
            <label class="filter-field">
                <span class="filter-label">{label}</span>
                <select name=name data-testid=format!("results-{name}") on:change:target=move |ev| value.set(ev.target().value())>
                    {move || options.get().into_iter().map(|(v, l)| {
                        let sel = v.clone();
                        view! { <option value=v prop:selected=move || value.with(|x| *x == sel)>{l}</option> }
                    }).collect_view()}
                </select>
            </label>
        }
    };
    view! {
        <div class="filters results-filters">
            {select("Процедура", "procedure", choice.procedure, Signal::derive(|| Procedure::ALL.iter().map(|p| (p.as_str().to_string(), p.label_ru().to_string())).collect()))}
            {select("Предмет", "subject_id", choice.subject_id, Signal::derive(move || subjects.get().unwrap_or_default()))}
            {select("Класс", "grade", choice.grade, Signal::derive(|| (1..=11).map(|g| (g.to_string(), format!("{g} класс"))).collect()))}
        </div>
    }
}

/// A share with «мало участников» when the group is under 10.
pub fn share(m: &Option<Metrics>, pick: fn(&Metrics) -> Option<f64>) -> String {
    m.as_ref()
        .map(|m| percent_ru(pick(m)))
        .unwrap_or_else(|| "—".into())
}

pub fn mean(m: &Option<Metrics>) -> String {
    m.and_then(|m| m.mean_mark)
        .map(|v| format!("{v:.2}").replace('.', ","))
        .unwrap_or_else(|| "—".into())
}

fn small(m: &Option<Metrics>) -> bool {
    m.is_some_and(|m| m.small_group)
}

/// The table under the chart: the same numbers, year by year.
#[component]
pub fn YearsTable(years: Vec<YearPoint>, school: bool) -> impl IntoView {
    let own = if school {
        "Школа"
    } else {
        "Муниципалитет"
    };
    let rows = years
        .into_iter()
        .map(|y| {
            let fs = |m: &Metrics| m.failing_share;
            let q = |m: &Metrics| m.quality;
            view! {
                <tr data-testid="results-year" class:row-flagged=y.is_low_results>
                    <td data-label="Учебный год">
                        {y.academic_year_name.clone()}
                        {y.scale_changed.then(|| view! { " " <span class="badge badge-scale" title=y.scale.clone().unwrap_or_default()>"шкала изменена"</span> })}
                        {y.is_low_results.then(|| view! { " " <span class="badge badge-flag">"ШНОР"</span> })}
                        {y.is_difficult_conditions.then(|| view! { " " <span class="badge badge-flag">"ШССУ"</span> })}
                    </td>
                    <td data-label="Участников">
                        {y.own.map(|m| m.participants.to_string()).unwrap_or_else(|| "—".into())}
                        {small(&y.own).then(|| view! { " " <span class="badge badge-small" title="Меньше 10 участников: доли мало что говорят">"< 10"</span> })}
                    </td>
                    <td data-label=format!("Неуспешные: {own}") data-testid="own-failing">{share(&y.own, fs)}</td>
                    <td data-label="Качество">{share(&y.own, q)}</td>
                    <td data-label="Средняя отметка">{mean(&y.own)}</td>
                    {school.then(|| view! { <td data-label="Неуспешные: муниципалитет">{share(&y.municipal, fs)}</td> })}
                    <td data-label="Неуспешные: регион">{share(&y.regional, fs)}</td>
                    {school.then(|| view! { <td data-label="Проведено занятий">{y.sessions_held.map(|n| n.to_string()).unwrap_or_else(|| "—".into())}</td> })}
                </tr>
            }
        })
        .collect_view();
    let mut cols = vec![
        "Учебный год",
        "Участников",
        "Доля неуспешных",
        "Качество (4+5)",
        "Средняя отметка",
    ];
    if school {
        cols.push("Муниципалитет: неуспешные");
    }
    cols.push("Регион: неуспешные");
    if school {
        cols.push("Проведено занятий");
    }
    view! {
        <crate::ui::table::Table testid="results-years" columns=crate::ui::table::columns(&cols)>
            {rows}
        </crate::ui::table::Table>
    }
}

/// Links between the results pages.
#[component]
pub fn ResultsTabs() -> impl IntoView {
    use tutornet_domain::permissions::{Action, Resource};
    let auth = crate::auth::Auth::get();
    let location = leptos_router::hooks::use_location();
    let item = move |route: Route, label: &'static str| {
        let href = route.path();
        let here = href.clone();
        view! {
            <a class="tab" class:active=move || location.pathname.with(|p| *p == here) href=href>{label}</a>
        }
    };
    // School staff read their own school only: no municipality pages for them.
    let municipal = move || {
        auth.me.with(|m| {
            m.as_ref().is_some_and(|m| {
                tutornet_domain::permissions::scope(m.role, Resource::Results, Action::Read)
                    .is_some_and(|s| s > tutornet_domain::Scope::School)
            })
        })
    };
    view! {
        <nav class="tabs subnav no-print" aria-label="Результаты">
            <Show when=municipal>
                {item(Route::Results, "Динамика")}
                {item(Route::ResultsRisks, "Школы в зоне риска")}
            </Show>
            <Show when=move || auth.can(Resource::Results, Action::Create)>
                <a class="tab" href=Route::ResultsImport.path() data-testid="results-import-link">"Загрузить результаты"</a>
            </Show>
        </nav>
    }
}
