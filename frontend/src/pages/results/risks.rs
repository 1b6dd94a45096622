//! `/results/risks`: schools whose failing share is above the threshold or rose two
//! years running, the threshold adjustable.

use leptos::prelude::*;
use tutornet_domain::results::{percent_ru, RiskList, RiskQuery};

use super::ResultsTabs;
use crate::api;
use crate::routes::Route;
use crate::ui::resource::{ProblemError, ProblemFallback};
use crate::util::set_title;

#[component]
pub fn RisksPage() -> impl IntoView {
    set_title("Школы в зоне риска");
    let threshold = RwSignal::new("25".to_string());
    let data = LocalResource::new(move || {
        let q = RiskQuery {
            threshold: threshold.get().replace(',', ".").parse().ok(),
            ..Default::default()
        };
        async move { api::results::risks(&q).await.map_err(ProblemError) }
    });
    let shown = move |r: RiskList| {
        if r.items.is_empty() {
            return view! { <p class="empty" data-testid="risks-empty">"Школ в зоне риска нет."</p> }.into_any();
        }
        let rows = r.items.into_iter().map(|i| {
            let href = Route::ResultsSchool(i.school_id.clone()).with(&[
                ("procedure", i.procedure.as_str().to_string()),
                ("subject_id", i.subject_id.clone()),
                ("grade", i.grade.to_string()),
            ]);
            let series = i.series.iter().map(|p| format!("{}: {}", p.academic_year_name, percent_ru(p.failing_share))).collect::<Vec<_>>().join(" → ");
            view! {
                <tr data-testid="risk-row" class:row-flagged=i.is_low_results>
                    <td data-label="Школа">
                        <a class="strong" href=href>{i.school_name.clone()}</a>
                        {i.is_low_results.then(|| view! { " " <span class="badge badge-flag">"ШНОР"</span> })}
                        {i.is_difficult_conditions.then(|| view! { " " <span class="badge badge-flag">"ШССУ"</span> })}
                    </td>
                    <td data-label="Процедура">{format!("{}, {}, {} класс", i.procedure.label_ru(), i.subject_name, i.grade)}</td>
                    <td data-label="Доля неуспешных">{format!("{} ({})", percent_ru(i.failing_share), i.academic_year_name)}</td>
                    <td data-label="Причина">{i.reasons.iter().map(|r| r.label_ru()).collect::<Vec<_>>().join("; ")}</td>
                    <td data-label="По годам" class="muted">{series}</td>
                </tr>
            }
        }).collect_view();
        view! {
            <crate::ui::table::Table testid="risks-table" columns=crate::ui::table::columns(&["Школа", "Процедура", "Доля неуспешных", "Причина", "По годам"])>
                {rows}
            </crate::ui::table::Table>
        }
        .into_any()
    };
    view! {
        <section class="page" data-testid="risks-page">
            <div class="page-head"><h1>"Школы в зоне риска"</h1></div>
            <ResultsTabs />
            <div class="filters">
                <label class="filter-field">
                    <span class="filter-label">"Порог доли неуспешных, %"</span>
                    <input type="number" min="0" max="100" step="1" name="threshold" data-testid="risk-threshold"
                        prop:value=move || threshold.get() on:change:target=move |ev| threshold.set(ev.target().value()) />
                </label>
            </div>
            <p class="muted">"В зоне риска — школа, у которой доля «2» (для ЕГЭ — не преодолевших минимальный порог) в последнем году выше порога или растёт два года подряд."</p>
            <Transition fallback=|| view! { <p class="loading" data-testid="loading">"Загрузка…"</p> }>
                <ErrorBoundary fallback=|errors| view! { <ProblemFallback errors /> }>
                    {move || Suspend::new(async move { data.await.map(shown) })}
                </ErrorBoundary>
            </Transition>
        </section>
    }
}
