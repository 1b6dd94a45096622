//! `/requests`: requests to the consultation point, and `/requests/new`.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};
use tutornet_domain::community::{
    Audience, FormOfWork, Request, RequestInput, RequestStatus, WorkFormat,
};
use tutornet_domain::org::School;
use tutornet_domain::permissions::{Action, Resource};
use tutornet_domain::text::format_date_ru;
use tutornet_domain::{Page, Problem, Role};

use crate::api::validation_problem;
use crate::api_community::{enum_options, schools, subjects};
use crate::auth::Auth;
use crate::components::community::RequestStatusBadge;
use crate::components::{CheckboxField, ErrorBanner, LoadMore, Paged, SelectField, TextField};
use crate::util::{non_empty, plural, set_title};

/// Days without a status change after which an open request is flagged.
pub const STALE_DAYS: i64 = 3;

pub fn is_open(s: RequestStatus) -> bool {
    matches!(
        s,
        RequestStatus::New | RequestStatus::NeedsInfo | RequestStatus::Accepted
    )
}

/// «без движения 5 дн.» for open requests idle for [`STALE_DAYS`] or more.
#[component]
pub fn StaleFlag(status: RequestStatus, age_days: i64) -> impl IntoView {
    (is_open(status) && age_days >= STALE_DAYS).then(|| {
        view! {
            <span class="badge st-stale" data-testid="stale-flag" title="Статус заявки давно не менялся">
                {format!("без движения {age_days} дн.")}
            </span>
        }
    })
}

#[component]
pub fn RequestsPage() -> impl IntoView {
    set_title("Заявки");
    let auth = Auth::get();
    let api = auth.api();
    let query = use_query_map();
    let init = |k: &str| query.with_untracked(|q| q.get(k).unwrap_or_default());
    let status = RwSignal::new(init("status"));
    let form = RwSignal::new(init("form"));
    let school_id = RwSignal::new(init("school_id"));
    let stale = RwSignal::new(init("stale_days"));
    let tutor = RwSignal::new(init("tutor_user_id"));
    let school_list = RwSignal::new(Vec::<School>::new());
    let sees_others = move || auth.sees_others(Resource::Request);
    spawn_local(async move {
        if auth.sees_others(Resource::Request) {
            school_list.try_set(schools(api, None).await);
        }
    });

    let list = Paged::<Request>::new();
    let fetch = move |cursor: Option<String>| {
        let mut pairs = vec![
            ("status", status.get_untracked()),
            ("form", form.get_untracked()),
            ("school_id", school_id.get_untracked()),
            ("stale_days", stale.get_untracked()),
            ("tutor_user_id", tutor.get_untracked()),
            ("limit", "50".to_string()),
        ];
        if let Some(c) = cursor {
            pairs.push(("cursor", c));
        }
        async move { api.get::<Page<Request>>("/requests", pairs).await }
    };
    Effect::new(move |_| {
        status.track();
        form.track();
        school_id.track();
        stale.track();
        tutor.track();
        list.load(None, fetch);
    });

    let intro = move || match auth.role() {
        Role::Teacher => "Ваши заявки на консультационный пункт.",
        Role::SchoolAdmin => "Заявки вашей школы.",
        Role::Tutor => "Заявки, по которым вы назначены тьютором.",
        _ => "Заявки школ и педагогов муниципалитета.",
    };

    let row = move |r: Request| {
        let href = format!("/requests/{}", r.id);
        view! {
            <tr data-testid="request-row" data-id=r.id.clone()>
                <td data-label="Тема">
                    <a class="strong" href=href>{r.topic.clone()}</a>
                    <div class="muted small">
                        {r.form.label_ru()}
                        {r.subject_name.clone().map(|s| format!(" · {s}"))}
                    </div>
                </td>
                <td data-label="Школа, заявитель">
                    {r.school_name.clone()}
                    <div class="muted small">
                        {if r.for_school { "от школы".to_string() } else { r.requester_name.clone() }}
                    </div>
                </td>
                <td data-label="Тьютор">{r.tutor_name.clone().unwrap_or_else(|| "—".to_string())}</td>
                <td data-label="Статус">
                    <span class="badges">
                        <RequestStatusBadge status=r.status />
                        <StaleFlag status=r.status age_days=r.age_days />
                    </span>
                </td>
                <td data-label="Подана" class="nowrap">{format_date_ru(r.created_at.date_naive())}</td>
            </tr>
        }
    };

    let select = move |label: &'static str,
                       name: &'static str,
                       value: RwSignal<String>,
                       all: &'static str,
                       opts: Vec<(String, String)>| {
        view! {
            <label class="filter-field">
                <span class="filter-label">{label}</span>
                <select name=name on:change:target=move |ev| value.set(ev.target().value())>
                    <option value="" prop:selected=move || value.with(String::is_empty)>{all}</option>
                    {opts
                        .into_iter()
                        .map(|(v, l)| {
                            let v2 = v.clone();
                            view! {
                                <option value=v prop:selected=move || value.with(|c| *c == v2)>{l}</option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
        }
    };

    view! {
        <section class="page" data-testid="requests-page">
            <div class="page-head">
                <h1>"Заявки"</h1>
                <Show when=move || auth.can(Resource::Request, Action::Create) && auth.role() != Role::Coordinator && auth.role() != Role::Admin>
                    <a class="btn btn-primary" href="/requests/new" data-testid="new-request">
                        "Новая заявка"
                    </a>
                </Show>
            </div>
            <p class="lead muted">{intro}</p>
            <form class="filters" role="search" on:submit=|ev| ev.prevent_default() data-testid="request-filters">
                {select(
                    "Статус",
                    "status",
                    status,
                    "Все статусы",
                    enum_options(RequestStatus::ALL, RequestStatus::as_str, RequestStatus::label_ru),
                )}
                {select(
                    "Форма работы",
                    "form",
                    form,
                    "Все формы",
                    enum_options(FormOfWork::ALL, FormOfWork::as_str, FormOfWork::label_ru),
                )}
                <Show when=sees_others>
                    {move || {
                        let opts = school_list
                            .get()
                            .into_iter()
                            .map(|s| (s.id, s.short_name))
                            .collect();
                        select("Школа", "school_id", school_id, "Все школы", opts)
                    }}
                </Show>
                {select(
                    "Без движения",
                    "stale_days",
                    stale,
                    "Не важно",
                    vec![
                        ("3".to_string(), "3 дня и дольше".to_string()),
                        ("7".to_string(), "7 дней и дольше".to_string()),
                        ("14".to_string(), "14 дней и дольше".to_string()),
                        ("30".to_string(), "30 дней и дольше".to_string()),
                    ],
                )}
            </form>
            <ErrorBanner problem=list.error />
            <p class="total" data-testid="requests-total">
                {move || {
                    list.total
                        .get()
                        .map(|t| format!("Найдено: {t} {}", plural(t, "заявка", "заявки", "заявок")))
                }}
            </p>
            <Show when=move || list.reloading()>
                <p class="loading" data-testid="loading">"Загрузка…"</p>
            </Show>
            <Show when=move || list.empty()>
                <div class="empty" data-testid="empty">
                    <p class="empty-title">"Заявок нет"</p>
                    <p class="muted">
                        {move || {
                            if auth.can(Resource::Request, Action::Create)
                                && matches!(auth.role(), Role::Teacher | Role::SchoolAdmin)
                            {
                                "Опишите затруднение — координатор подберёт тьютора. Нажмите «Новая заявка»."
                            } else {
                                "Измените условия отбора."
                            }
                        }}
                    </p>
                </div>
            </Show>
            <Show when=move || !list.items.with(Vec::is_empty)>
                <table class="table" class:stale=move || list.reloading() data-testid="requests-table">
                    <thead>
                        <tr>
                            <th scope="col">"Тема"</th>
                            <th scope="col">"Школа, заявитель"</th>
                            <th scope="col">"Тьютор"</th>
                            <th scope="col">"Статус"</th>
                            <th scope="col">"Подана"</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || list.items.get() key=|r| (r.id.clone(), r.version) children=row />
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

fn parse_opt<T: std::str::FromStr>(s: &str) -> Result<Option<T>, ()> {
    let s = s.trim();
    if s.is_empty() {
        Ok(None)
    } else {
        s.parse().map(Some).map_err(|_| ())
    }
}

#[component]
pub fn RequestFormPage() -> impl IntoView {
    set_title("Новая заявка");
    let auth = Auth::get();
    let api = auth.api();
    let navigate = use_navigate();
    let form = RwSignal::new(String::new());
    let subject_id = RwSignal::new(String::new());
    let topic = RwSignal::new(String::new());
    let problem_text = RwSignal::new(String::new());
    let audience = RwSignal::new(Audience::Teachers.as_str().to_string());
    let audience_count = RwSignal::new(String::new());
    let audience_grade = RwSignal::new(String::new());
    let format = RwSignal::new(WorkFormat::InPerson.as_str().to_string());
    let period_from = RwSignal::new(String::new());
    let period_to = RwSignal::new(String::new());
    let for_school = RwSignal::new(false);
    let problem = RwSignal::new(None::<Problem>);
    let saving = RwSignal::new(false);
    let subject_options = RwSignal::new(Vec::<(String, String)>::new());
    spawn_local(async move {
        subject_options.try_set(subjects(api).await);
    });

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if saving.get_untracked() {
            return;
        }
        let mut local_errors = Vec::new();
        let count = parse_opt::<i32>(&audience_count.get_untracked()).unwrap_or_else(|_| {
            local_errors.push(tutornet_domain::FieldError::new(
                "audience_count",
                "invalid",
                "Введите целое число",
            ));
            None
        });
        let date = |s: RwSignal<String>| {
            chrono::NaiveDate::parse_from_str(s.get_untracked().trim(), "%Y-%m-%d").ok()
        };
        let input = RequestInput {
            form: FormOfWork::parse(&form.get_untracked()),
            subject_id: non_empty(subject_id.get_untracked()),
            topic: topic.get_untracked().trim().to_string(),
            problem: problem_text.get_untracked().trim().to_string(),
            audience: Audience::parse(&audience.get_untracked()),
            audience_count: count,
            audience_grade: non_empty(audience_grade.get_untracked()),
            format: WorkFormat::parse(&format.get_untracked()),
            period_from: date(period_from),
            period_to: date(period_to),
            for_school: for_school.get_untracked(),
        };
        if let Err(errs) = input.validate() {
            local_errors.extend(errs);
        }
        if !local_errors.is_empty() {
            problem.set(Some(validation_problem(local_errors)));
            return;
        }
        saving.set(true);
        problem.set(None);
        let navigate = navigate.clone();
        spawn_local(async move {
            match api.post::<_, Request>("/requests", &input).await {
                Ok(r) => navigate(&format!("/requests/{}", r.id), Default::default()),
                Err(p) => {
                    problem.try_set(Some(p));
                }
            }
            saving.try_set(false);
        });
    };

    view! {
        <section class="page narrow" data-testid="request-form-page">
            <p class="crumbs">
                <a href="/requests">"Заявки"</a>
                " / "
                <span>"Новая заявка"</span>
            </p>
            <h1>"Новая заявка"</h1>
            <p class="lead muted">
                "Опишите, с чем нужна помощь. Координатор сообщества рассмотрит заявку и назначит тьютора."
            </p>
            <ErrorBanner problem />
            <form class="card form" on:submit=submit data-testid="request-form" novalidate=true>
                <SelectField
                    label="Форма работы"
                    name="form"
                    value=form
                    options=Signal::derive(|| enum_options(FormOfWork::ALL, FormOfWork::as_str, FormOfWork::label_ru))
                    problem
                    placeholder="— выберите форму работы —"
                    required=true
                />
                <SelectField
                    label="Предмет"
                    name="subject_id"
                    value=subject_id
                    options=subject_options
                    problem
                    placeholder="— не относится к предмету —"
                />
                <TextField label="Тема" name="topic" value=topic problem required=true hint="Например: подготовка к ОГЭ по математике, задания второй части" />
                <TextField
                    label="Затруднение"
                    name="problem"
                    value=problem_text
                    problem
                    required=true
                    multiline=true
                    hint="Что не получается, что уже пробовали, какие результаты (ВПР, ОГЭ, диагностические работы)."
                />
                <fieldset class="fieldset">
                    <legend>"Для кого"</legend>
                    <SelectField
                        label="Аудитория"
                        name="audience"
                        value=audience
                        options=Signal::derive(|| enum_options(Audience::ALL, Audience::as_str, Audience::label_ru))
                        problem
                        required=true
                    />
                    <div class="grid-2">
                        <TextField label="Количество участников" name="audience_count" kind="number" value=audience_count problem />
                        <TextField label="Класс (параллель)" name="audience_grade" value=audience_grade problem hint="Например: 9 «А» или 5–6 классы" />
                    </div>
                </fieldset>
                <SelectField
                    label="Формат"
                    name="format"
                    value=format
                    options=Signal::derive(|| enum_options(WorkFormat::ALL, WorkFormat::as_str, WorkFormat::label_ru))
                    problem
                    required=true
                />
                <fieldset class="fieldset">
                    <legend>"Желаемый период"</legend>
                    <div class="grid-2">
                        <TextField label="С" name="period_from" kind="date" value=period_from problem />
                        <TextField label="По" name="period_to" kind="date" value=period_to problem />
                    </div>
                </fieldset>
                <Show when=move || auth.role() == Role::SchoolAdmin>
                    <CheckboxField
                        label="Заявка от школы в целом (а не от одного учителя)"
                        name="for_school"
                        checked=for_school
                    />
                </Show>
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary" data-testid="save" disabled=move || saving.get()>
                        {move || if saving.get() { "Отправка…" } else { "Подать заявку" }}
                    </button>
                    <a class="btn btn-link" href="/requests">"Отмена"</a>
                </div>
            </form>
        </section>
    }
}
