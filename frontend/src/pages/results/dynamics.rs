//! `/results` (a municipality's dynamics against the region, every school's failing
//! share, ШНОР/ШССУ marked) and `/results/schools/:id` (a school against its
//! municipality and the region, next to the sessions it received).

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use tutornet_domain::permissions::Resource;
use tutornet_domain::results::{percent_ru, Dynamics, RiskReason};

use super::chart::{Line, LineChart};
use super::{ResultsTabs, SliceChoice, SliceFilter, YearsTable};
use crate::api;
use crate::auth::Auth;
use crate::routes::Route;
use crate::ui::resource::{ProblemError, ProblemFallback};
use crate::util::set_title;

fn failing(
    d: &Dynamics,
    pick: fn(&tutornet_domain::results::YearPoint) -> Option<f64>,
) -> Vec<Option<f64>> {
    d.years.iter().map(pick).collect()
}

fn risks_note(d: &Dynamics) -> impl IntoView {
    (!d.risks.is_empty()).then(|| {
        let text = d.risks.iter().map(|r| r.label_ru()).collect::<Vec<_>>().join("; ");
        view! { <p class="banner banner-warn" data-testid="dynamics-risks">{format!("Зона риска: {text}.")}</p> }
    })
}

fn chart(d: &Dynamics, school: bool) -> impl IntoView {
    let years: Vec<String> = d
        .years
        .iter()
        .map(|y| y.academic_year_name.clone())
        .collect();
    let changed: Vec<bool> = d.years.iter().map(|y| y.scale_changed).collect();
    let mut lines = vec![Line {
        label: if school {
            format!("{} — доля неуспешных", d.name)
        } else {
            "Муниципалитет — доля неуспешных".into()
        },
        class: "line-own",
        values: failing(d, |y| y.own.and_then(|m| m.failing_share)),
    }];
    if school {
        lines.push(Line {
            label: "Среднее по муниципалитету".into(),
            class: "line-municipal",
            values: failing(d, |y| y.municipal.and_then(|m| m.failing_share)),
        });
    }
    lines.push(Line {
        label: "Среднее по региону".into(),
        class: "line-regional",
        values: failing(d, |y| y.regional.and_then(|m| m.failing_share)),
    });
    let title = format!(
        "Доля неуспешных: {}, {}, {} класс",
        d.procedure.label_ru(),
        d.subject_name,
        d.grade
    );
    view! {
        <h2>{title.clone()}</h2>
        <LineChart title years changed lines />
        {changed_note(d)}
    }
}

fn changed_note(d: &Dynamics) -> impl IntoView {
    d.years.iter().any(|y| y.scale_changed).then(|| {
        view! { <p class="hint">"* В этом году изменилась шкала перевода баллов в отметки — сравнивайте с осторожностью."</p> }
    })
}

fn empty(d: &Dynamics) -> Option<AnyView> {
    d.years.is_empty().then(|| {
        view! { <p class="empty" data-testid="results-empty">"Результатов этой процедуры пока нет."</p> }.into_any()
    })
}

#[component]
pub fn MunicipalityResultsPage() -> impl IntoView {
    set_title("Результаты оценочных процедур");
    let auth = Auth::get();
    let choice = SliceChoice::from_query();
    let municipality = RwSignal::new(String::new());
    Effect::new(move |_| {
        if municipality.get_untracked().is_empty() {
            let own = auth.own_municipality();
            if let Some(m) = own.or_else(|| {
                auth.municipality_choices(Resource::Results)
                    .first()
                    .map(|m| m.id.clone())
            }) {
                municipality.set(m);
            }
        }
    });
    let c = choice;
    let data = LocalResource::new(move || {
        let (m, q) = (municipality.get(), c.query());
        async move {
            match q {
                Some(q) if !m.is_empty() => api::results::municipality_dynamics(&m, &q)
                    .await
                    .map(Some)
                    .map_err(ProblemError),
                _ => Ok(None),
            }
        }
    });
    let c = choice;
    let shown = move |d: Option<Dynamics>| {
        let Some(d) = d else {
            return view! { <p class="loading">"Выберите муниципалитет и предмет."</p> }.into_any();
        };
        if let Some(e) = empty(&d) {
            return e;
        }
        let pairs = c.pairs();
        let heads: Vec<String> = d
            .years
            .iter()
            .map(|y| y.academic_year_name.clone())
            .collect();
        let schools = d.schools.iter().map(|s| {
            let href = Route::ResultsSchool(s.school_id.clone()).with(&pairs);
            view! {
                <tr data-testid="results-school" class:row-flagged=s.is_low_results>
                    <td data-label="Школа">
                        <a class="strong" href=href>{s.school_name.clone()}</a>
                        {s.is_low_results.then(|| view! { " " <span class="badge badge-flag">"ШНОР"</span> })}
                        {s.is_difficult_conditions.then(|| view! { " " <span class="badge badge-flag">"ШССУ"</span> })}
                    </td>
                    {s.years.iter().zip(heads.clone()).map(|(m, h)| view! {
                        <td data-label=h>
                            {m.map(|m| percent_ru(m.failing_share)).unwrap_or_else(|| "—".into())}
                            {m.is_some_and(|m| m.small_group).then(|| view! { " " <span class="badge badge-small" title="Меньше 10 участников">"< 10"</span> })}
                        </td>
                    }).collect_view()}
                </tr>
            }
        }).collect_view();
        let head_cells = heads
            .iter()
            .map(|h| view! { <th scope="col">{h.clone()}</th> })
            .collect_view();
        view! {
            {risks_note(&d)}
            {chart(&d, false)}
            <YearsTable years=d.years.clone() school=false />
            <h2>"Доля неуспешных по школам"</h2>
            <table class="table" data-testid="results-schools">
                <thead><tr><th scope="col">"Школа"</th>{head_cells}</tr></thead>
                <tbody>{schools}</tbody>
            </table>
        }
        .into_any()
    };
    view! {
        <section class="page" data-testid="results-page">
            <div class="page-head"><h1>"Результаты оценочных процедур"</h1></div>
            <ResultsTabs />
            <div class="filters">
                <label class="filter-field">
                    <span class="filter-label">"Муниципалитет"</span>
                    <select name="municipality_id" on:change:target=move |ev| municipality.set(ev.target().value())>
                        {move || auth.municipality_choices(Resource::Results).into_iter().map(|m| {
                            let id = m.id.clone();
                            view! { <option value=m.id prop:selected=move || municipality.with(|x| *x == id)>{m.name}</option> }
                        }).collect_view()}
                    </select>
                </label>
            </div>
            <SliceFilter choice=choice />
            <Transition fallback=|| view! { <p class="loading" data-testid="loading">"Загрузка…"</p> }>
                <ErrorBoundary fallback=|errors| view! { <ProblemFallback errors /> }>
                    {move || Suspend::new(async move { data.await.map(shown) })}
                </ErrorBoundary>
            </Transition>
        </section>
    }
}

#[component]
pub fn SchoolResultsPage() -> impl IntoView {
    set_title("Результаты школы");
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let choice = SliceChoice::from_query();
    let c = choice;
    let data = LocalResource::new(move || {
        let (s, q) = (id(), c.query());
        async move {
            match q {
                Some(q) => api::results::school_dynamics(&s, &q)
                    .await
                    .map(Some)
                    .map_err(ProblemError),
                None => Ok(None),
            }
        }
    });
    let shown = move |d: Option<Dynamics>| {
        let Some(d) = d else {
            return view! { <p class="loading">"Выберите предмет."</p> }.into_any();
        };
        let name = d.name.clone();
        let sessions: i64 = d.years.iter().filter_map(|y| y.sessions_held).sum();
        let body = empty(&d).unwrap_or_else(|| {
            view! {
                {risks_note(&d)}
                {chart(&d, true)}
                <YearsTable years=d.years.clone() school=true />
            }
            .into_any()
        });
        let rising = d.risks.contains(&RiskReason::RisingTwoYears);
        view! {
            <h2 class="results-school-name" data-testid="results-school-name">{name}</h2>
            <p class="muted" data-testid="results-sessions">
                {format!("Тьюторская поддержка: проведено занятий по заявкам школы за эти годы — {sessions}.")}
                {rising.then_some(" Доля неуспешных растёт: стоит запланировать консультации.")}
            </p>
            <a class="btn" href=Route::School(d.id.clone()).path()>"Карточка школы"</a>
            {body}
        }
        .into_any()
    };
    view! {
        <section class="page" data-testid="school-results-page">
            <div class="page-head"><h1>"Результаты школы"</h1></div>
            <ResultsTabs />
            <SliceFilter choice=choice />
            <Transition fallback=|| view! { <p class="loading" data-testid="loading">"Загрузка…"</p> }>
                <ErrorBoundary fallback=|errors| view! { <ProblemFallback errors /> }>
                    {move || Suspend::new(async move { data.await.map(shown) })}
                </ErrorBoundary>
            </Transition>
        </section>
    }
}
