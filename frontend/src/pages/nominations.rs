//! `/nominations`: schools nominate their teachers to the composition (000 §4.2–4.3);
//! the coordinator approves or declines.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use tutornet_domain::composition::{
    Nomination, NominationDecision, NominationInput, NominationStatus, TutorLevel,
};
use tutornet_domain::permissions::{Action, Resource};
use tutornet_domain::users::User;
use tutornet_domain::{FieldError, Page, Problem, Role};

use crate::api::validation_problem;
use crate::api_community::{enum_options, subjects};
use crate::auth::Auth;
use crate::components::community::NominationStatusBadge;
use crate::components::{
    Banner, CheckboxField, ErrorBanner, LoadMore, Paged, SelectField, TextField,
};
use crate::pages::composition::CompositionTabs;
use crate::util::{datetime_ru, non_empty, plural, set_title};

#[component]
pub fn NominationsPage() -> impl IntoView {
    set_title("Выдвижения в тьюторы");
    let auth = Auth::get();
    let api = auth.api();
    let status = RwSignal::new(String::new());
    let list = Paged::<Nomination>::new();
    let message = RwSignal::new(None::<String>);
    let fetch = move |cursor: Option<String>| {
        let mut pairs = vec![
            ("status", status.get_untracked()),
            ("limit", "50".to_string()),
        ];
        if let Some(c) = cursor {
            pairs.push(("cursor", c));
        }
        async move { api.get::<Page<Nomination>>("/nominations", pairs).await }
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
        let criteria = [
            n.is_current_teacher.then_some("работает учителем"),
            n.has_authority.then_some("авторитет у коллег"),
            n.ready_to_help.then_some("готов помогать"),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
        view! {
            <tr data-testid="nomination-row">
                <td data-label="Учитель">
                    <span class="strong">{n.full_name.clone()}</span>
                    <div class="muted small">{format!("{} · {}", n.subject_name, n.school_name)}</div>
                    {n.position.clone().map(|p| view! { <div class="muted small">{p}</div> })}
                </td>
                <td data-label="Критерии">
                    <div class="small">{format!("стаж {} {}", n.experience_years, plural(n.experience_years as i64, "год", "года", "лет"))}{(!criteria.is_empty()).then(|| format!("; {criteria}"))}</div>
                    {n.achievements.clone().map(|a| view! { <div class="small muted">{format!("Достижения: {a}")}</div> })}
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
            <ErrorBanner problem=list.error />
            <Show when=move || list.reloading()>
                <p class="loading" data-testid="loading">"Загрузка…"</p>
            </Show>
            <Show when=move || list.empty()>
                <div class="empty" data-testid="empty">
                    <p class="empty-title">"Выдвижений нет"</p>
                    <p class="muted">{move || if can_nominate() { "Нажмите «Выдвинуть учителя», чтобы предложить кандидата." } else { "Школы ещё не выдвигали учителей." }}</p>
                </div>
            </Show>
            <Show when=move || !list.items.with(Vec::is_empty)>
                <table class="table" data-testid="nominations-table">
                    <thead>
                        <tr>
                            <th scope="col">"Учитель"</th>
                            <th scope="col">"Критерии и обоснование"</th>
                            <th scope="col">"Статус"</th>
                            <Show when=decides>
                                <th scope="col">"Решение"</th>
                            </Show>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || list.items.get() key=|n| (n.id.clone(), n.meta.version) children=row />
                    </tbody>
                </table>
                <LoadMore
                    shown=Signal::derive(move || list.items.with(Vec::len))
                    total=list.total
                    has_more=Signal::derive(move || list.next.with(Option::is_some))
                    loading=list.loading
                    on_more=Callback::new(move |_| list.more(fetch))
                />
            </Show>
        </section>
    }
}

/// Approve (with a level) or decline (with a reason) one nomination.
#[component]
fn Decision(id: String, on_done: Callback<String>) -> impl IntoView {
    let auth = Auth::get();
    let api = auth.api();
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
            match api
                .post::<_, Nomination>(&format!("/nominations/{}/decision", id.get_value()), &body)
                .await
            {
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

#[component]
fn NominationForm(on_done: Callback<()>) -> impl IntoView {
    let auth = Auth::get();
    let api = auth.api();
    let teacher_user_id = RwSignal::new(String::new());
    let full_name = RwSignal::new(String::new());
    let subject_id = RwSignal::new(String::new());
    let position = RwSignal::new(String::new());
    let is_current_teacher = RwSignal::new(true);
    let experience_years = RwSignal::new(String::new());
    let achievements = RwSignal::new(String::new());
    let has_authority = RwSignal::new(false);
    let ready_to_help = RwSignal::new(false);
    let justification = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<Problem>);
    let saving = RwSignal::new(false);
    let teachers = RwSignal::new(Vec::<(String, String)>::new());
    let subject_options = RwSignal::new(Vec::<(String, String)>::new());
    spawn_local(async move {
        subject_options.try_set(subjects(api).await);
        let school = auth
            .me
            .with_untracked(|m| m.as_ref().and_then(|m| m.school_id.clone()));
        let q = vec![
            ("role", Role::Teacher.as_str().to_string()),
            ("school_id", school.unwrap_or_default()),
            ("limit", "200".to_string()),
        ];
        if let Ok(p) = api.get::<Page<User>>("/users", q).await {
            teachers.try_set(p.items.into_iter().map(|u| (u.id, u.full_name)).collect());
        }
    });
    // A chosen account replaces a typed name.
    Effect::new(move |_| {
        let t = teacher_user_id.get();
        if t.is_empty() {
            return;
        }
        full_name.set(String::new());
    });

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let mut errs = Vec::new();
        let years = match experience_years.get_untracked().trim() {
            "" => 0,
            s => s.parse::<i32>().unwrap_or_else(|_| {
                errs.push(FieldError::new(
                    "experience_years",
                    "invalid",
                    "Введите целое число лет",
                ));
                0
            }),
        };
        let input = NominationInput {
            school_id: None,
            academic_year_id: None,
            teacher_user_id: non_empty(teacher_user_id.get_untracked()),
            full_name: non_empty(full_name.get_untracked()),
            subject_id: subject_id.get_untracked(),
            position: non_empty(position.get_untracked()),
            is_current_teacher: is_current_teacher.get_untracked(),
            experience_years: years,
            achievements: non_empty(achievements.get_untracked()),
            has_authority: has_authority.get_untracked(),
            ready_to_help: ready_to_help.get_untracked(),
            justification: justification.get_untracked().trim().to_string(),
        };
        if let Err(v) = input.validate() {
            errs.extend(v);
        }
        if !errs.is_empty() {
            problem.set(Some(validation_problem(errs)));
            return;
        }
        saving.set(true);
        problem.set(None);
        spawn_local(async move {
            match api.post::<_, Nomination>("/nominations", &input).await {
                Ok(_) => on_done.run(()),
                Err(p) => {
                    problem.try_set(Some(p));
                }
            }
            saving.try_set(false);
        });
    };

    view! {
        <form class="card form" on:submit=submit data-testid="nomination-form" novalidate=true>
            <h2>"Выдвижение учителя"</h2>
            <ErrorBanner problem />
            <div class="grid-2">
                <SelectField
                    label="Учитель школы"
                    name="teacher_user_id"
                    value=teacher_user_id
                    options=teachers
                    problem
                    placeholder="— нет учётной записи —"
                />
                <TextField label="…или ФИО полностью" name="full_name" value=full_name problem disabled=Signal::derive(move || !teacher_user_id.with(String::is_empty)) />
            </div>
            <div class="grid-2">
                <SelectField label="Предмет" name="subject_id" value=subject_id options=subject_options problem placeholder="— выберите —" required=true />
                <TextField label="Должность" name="position" value=position problem hint="Например: учитель математики" />
            </div>
            <fieldset class="fieldset">
                <legend>"Критерии (положение, п. 4.3)"</legend>
                <CheckboxField label="Работает учителем в настоящее время" name="is_current_teacher" checked=is_current_teacher />
                <CheckboxField label="Пользуется авторитетом у коллег" name="has_authority" checked=has_authority />
                <CheckboxField label="Готов оказывать методическую помощь" name="ready_to_help" checked=ready_to_help />
                <TextField label="Педагогический стаж, лет" name="experience_years" kind="number" value=experience_years problem />
                <TextField label="Достижения" name="achievements" value=achievements problem multiline=true hint="Результаты учеников, конкурсы, публикации." />
            </fieldset>
            <TextField label="Обоснование выдвижения" name="justification" value=justification problem required=true multiline=true />
            <div class="form-actions">
                <button type="submit" class="btn btn-primary" data-testid="save" disabled=move || saving.get()>
                    {move || if saving.get() { "Отправка…" } else { "Выдвинуть" }}
                </button>
            </div>
        </form>
    }
}
