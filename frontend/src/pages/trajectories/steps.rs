//! The steps of a trajectory: the table (what, deficit, deadline, product, mark), adding
//! and removing steps for the mentor and the coordinator, and marking a step done with
//! its evidence — a held session the learner attended, or a description.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use tutornet_domain::community::{SessionFilter, SessionStatus};
use tutornet_domain::growth::trajectories::{
    may_complete_step, may_edit, EvidenceKind, Party, Step, StepCompletion, StepInput, StepKind,
    Trajectory,
};
use tutornet_domain::text::format_date_ru;
use tutornet_domain::Problem;

use super::card::party_of;
use crate::api;
use crate::auth::Auth;
use crate::ui::choices::EnumField;
use crate::ui::form::{is_version_conflict, mark_conflict, send_or, valid, SaveBar};
use crate::ui::time::date_ru;
use crate::ui::{SelectField, TextField};
use crate::util::non_empty;

const CONFLICT: &str = "Маршрут изменил другой пользователь — обновите страницу.";

fn mark(s: &Step) -> AnyView {
    match (&s.done_on, &s.evidence) {
        (Some(d), ev) => view! {
            <span class="badge badge-ok">{format!("Выполнено {}", format_date_ru(*d))}</span>
            {ev.as_ref().map(|e| view! { <br /><span class="small" data-testid="step-evidence">{e.label.clone()}</span> })}
        }
        .into_any(),
        (None, _) if s.overdue => view! { <span class="badge badge-danger">"Срок прошёл"</span> }.into_any(),
        (None, _) => view! { <span class="muted">"—"</span> }.into_any(),
    }
}

#[component]
pub fn Steps(
    trajectory: Trajectory,
    current: RwSignal<Option<Trajectory>>,
    problem: RwSignal<Option<Problem>>,
    conflict: RwSignal<bool>,
) -> impl IntoView {
    let auth = Auth::get();
    let party = party_of(&auth, &trajectory);
    let edits = party.is_some_and(|p| may_edit(trajectory.status, p).is_ok());
    let completes = party.is_some() && may_complete_step(trajectory.status).is_ok();
    let busy = RwSignal::new(false);
    let marking = RwSignal::new(None::<String>);
    let id = StoredValue::new(trajectory.id.clone());
    let version = trajectory.meta.version;
    let deficit_name = {
        let d = trajectory.deficits.clone();
        move |i: &Option<String>| {
            i.as_ref()
                .and_then(|i| d.iter().find(|x| &x.indicator_id == i))
                .map(|x| x.indicator_name.clone())
                .unwrap_or_else(|| "—".into())
        }
    };
    let remove = move |step: String| {
        send_or(
            busy,
            problem,
            async move { api::growth::remove_step(&id.get_value(), &step, version).await },
            move |t| current.set(Some(t)),
            move |p| {
                if is_version_conflict(p) {
                    mark_conflict(p, CONFLICT, conflict);
                }
            },
        );
    };
    let rows = trajectory
        .steps
        .iter()
        .enumerate()
        .map(|(n, s)| {
            let sid = s.id.clone();
            let sid2 = s.id.clone();
            let open = s.done_on.is_none() && completes;
            view! {
                <tr data-testid="step-row">
                    <td data-label="№" class="num">{n + 1}</td>
                    <td data-label="Мероприятие"><span class="muted small">{s.kind.label_ru()}</span><br />{s.title.clone()}</td>
                    <td data-label="Дефицит">{deficit_name(&s.indicator_id)}</td>
                    <td data-label="Срок">{format!("до {}", format_date_ru(s.deadline))}</td>
                    <td data-label="Продукт">{s.expected_product.clone()}</td>
                    <td data-label="Отметка">{mark(s)}</td>
                    <td class="no-print">
                        {open.then(|| view! { <button type="button" class="btn btn-small" data-testid="step-mark" on:click=move |_| marking.set(Some(sid.clone()))>"Отметить выполнение"</button> })}
                        {edits.then(|| view! { <button type="button" class="btn btn-link btn-small" data-testid="step-remove" on:click=move |_| remove(sid2.clone())>"Удалить"</button> })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    let empty = trajectory.steps.is_empty();
    let learner = party == Some(Party::Learner);
    view! {
        <h2>"Мероприятия маршрута"</h2>
        {empty.then(|| view! { <p class="muted" data-testid="no-steps">"Мероприятий пока нет: их добавляет наставник."</p> })}
        {(!empty).then(|| view! {
            <div class="table-wrap">
                <table class="table" data-testid="steps-table">
                    <thead><tr><th class="num">"№"</th><th>"Мероприятие"</th><th>"Дефицит"</th><th>"Срок"</th><th>"Продукт"</th><th>"Отметка о выполнении"</th><th class="no-print"></th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        })}
        {move || marking.get().map(|step| view! { <Completion trajectory_id=id.get_value() step version learner current problem conflict marking /> })}
        {edits.then(|| view! { <NewStep trajectory=trajectory.clone() current problem conflict /> })}
    }
}

#[component]
fn Completion(
    trajectory_id: String,
    step: String,
    version: i32,
    learner: bool,
    current: RwSignal<Option<Trajectory>>,
    problem: RwSignal<Option<Problem>>,
    conflict: RwSignal<bool>,
    marking: RwSignal<Option<String>>,
) -> impl IntoView {
    let kind = RwSignal::new(EvidenceKind::Session.as_str().to_string());
    let (session, note, done_on) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let sessions = RwSignal::new(Vec::<(String, String)>::new());
    let busy = RwSignal::new(false);
    spawn_local(async move {
        let f = SessionFilter {
            status: Some(SessionStatus::Held),
            mine: learner.then_some(true),
            limit: Some(100),
            ..Default::default()
        };
        match api::sessions::list(&f).await {
            Ok(p) => {
                sessions.try_set(
                    p.items
                        .into_iter()
                        .map(|s| (s.id, format!("{} — {}", date_ru(s.starts_at), s.title)))
                        .collect(),
                );
            }
            Err(p) => {
                problem.try_set(Some(p));
            }
        }
    });
    let (tid, sid) = (StoredValue::new(trajectory_id), StoredValue::new(step));
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let c = StepCompletion {
            evidence_kind: EvidenceKind::parse(&kind.get_untracked()),
            ref_id: non_empty(session.get_untracked()),
            note: non_empty(note.get_untracked()),
            done_on: done_on.get_untracked().parse().ok(),
            version,
        };
        if !valid(problem, c.validate().err().unwrap_or_default()) {
            return;
        }
        send_or(
            busy,
            problem,
            async move { api::growth::complete_step(&tid.get_value(), &sid.get_value(), &c).await },
            move |t| {
                marking.set(None);
                current.set(Some(t));
            },
            move |p| {
                if is_version_conflict(p) {
                    mark_conflict(p, CONFLICT, conflict);
                }
            },
        );
    };
    view! {
        <form class="card form" data-testid="step-completion" on:submit=submit novalidate>
            <h3>"Отметка о выполнении"</h3>
            <EnumField label="Чем подтверждается" name="evidence_kind" value=kind problem all=EvidenceKind::ALL key=EvidenceKind::as_str text=EvidenceKind::label_ru required=true />
            <Show when=move || kind.get() == EvidenceKind::Session.as_str()>
                <SelectField label="Занятие" name="ref_id" value=session options=sessions problem placeholder="— проведённое занятие —" hint="Засчитывается, если педагог отмечен присутствующим" />
            </Show>
            <Show when=move || kind.get() == EvidenceKind::Text.as_str()>
                <TextField label="Описание результата" name="note" value=note problem multiline=true hint="Документ, ссылка, номер удостоверения" />
            </Show>
            <TextField label="Дата выполнения" name="done_on" kind="date" value=done_on problem hint="Пусто — сегодня" />
            <SaveBar busy label="Отметить" testid="step-completion-save" on_cancel=Callback::new(move |_| marking.set(None)) />
        </form>
    }
}

#[component]
fn NewStep(
    trajectory: Trajectory,
    current: RwSignal<Option<Trajectory>>,
    problem: RwSignal<Option<Problem>>,
    conflict: RwSignal<bool>,
) -> impl IntoView {
    let text = || RwSignal::new(String::new());
    let (kind, title, indicator, deadline, product) = (text(), text(), text(), text(), text());
    let busy = RwSignal::new(false);
    let deficits: Vec<(String, String)> = trajectory
        .deficits
        .iter()
        .map(|d| (d.indicator_id.clone(), d.indicator_name.clone()))
        .collect();
    let (id, version) = (
        StoredValue::new(trajectory.id.clone()),
        trajectory.meta.version,
    );
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let s = StepInput {
            kind: StepKind::parse(&kind.get_untracked()),
            title: title.get_untracked(),
            indicator_id: non_empty(indicator.get_untracked()),
            deadline: deadline.get_untracked().parse().ok(),
            expected_product: product.get_untracked(),
            version,
        };
        if !valid(problem, s.validate().err().unwrap_or_default()) {
            return;
        }
        send_or(
            busy,
            problem,
            async move { api::growth::add_step(&id.get_value(), &s).await },
            move |t| current.set(Some(t)),
            move |p| {
                if is_version_conflict(p) {
                    mark_conflict(p, CONFLICT, conflict);
                }
            },
        );
    };
    view! {
        <form class="card form no-print" data-testid="step-form" on:submit=submit novalidate>
            <h3>"Добавить мероприятие"</h3>
            <div class="grid-2">
                <EnumField label="Вид" name="kind" value=kind problem all=StepKind::ALL key=StepKind::as_str text=StepKind::label_ru placeholder="— выберите —" required=true />
                <SelectField label="Дефицит" name="indicator_id" value=indicator options=deficits problem placeholder="— общий —" />
            </div>
            <TextField label="Мероприятие" name="title" value=title problem required=true />
            <div class="grid-2">
                <TextField label="Срок" name="deadline" kind="date" value=deadline problem required=true />
                <TextField label="Планируемый результат / продукт" name="expected_product" value=product problem required=true />
            </div>
            <SaveBar busy label="Добавить" testid="step-save" />
        </form>
    }
}
