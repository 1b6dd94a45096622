//! `/effectiveness`: the October review of a municipality's academic year (plan item
//! 15) — the figures, each opening the records behind it, sessions by activity type and
//! form, the failing share of the supported schools — the effect analytics, and the
//! DOCX/XLSX report.

mod effect;
mod records;

use leptos::prelude::*;
use leptos::task::spawn_local;
use tutornet_domain::effectiveness::{decimal_ru, EffectivenessQuery, EffectivenessReview, Figure};
use tutornet_domain::org::AcademicYear;
use tutornet_domain::permissions::Resource;
use tutornet_domain::results::Procedure;
use tutornet_domain::text::format_date_ru;

use crate::api;
use crate::auth::Auth;
use crate::ui::resource::{ProblemError, ProblemFallback};
use crate::util::set_title;

fn pct(v: Option<f64>) -> String {
    v.map(decimal_ru).unwrap_or_else(|| "—".into())
}

#[component]
pub fn EffectivenessPage() -> impl IntoView {
    set_title("Анализ эффективности");
    let auth = Auth::get();
    let municipality = RwSignal::new(String::new());
    let year = RwSignal::new(String::new());
    let procedure = RwSignal::new(Procedure::Vpr);
    let years = RwSignal::new(Vec::<AcademicYear>::new());
    let selected = RwSignal::new(Option::<String>::None);
    let download_error = RwSignal::new(Option::<String>::None);
    spawn_local(async move {
        if let Ok(ys) = api::reference::academic_years().await {
            years.try_set(ys);
        }
    });
    Effect::new(move |_| {
        if municipality.get_untracked().is_empty() {
            if let Some(m) = auth.own_municipality().or_else(|| {
                auth.municipality_choices(Resource::Effectiveness)
                    .first()
                    .map(|m| m.id.clone())
            }) {
                municipality.set(m);
            }
        }
    });
    let query = move || EffectivenessQuery {
        municipality_id: Some(municipality.get()).filter(|m| !m.is_empty()),
        academic_year_id: Some(year.get()).filter(|y| !y.is_empty()),
        procedure: Some(procedure.get()),
    };
    let data = LocalResource::new(move || {
        let q = query();
        async move {
            if q.municipality_id.is_none() {
                return Ok(None);
            }
            let r = api::effectiveness::review(&q).await.map_err(ProblemError)?;
            let e = api::effectiveness::effect(&q).await.map_err(ProblemError)?;
            Ok::<_, ProblemError>(Some((r, e)))
        }
    });
    let download = move |ext: &'static str| {
        let q = query();
        download_error.set(None);
        spawn_local(async move {
            if let Err(p) = api::effectiveness::report(&q, ext).await {
                download_error.try_set(Some(p.detail.clone()));
            }
        });
    };
    let shown = move |d: Option<(
        EffectivenessReview,
        tutornet_domain::effectiveness::EffectAnalysis,
    )>| {
        let Some((r, e)) = d else {
            return view! { <p class="empty">"Выберите муниципалитет."</p> }.into_any();
        };
        let q = query();
        view! {
            <p class="muted" data-testid="review-period">{format!(
                "{} · {} учебный год: {} — {}, по состоянию на {}",
                r.municipality_name, r.academic_year_name, format_date_ru(r.starts_on), format_date_ru(r.ends_on), format_date_ru(r.as_of)
            )}</p>
            <Tiles figures=r.figures.clone() selected />
            {r.mean_rating.map(|m| view! { <p data-testid="mean-rating">{format!("Средняя оценка участников: {} из 5", decimal_ru(m))}</p> })}
            <records::Records query=q.clone() selected />
            <div class="grid-2">
                <FigureTable testid="by-activity" title="По видам деятельности" figures=r.by_activity.clone() selected />
                <FigureTable testid="by-form" title="По формам работы" figures=r.by_form.clone() selected />
            </div>
            <h2>{format!(
                "Доля неуспешных ({}): {} → {}",
                r.procedure.label_ru(), r.previous_year_name.clone().unwrap_or_else(|| "предыдущий год".into()), r.academic_year_name
            )}</h2>
            <crate::ui::table::Table testid="failing-table" columns=crate::ui::table::columns(&[
                "Группа школ", "Школ", "Было, %", "Стало, %", "Изменение, п.п.",
            ])>
                {r.failing.iter().map(|c| view! {
                    <tr data-testid="failing-row">
                        <td data-label="Группа школ">{c.label.clone()}</td>
                        <td data-label="Школ">{c.schools}</td>
                        <td data-label="Было, %">{pct(c.before)}</td>
                        <td data-label="Стало, %">{pct(c.after)}</td>
                        <td data-label="Изменение, п.п." class:good=c.change.is_some_and(|x| x < 0.0) class:bad=c.change.is_some_and(|x| x > 0.0)>{pct(c.change)}</td>
                    </tr>
                }).collect_view()}
            </crate::ui::table::Table>
            <effect::Effect analysis=e />
        }
        .into_any()
    };
    view! {
        <section class="page" data-testid="effectiveness-page">
            <div class="page-head">
                <h1>"Анализ эффективности деятельности сообщества"</h1>
                <div class="actions no-print">
                    <button class="button" data-testid="report-docx" on:click=move |_| download("docx")>"Отчёт DOCX"</button>
                    <button class="button" data-testid="report-xlsx" on:click=move |_| download("xlsx")>"Таблицы XLSX"</button>
                </div>
            </div>
            {move || download_error.get().map(|m| view! { <p class="field-error" role="alert" data-testid="download-error">{m}</p> })}
            <div class="filters no-print">
                <Show when=move || { auth.municipality_choices(Resource::Effectiveness).len() > 1 }>
                    <label class="filter-field">
                        <span class="filter-label">"Муниципалитет"</span>
                        <select name="municipality_id" on:change:target=move |ev| { selected.set(None); municipality.set(ev.target().value()) }>
                            {move || auth.municipality_choices(Resource::Effectiveness).into_iter().map(|m| {
                                let id = m.id.clone();
                                view! { <option value=m.id prop:selected=move || municipality.with(|x| *x == id)>{m.name}</option> }
                            }).collect_view()}
                        </select>
                    </label>
                </Show>
                <label class="filter-field">
                    <span class="filter-label">"Учебный год"</span>
                    <select name="academic_year_id" data-testid="review-year" on:change:target=move |ev| { selected.set(None); year.set(ev.target().value()) }>
                        <option value="">"Текущий"</option>
                        {move || years.get().into_iter().map(|y| view! { <option value=y.id.clone()>{y.name.clone()}</option> }).collect_view()}
                    </select>
                </label>
                <label class="filter-field">
                    <span class="filter-label">"Доля неуспешных по процедуре"</span>
                    <select name="procedure" data-testid="review-procedure" on:change:target=move |ev| {
                        if let Some(p) = Procedure::parse(&ev.target().value()) { procedure.set(p) }
                    }>
                        {Procedure::ALL.iter().map(|p| {
                            let p = *p;
                            view! { <option value=p.as_str() prop:selected=move || procedure.get() == p>{p.label_ru()}</option> }
                        }).collect_view()}
                    </select>
                </label>
            </div>
            <Transition fallback=|| view! { <p class="loading" data-testid="loading">"Загрузка…"</p> }>
                <ErrorBoundary fallback=|errors| view! { <ProblemFallback errors /> }>
                    {move || Suspend::new(async move { data.await.map(shown) })}
                </ErrorBoundary>
            </Transition>
        </section>
    }
}

/// The main figures as tiles; a tile opens its records.
#[component]
fn Tiles(figures: Vec<Figure>, selected: RwSignal<Option<String>>) -> impl IntoView {
    view! {
        <div class="stats" data-testid="figures">
            {figures.into_iter().map(|f| {
                let key = f.key.clone();
                let here = f.key.clone();
                view! {
                    <button type="button" class="stat stat-link" data-testid=format!("figure-{}", f.key)
                        class:active=move || selected.with(|s| s.as_deref() == Some(here.as_str()))
                        on:click=move |_| selected.set(Some(key.clone()))>
                        <span class="stat-value">{f.text.clone()}</span>
                        <span class="stat-label">{f.label.clone()}</span>
                    </button>
                }
            }).collect_view()}
        </div>
    }
}

/// Sessions by activity type or form; a number opens its records.
#[component]
fn FigureTable(
    testid: &'static str,
    title: &'static str,
    figures: Vec<Figure>,
    selected: RwSignal<Option<String>>,
) -> impl IntoView {
    let empty = figures.is_empty();
    view! {
        <div data-testid=testid>
            <h2>{title}</h2>
            {empty.then(|| view! { <p class="empty">"Проведённых мероприятий нет."</p> })}
            <ul class="figure-list">
                {figures.into_iter().map(|f| {
                    let key = f.key.clone();
                    view! {
                        <li>
                            <span>{f.label.clone()}</span>
                            <button type="button" class="link" data-testid=format!("figure-{}", f.key)
                                on:click=move |_| selected.set(Some(key.clone()))>{f.text.clone()}</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </div>
    }
}
