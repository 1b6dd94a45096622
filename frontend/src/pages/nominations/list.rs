//! `/nominations`: schools nominate their teachers to the composition (000 §4.2–4.3);
//! the coordinator approves or declines.

use leptos::prelude::*;
use leptos::task::spawn_local;
use tutornet_domain::composition::{
    Nomination, NominationDecision, NominationFilter, NominationStatus, TutorLevel,
};
use tutornet_domain::permissions::{Action, Resource};
use tutornet_domain::{Problem, Role};

use super::form::{NominationForm, CRITERIA};
use crate::api;
use crate::api::validation_problem;
use crate::auth::Auth;
use crate::pages::composition::CompositionTabs;
use crate::ui::community::NominationStatusBadge;
use crate::ui::fields::enum_options;
use crate::ui::table::{Column, PagedTable};
use crate::ui::time::datetime_ru;
use crate::ui::{Banner, ErrorBanner, Paged, SelectField, TextField};
use crate::util::{non_empty, plural, set_title};

#[component]
pub fn NominationsPage() -> impl IntoView {
    set_title("Выдвижения в тьюторы");
    let auth = Auth::get();
    let status = RwSignal::new(String::new());
    let list = Paged::<Nomination>::new();
    let message = RwSignal::new(None::<String>);
    let fetch = move |cursor: Option<String>| {
        let filter = NominationFilter {
            status: NominationStatus::parse(&status.get_untracked()),
            limit: Some(50),
            cursor,
            ..Default::default()
        };
        async move { api::nominations::list(&filter).await }
    };
    Effect::new(move |_| {
        status.track();
        list.load(None, fetch);
    });
    let reload = move || list.load(None, fetch);
    let can_nominate =
        move || auth.can(Resource::Nomination, Action::Create) && auth.role() == Role::SchoolAdmin;
    let decides = move || matches!(auth.role(), Role::Coordinator | Role::Admin);
    let show_form = RwSignal::new(false);

    let row = move |n: Nomination| {
        let pending = n.status == NominationStatus::Pending;
        let subjects = n
            .subjects
            .iter()
            .map(|s| s.name.clone())
            .collect::<Vec<_>>()
            .join(", ");
        let subjects = if subjects.is_empty() {
            n.subject_name.clone()
        } else {
            subjects
        };
        view! {
            <tr data-testid="nomination-row">
                <td data-label="Учитель">
                    <span class="strong">{n.full_name.clone()}</span>
                    <div class="muted small" data-testid="nomination-subjects">{format!("{} · {}", subjects, tutornet_domain::text::numero(&n.school_name))}</div>
                    {n.position.clone().map(|p| view! { <div class="muted small">{p}</div> })}
                </td>
                <td data-label="Критерии">
                    <Criteria n=n.clone() />
                    <div class="small pre">{n.justification.clone()}</div>
                </td>
                <td data-label="Статус">
                    <NominationStatusBadge status=n.status />
                    {n.decision_reason.clone().map(|r| view! { <div class="muted small">{r}</div> })}
                    {n.decided_at.map(|t| view! { <div class="muted small">{datetime_ru(t)}</div> })}
                </td>
                <Show when=decides>
                    <td data-label="Решение">
                        {pending.then(|| view! { <Decision id=n.id.clone() on_done=Callback::new(move |m: String| { message.set(Some(m)); reload(); }) /> })}
                    </td>
                </Show>
            </tr>
        }
    };

    view! {
        <section class="page" data-testid="nominations-page">
            <div class="page-head">
                <h1>"Выдвижения в тьюторы"</h1>
                <Show when=can_nominate>
                    <button type="button" class="btn btn-primary" data-testid="new-nomination" on:click=move |_| show_form.update(|v| *v = !*v)>
                        "Выдвинуть учителя"
                    </button>
                </Show>
            </div>
            <CompositionTabs />
            <p class="lead muted">
                "Школа выдвигает учителей по критериям положения о сообществе; координатор одобряет — учитель попадает в состав со статусом «Выдвинут» до приказа."
            </p>
            <Banner message />
            <Show when=move || show_form.get()>
                <NominationForm on_done=Callback::new(move |_| { show_form.set(false); message.set(Some("Выдвижение отправлено координатору.".to_string())); reload(); }) />
            </Show>
            <div class="filters">
                <label class="filter-field">
                    <span class="filter-label">"Статус"</span>
                    <select name="status" on:change:target=move |ev| status.set(ev.target().value())>
                        <option value="">"Все"</option>
                        {enum_options(NominationStatus::ALL, NominationStatus::as_str, NominationStatus::label_ru).into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()}
                    </select>
                </label>
            </div>
            <PagedTable
                list
                fetch
                empty_title="Выдвижений нет"
                empty_hint=move || if can_nominate() { "Нажмите «Выдвинуть учителя», чтобы предложить кандидата." } else { "Школы ещё не выдвигали учителей." }
                testid="nominations-table"
                columns=vec!["Учитель".into(), "Критерии и обоснование".into(), "Статус".into(), Column::when("Решение", Signal::derive(decides))]
                key=|n: &Nomination| (n.id.clone(), n.meta.version)
                row=row
            />
        </section>
    }
}

/// The six criteria of 000 §4.3 as the nomination answers them.
#[component]
fn Criteria(n: Nomination) -> impl IntoView {
    let mark = |met: bool| if met { "✓" } else { "—" };
    let years = format!(
        "{} {}",
        n.experience_years,
        plural(n.experience_years as i64, "год", "года", "лет")
    );
    let rows = [
        (CRITERIA[0], mark(n.is_current_teacher).to_string()),
        (CRITERIA[1], years),
        (
            CRITERIA[2],
            n.achievements.clone().unwrap_or_else(|| "—".to_string()),
        ),
        (CRITERIA[3], mark(n.has_authority).to_string()),
        (CRITERIA[4], mark(n.ready_to_help).to_string()),
        (CRITERIA[5], mark(n.ready_to_tutor).to_string()),
    ];
    view! {
        <ul class="plain-list small" data-testid="nomination-criteria">
            {rows.into_iter().map(|(label, value)| view! { <li><span class="muted">{format!("{label}: ")}</span>{value}</li> }).collect_view()}
        </ul>
    }
}

/// Approve (with a level) or decline (with a reason) one nomination.
#[component]
fn Decision(id: String, on_done: Callback<String>) -> impl IntoView {
    let level = RwSignal::new(TutorLevel::Municipal.as_str().to_string());
    let reason = RwSignal::new(String::new());
    let declining = RwSignal::new(false);
    let problem = RwSignal::new(None::<Problem>);
    let busy = RwSignal::new(false);
    let id = StoredValue::new(id);
    let decide = move |approve: bool| {
        let body = NominationDecision {
            approve,
            reason: non_empty(reason.get_untracked()),
            level: TutorLevel::parse(&level.get_untracked()),
        };
        if let Err(errs) = body.validate() {
            problem.set(Some(validation_problem(errs)));
            return;
        }
        busy.set(true);
        problem.set(None);
        spawn_local(async move {
            match api::nominations::decide(&id.get_value(), &body).await {
                Ok(n) => on_done.run(format!(
                    "{}: {}.",
                    n.full_name,
                    n.status.label_ru().to_lowercase()
                )),
                Err(p) => {
                    problem.try_set(Some(p));
                }
            }
            busy.try_set(false);
        });
    };
    view! {
        <div class="decision" data-testid="decision">
            <ErrorBanner problem />
            <Show
                when=move || declining.get()
                fallback=move || view! {
                    <SelectField
                        label="Уровень"
                        name="level"
                        value=level
                        options=Signal::derive(|| enum_options(TutorLevel::ALL, TutorLevel::as_str, TutorLevel::label_ru))
                    />
                    <div class="actions">
                        <button type="button" class="btn btn-primary" data-testid="approve" disabled=move || busy.get() on:click=move |_| decide(true)>"Одобрить"</button>
                        <button type="button" class="btn btn-danger" data-testid="decline" on:click=move |_| declining.set(true)>"Отклонить"</button>
                    </div>
                }
            >
                <TextField label="Причина отклонения" name="reason" value=reason problem required=true />
                <div class="actions">
                    <button type="button" class="btn btn-danger" data-testid="confirm-decline" disabled=move || busy.get() on:click=move |_| decide(false)>"Отклонить"</button>
                    <button type="button" class="btn btn-link" on:click=move |_| declining.set(false)>"Назад"</button>
                </div>
            </Show>
        </div>
    }
}
