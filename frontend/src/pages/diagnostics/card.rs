//! `/diagnostics/:id`: one campaign — its results loaded from a table (coordinators),
//! the heat map of deficits per school and area (ШНОР/ШССУ marked) and each person's
//! scores with deficits highlighted.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use tutornet_domain::growth::diagnostics::{CampaignResults, CompetencyArea};
use tutornet_domain::permissions::{Action, Resource};
use tutornet_domain::text::format_date_ru;
use tutornet_domain::Problem;

use super::import::ResultsImport;
use crate::api;
use crate::auth::Auth;
use crate::routes::Route;
use crate::ui::card::{CardBody, Crumbs};
use crate::ui::form::load;
use crate::util::set_title;

fn heat_class(percent: i32) -> &'static str {
    match percent {
        0..=19 => "heat heat-0",
        20..=39 => "heat heat-1",
        40..=59 => "heat heat-2",
        _ => "heat heat-3",
    }
}

fn heat_map(r: &CampaignResults) -> impl IntoView {
    let areas: Vec<CompetencyArea> = CompetencyArea::ALL
        .iter()
        .copied()
        .filter(|a| {
            r.schools
                .iter()
                .any(|s| s.cells.iter().any(|c| c.area == *a))
        })
        .collect();
    let head = areas
        .iter()
        .map(|a| view! { <th class="num">{a.label_ru()}</th> })
        .collect_view();
    let rows = r
        .schools
        .iter()
        .map(|s| {
            let cells = areas
                .iter()
                .map(|a| match s.cells.iter().find(|c| c.area == *a) {
                    Some(c) => view! { <td class=heat_class(c.percent) data-label=a.label_ru()>{format!("{} % ({})", c.percent, c.with_deficit)}</td> }.into_any(),
                    None => view! { <td data-label=a.label_ru()>"—"</td> }.into_any(),
                })
                .collect_view();
            view! {
                <tr data-testid="heat-row">
                    <td data-label="Школа">{s.school_name.clone()}{s.low_results.then(|| view! { " " <span class="badge badge-warn">"ШНОР/ШССУ"</span> })}</td>
                    <td data-label="Человек" class="num">{s.people}</td>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="table heat-map" data-testid="heat-map">
                <thead><tr><th>"Школа"</th><th class="num">"Человек"</th>{head}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <p class="muted small">"В ячейке — доля людей школы с дефицитом в области (и их число)."</p>
    }
}

fn people(r: &CampaignResults) -> impl IntoView {
    r.people
        .iter()
        .map(|p| {
            let scores = p
                .scores
                .iter()
                .map(|s| view! {
                    <li class:deficit=s.deficit>
                        {format!("{}: {} %", s.indicator_name, s.score)}
                        {s.deficit.then(|| view! { " " <span class="badge badge-danger">"дефицит"</span> })}
                    </li>
                })
                .collect_view();
            view! {
                <tr data-testid="person-row">
                    <td data-label="Педагог">
                        <span class="strong">{p.full_name.clone()}</span>
                        {p.young.then(|| view! { " " <span class="badge">"молодой педагог"</span> })}
                        <br /><span class="muted small">{p.school_name.clone().unwrap_or_default()}</span>
                    </td>
                    <td data-label="Дефицитов" class="num">{p.deficits}</td>
                    <td data-label="Баллы"><ul class="plain-list small">{scores}</ul></td>
                </tr>
            }
        })
        .collect_view()
}

#[component]
pub fn CampaignCardPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    move || view! { <CampaignCard id=id.get() /> }
}

#[component]
fn CampaignCard(id: String) -> impl IntoView {
    set_title("Диагностика");
    let auth = Auth::get();
    let results = RwSignal::new(None::<CampaignResults>);
    let problem = RwSignal::new(None::<Problem>);
    let id = StoredValue::new(id);
    let reload = move || {
        load(
            problem,
            async move { api::growth::campaign(&id.get_value()).await },
            move |r| results.set(Some(r)),
        )
    };
    reload();
    let loaded = Signal::derive(move || results.with(Option::is_some));
    let title = move || {
        results.with(|r| {
            r.as_ref()
                .map(|r| r.campaign.title.clone())
                .unwrap_or_default()
        })
    };
    view! {
        <section class="page" data-testid="campaign-page">
            <Crumbs parent=Route::Diagnostics parent_label="Диагностика" here=Signal::derive(title) />
            <CardBody problem loaded>
                {move || results.get().map(|r| {
                    let c = &r.campaign;
                    view! {
                        <h1>{c.title.clone()}</h1>
                        <p class="muted" data-testid="campaign-props">
                            {format!("{} · {} · {} · порог дефицита {} % · участников: {}",
                                format_date_ru(c.held_on), c.method.label_ru(), c.respondents.label_ru(), c.threshold, c.people)}
                        </p>
                    }
                })}
                <Show when=move || auth.can(Resource::Diagnostics, Action::Update)>
                    <ResultsImport campaign_id=id.get_value() on_done=Callback::new(move |_| reload()) />
                </Show>
                {move || results.get().map(|r| if r.people.is_empty() {
                    view! { <div class="empty" data-testid="campaign-empty"><p class="strong">"Результатов пока нет"</p><p class="muted">"Координатор загружает их таблицей."</p></div> }.into_any()
                } else {
                    view! {
                        <h2>"Дефициты по школам"</h2>
                        {heat_map(&r)}
                        <h2>"Результаты педагогов"</h2>
                        <div class="table-wrap">
                            <table class="table" data-testid="people-table">
                                <thead><tr><th>"Педагог"</th><th class="num">"Дефицитов"</th><th>"Баллы по показателям"</th></tr></thead>
                                <tbody>{people(&r)}</tbody>
                            </table>
                        </div>
                    }.into_any()
                })}
            </CardBody>
        </section>
    }
}
