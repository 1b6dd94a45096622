//! `/trajectories/:id`: the ИОМ — who, mentor, year, status and progress; the deficits
//! with the score before and after; the steps (see `steps`); agreeing, completing,
//! reopening as the domain's workflow allows the caller; DOCX and print.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use tutornet_domain::growth::trajectories::{
    party, transition, Flow, Party, Trajectory, TrajectoryAction, TrajectoryTransition,
};
use tutornet_domain::Problem;

use super::list::{progress_bar, status_badge};
use super::steps::Steps;
use crate::api;
use crate::auth::Auth;
use crate::routes::Route;
use crate::ui::card::{CardBody, Crumbs};
use crate::ui::form::{is_version_conflict, load, mark_conflict, send_or, BusyButton, ReloadOffer};
use crate::ui::Banner;
use crate::util::set_title;

/// The caller's capacity on the trajectory (the domain's rule, as the API applies it).
pub fn party_of(auth: &Auth, t: &Trajectory) -> Option<Party> {
    party(
        auth.role(),
        &auth.me_id(),
        auth.own_municipality().as_deref(),
        (&t.municipality_id, &t.mentor_user_id, &t.user_id),
    )
}

pub fn flow_of(t: &Trajectory) -> Flow {
    Flow {
        status: t.status,
        learner_agreed: t.learner_agreed,
        mentor_agreed: t.mentor_agreed,
        steps: t.progress.total,
        steps_done: t.progress.done,
        deficits: t.deficits.len() as i64,
    }
}

const CONFLICT: &str = "Маршрут изменил другой пользователь — обновите страницу.";

#[component]
pub fn TrajectoryCardPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    move || view! { <TrajectoryCard id=id.get() /> }
}

#[component]
fn TrajectoryCard(id: String) -> impl IntoView {
    set_title("ИОМ");
    let auth = Auth::get();
    let current = RwSignal::new(None::<Trajectory>);
    let (problem, busy, conflict) = (
        RwSignal::new(None::<Problem>),
        RwSignal::new(false),
        RwSignal::new(false),
    );
    let note = RwSignal::new(None::<String>);
    let id = StoredValue::new(id);
    load(
        problem,
        async move { api::growth::trajectory(&id.get_value()).await },
        move |t| current.set(Some(t)),
    );
    let loaded = Signal::derive(move || current.with(Option::is_some));
    let act = move |action: TrajectoryAction, done: &'static str| {
        let Some(version) = current.with_untracked(|t| t.as_ref().map(|t| t.meta.version)) else {
            return;
        };
        let body = TrajectoryTransition { action, version };
        send_or(
            busy,
            problem,
            async move { api::growth::transition(&id.get_value(), &body).await },
            move |t| {
                current.set(Some(t));
                note.set(Some(done.to_string()));
            },
            move |p| {
                if is_version_conflict(p) {
                    mark_conflict(p, CONFLICT, conflict);
                }
            },
        );
    };
    let may = move |a: TrajectoryAction| {
        current.with(|t| {
            t.as_ref().is_some_and(|t| {
                party_of(&auth, t).is_some_and(|p| transition(flow_of(t), a, p).is_ok())
            })
        })
    };
    let download = move |_| {
        spawn_local(async move {
            if let Err(p) = api::growth::document_docx(&id.get_value()).await {
                problem.try_set(Some(p));
            }
        });
    };
    let title =
        move || current.with(|t| t.as_ref().map(|t| t.full_name.clone()).unwrap_or_default());
    view! {
        <section class="page" data-testid="trajectory-page">
            <Crumbs parent=Route::Trajectories parent_label="ИОМ" here=Signal::derive(title) />
            <CardBody problem loaded>
                <ReloadOffer conflict />
                <Banner message=note />
                {move || current.get().map(|t| view! {
                    <h1>{t.title.clone()}</h1>
                    <dl class="props" data-testid="trajectory-props">
                        <dt>"Педагог"</dt><dd>{[Some(t.full_name.clone()), t.position.clone(), t.school_name.clone()].into_iter().flatten().collect::<Vec<_>>().join(", ")}</dd>
                        <dt>"Наставник (тьютор)"</dt><dd>{t.mentor_name.clone()}</dd>
                        <dt>"Учебный год"</dt><dd>{t.academic_year_name.clone()}</dd>
                        <dt>"Статус"</dt><dd>{status_badge(t.status)}
                            {(t.status == tutornet_domain::growth::trajectories::TrajectoryStatus::Draft).then(|| view! {
                                <span class="small muted" data-testid="agreements">{format!(" Педагог: {}; наставник: {}",
                                    if t.learner_agreed { "согласовал(а)" } else { "не согласовал(а)" },
                                    if t.mentor_agreed { "согласовал(а)" } else { "не согласовал(а)" })}</span>
                            })}
                        </dd>
                        <dt>"Выполнение"</dt><dd>{progress_bar(t.progress.done, t.progress.total, t.progress.percent)}</dd>
                    </dl>
                    <h2>"Дефициты"</h2>
                    <div class="table-wrap">
                        <table class="table" data-testid="deficits-table">
                            <thead><tr><th>"Дефицит"</th><th>"Задача"</th><th class="num">"До"</th><th class="num">"После"</th></tr></thead>
                            <tbody>
                                {t.deficits.iter().map(|d| view! {
                                    <tr data-testid="deficit-row">
                                        <td data-label="Дефицит">{d.indicator_name.clone()}<br /><span class="muted small">{d.area.label_ru()}</span></td>
                                        <td data-label="Задача">{d.task.clone()}</td>
                                        <td data-label="До" class="num">{d.score_before.map(|s| format!("{s} %")).unwrap_or_else(|| "—".into())}</td>
                                        <td data-label="После" class="num" data-testid="score-after">{d.score_after.map(|s| format!("{s} %")).unwrap_or_else(|| "повторной диагностики нет".into())}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                })}
                {move || current.get().map(|t| view! { <Steps trajectory=t current problem conflict /> })}
                <div class="actions no-print">
                    <Show when=move || may(TrajectoryAction::Agree)>
                        <BusyButton busy class="btn btn-primary" testid="trajectory-agree" on_click=move |_| act(TrajectoryAction::Agree, "Маршрут согласован с вашей стороны")>"Согласовать маршрут"</BusyButton>
                    </Show>
                    <Show when=move || may(TrajectoryAction::Complete)>
                        <BusyButton busy class="btn btn-primary" testid="trajectory-complete" on_click=move |_| act(TrajectoryAction::Complete, "Маршрут завершён")>"Завершить маршрут"</BusyButton>
                    </Show>
                    <Show when=move || may(TrajectoryAction::Reopen)>
                        <BusyButton busy testid="trajectory-reopen" on_click=move |_| act(TrajectoryAction::Reopen, "Маршрут возвращён в работу")>"Вернуть в работу"</BusyButton>
                    </Show>
                    <button type="button" class="btn" data-testid="trajectory-docx" on:click=download>"ИОМ (DOCX)"</button>
                    <button type="button" class="btn" on:click=move |_| { let _ = web_sys::window().map(|w| w.print()); }>"Печать"</button>
                </div>
            </CardBody>
        </section>
    }
}
