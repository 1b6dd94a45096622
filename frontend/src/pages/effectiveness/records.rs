//! The records behind the chosen figure: each with its date, detail and a link to its
//! card.

use leptos::prelude::*;
use tutornet_domain::effectiveness::{EffectivenessQuery, FigureRecords, RecordsQuery};
use tutornet_domain::text::format_date_ru;

use crate::api;
use crate::ui::resource::{ProblemError, ProblemFallback};

#[component]
pub fn Records(query: EffectivenessQuery, selected: RwSignal<Option<String>>) -> impl IntoView {
    let data = LocalResource::new(move || {
        let key = selected.get();
        let q = query.clone();
        async move {
            let Some(key) = key else { return Ok(None) };
            let r = RecordsQuery {
                municipality_id: q.municipality_id,
                academic_year_id: q.academic_year_id,
                key,
            };
            api::effectiveness::records(&r)
                .await
                .map(Some)
                .map_err(ProblemError)
        }
    });
    let shown = move |r: Option<FigureRecords>| {
        let Some(r) = r else {
            return view! { <p class="muted no-print">"Нажмите на показатель, чтобы увидеть записи, из которых он сложился."</p> }.into_any();
        };
        let count = r.records.len();
        view! {
            <div class="card" data-testid="figure-records">
                <div class="card-head">
                    <h2>{format!("{} — записей: {count}", r.label)}</h2>
                    <button type="button" class="button button-quiet no-print" on:click=move |_| selected.set(None)>"Скрыть"</button>
                </div>
                {(count == 0).then(|| view! { <p class="empty">"Записей нет."</p> })}
                <ul class="record-list">
                    {r.records.into_iter().map(|x| view! {
                        <li data-testid="figure-record">
                            {x.date.map(|d| view! { <span class="muted">{format_date_ru(d)}</span> " " })}
                            <a href=x.href.clone()>{x.title.clone()}</a>
                            {x.detail.clone().map(|d| view! { " " <span class="muted">{format!("· {d}")}</span> })}
                        </li>
                    }).collect_view()}
                </ul>
            </div>
        }
        .into_any()
    };
    view! {
        <Transition fallback=|| view! { <p class="loading">"Загрузка…"</p> }>
            <ErrorBoundary fallback=|errors| view! { <ProblemFallback errors /> }>
                {move || Suspend::new(async move { data.await.map(shown) })}
            </ErrorBoundary>
        </Transition>
    }
}
