//! `/trajectories/new[?user_id=…]`: drawing up a trajectory — the teacher (from the
//! diagnosed people), the title, the mentor (coordinators choose a tutor; a tutor leads
//! it), and the deficits, prefilled from the teacher's diagnostics, each with its task.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};
use tutornet_domain::growth::diagnostics::{CampaignFilter, Indicator};
use tutornet_domain::growth::trajectories::{DeficitInput, TrajectoryInput};
use tutornet_domain::text::sort_ru;
use tutornet_domain::{Problem, Role};

use crate::api;
use crate::auth::Auth;
use crate::routes::Route;
use crate::ui::card::Crumbs;
use crate::ui::form::{send, valid, SaveBar};
use crate::ui::{ErrorBanner, SelectField, TextField};
use crate::util::{non_empty, set_title};

/// A deficit on the form: the indicator, its wording, the score it came with, the task.
#[derive(Clone)]
struct Chosen {
    indicator_id: String,
    name: String,
    score: Option<i32>,
    task: RwSignal<String>,
}

/// The people of the latest campaigns the user sees, as (id, «ФИО — школа»).
async fn diagnosed() -> Vec<(String, String)> {
    let page = api::growth::campaigns(&CampaignFilter {
        limit: Some(10),
        ..Default::default()
    })
    .await;
    let mut out: Vec<(String, String)> = Vec::new();
    for c in page.map(|p| p.items).unwrap_or_default() {
        if let Ok(r) = api::growth::campaign(&c.id).await {
            for p in r.people {
                if !out.iter().any(|o| o.0 == p.user_id) {
                    let label = match p.school_name {
                        Some(s) => format!("{} — {s}", p.full_name),
                        None => p.full_name,
                    };
                    out.push((p.user_id, label));
                }
            }
        }
    }
    sort_ru(&mut out, |o| o.1.as_str());
    out
}

#[component]
pub fn TrajectoryFormPage() -> impl IntoView {
    set_title("Новый ИОМ");
    let auth = Auth::get();
    let navigate = use_navigate();
    let query = use_query_map();
    let learner = RwSignal::new(
        query
            .with_untracked(|q| q.get("user_id"))
            .unwrap_or_default(),
    );
    let title = RwSignal::new(String::from(
        "Индивидуальный образовательный маршрут педагога",
    ));
    let mentor = RwSignal::new(String::new());
    let chosen = RwSignal::new(Vec::<Chosen>::new());
    let extra = RwSignal::new(String::new());
    let (people, tutors, indicators) = (
        RwSignal::new(Vec::<(String, String)>::new()),
        RwSignal::new(Vec::<(String, String)>::new()),
        RwSignal::new(Vec::<Indicator>::new()),
    );
    let (problem, busy) = (RwSignal::new(None::<Problem>), RwSignal::new(false));
    let coordinates = move || matches!(auth.role(), Role::Coordinator | Role::Admin);
    let people_loaded = RwSignal::new(false);
    spawn_local(async move {
        people.try_set(diagnosed().await);
        people_loaded.try_set(true);
        indicators.try_set(api::growth::indicators().await.unwrap_or_default());
        if matches!(auth.role(), Role::Coordinator | Role::Admin) {
            tutors.try_set(api::composition::tutors().await);
        }
    });
    // The teacher's open deficits become the trajectory's, each with an empty task.
    Effect::new(move |_| {
        let u = learner.get();
        if u.is_empty() {
            chosen.set(Vec::new());
            return;
        }
        spawn_local(async move {
            let d = api::growth::deficits(&u).await.unwrap_or_default();
            chosen.try_set(
                d.into_iter()
                    .map(|d| Chosen {
                        indicator_id: d.indicator_id,
                        name: d.indicator_name,
                        score: Some(d.score),
                        task: RwSignal::new(String::new()),
                    })
                    .collect(),
            );
        });
    });
    let add_extra = move |_| {
        let id = extra.get_untracked();
        if id.is_empty() || chosen.with_untracked(|c| c.iter().any(|x| x.indicator_id == id)) {
            return;
        }
        if let Some(i) = indicators.with_untracked(|all| all.iter().find(|i| i.id == id).cloned()) {
            chosen.update(|c| {
                c.push(Chosen {
                    indicator_id: i.id,
                    name: i.name,
                    score: None,
                    task: RwSignal::new(String::new()),
                })
            });
        }
        extra.set(String::new());
    };
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let input = TrajectoryInput {
            user_id: learner.get_untracked(),
            mentor_user_id: non_empty(mentor.get_untracked()),
            academic_year_id: None,
            title: title.get_untracked(),
            deficits: chosen
                .get_untracked()
                .iter()
                .map(|c| DeficitInput {
                    indicator_id: c.indicator_id.clone(),
                    task: c.task.get_untracked(),
                })
                .collect(),
            version: None,
        };
        if !valid(problem, input.validate().err().unwrap_or_default()) {
            return;
        }
        let navigate = navigate.clone();
        send(
            busy,
            problem,
            async move { api::growth::create_trajectory(&input).await },
            move |t| navigate(&Route::Trajectory(t.id).path(), Default::default()),
        );
    };
    let numbered = move || chosen.get().into_iter().enumerate().collect::<Vec<_>>();
    let indicator_options = Signal::derive(move || {
        indicators
            .get()
            .into_iter()
            .map(|i| (i.id.clone(), format!("{}: {}", i.area.label_ru(), i.name)))
            .collect::<Vec<_>>()
    });
    view! {
        <section class="page" data-testid="trajectory-form-page">
            <Crumbs parent=Route::Trajectories parent_label="ИОМ" here="Новый маршрут" />
            <h1>"Новый индивидуальный образовательный маршрут"</h1>
            <form class="card form" data-testid="trajectory-form" on:submit=submit novalidate>
                <ErrorBanner problem />
                <SelectField label="Педагог или руководитель" name="user_id" value=learner options=people problem placeholder="— из прошедших диагностику —" required=true />
                {move || (people_loaded.get() && people.with(Vec::is_empty)).then(|| view! {
                    <p class="muted small" data-testid="no-diagnosed">"Прошедших диагностику пока нет: ИОМ составляют по её итогам — сначала загрузите результаты диагностики."</p>
                })}
                <TextField label="Название" name="title" value=title problem required=true />
                <Show when=coordinates>
                    <SelectField label="Наставник (тьютор)" name="mentor_user_id" value=mentor options=tutors problem placeholder="— я сам(а) —" />
                </Show>
                <h2>"Дефициты и задачи"</h2>
                <p class="muted small">"По итогам диагностики; задача — что педагог освоит, чтобы закрыть дефицит."</p>
                {move || chosen.with(Vec::is_empty).then(|| view! { <p class="muted" data-testid="no-deficits">"Дефициты не выбраны: по диагностике их нет или педагог ещё не выбран."</p> })}
                <For each=numbered key=|(i, c): &(usize, Chosen)| (*i, c.indicator_id.clone()) children=move |(i, c)| {
                    let field = format!("deficits[{i}].task");
                    let err = {
                        let f = field.clone();
                        move || problem.with(|p| p.as_ref().and_then(|p| p.field_message(&f)).map(str::to_string))
                    };
                    let id = c.indicator_id.clone();
                    let task = c.task;
                    view! {
                        <div class="deficit-choice field" data-testid="deficit-choice">
                            <p class="strong">{c.name.clone()}{c.score.map(|s| view! { " " <span class="badge badge-danger">{format!("{s} %")}</span> })}</p>
                            <label>"Задача" <span class="req">" *"</span></label>
                            <input type="text" name=field.clone() prop:value=move || task.get() on:input:target=move |ev| task.set(ev.target().value()) />
                            {move || err().map(|m| view! { <p class="field-error" data-testid="error-deficit-task">{m}</p> })}
                            <button type="button" class="btn btn-link" on:click=move |_| chosen.update(|v| v.retain(|x| x.indicator_id != id))>"Убрать"</button>
                        </div>
                    }
                } />
                <div class="grid-2">
                    <SelectField label="Добавить дефицит" name="extra_indicator" value=extra options=indicator_options placeholder="— показатель —" />
                    <button type="button" class="btn" data-testid="add-deficit" on:click=add_extra>"Добавить"</button>
                </div>
                <SaveBar busy label="Составить маршрут" back=Route::Trajectories.path() />
            </form>
        </section>
    }
}
