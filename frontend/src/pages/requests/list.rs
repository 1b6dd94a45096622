//! `/requests`: requests to the consultation point.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;
use tutornet_domain::community::{FormOfWork, Request, RequestFilter, RequestStatus};
use tutornet_domain::org::School;
use tutornet_domain::permissions::{Action, Resource};
use tutornet_domain::Role;

use crate::api;
use crate::auth::Auth;
use crate::routes::Route;
use crate::ui::community::RequestStatusBadge;
use crate::ui::fields::enum_options;
use crate::ui::layout::{CreateLink, PageHead};
use crate::ui::table::{columns, PagedTable};
use crate::ui::Paged;
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
            school_list.try_set(api::schools::choices(None).await);
        }
    });

    let list = Paged::<Request>::new();
    let fetch = move |cursor: Option<String>| {
        let filter = RequestFilter {
            status: RequestStatus::parse(&status.get_untracked()),
            school_id: non_empty(school_id.get_untracked()),
            tutor_user_id: non_empty(tutor.get_untracked()),
            form: FormOfWork::parse(&form.get_untracked()),
            stale_days: stale.get_untracked().trim().parse().ok(),
            limit: Some(50),
            cursor,
        };
        async move { api::requests::list(&filter).await }
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
        let href = Route::Request(r.id.clone()).path();
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
                    {tutornet_domain::text::numero(&r.school_name)}
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
                <td data-label="Подана" class="nowrap">{crate::ui::time::date_ru(r.created_at)}</td>
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

    // Coordinators answer requests; the schools file them.
    let files_requests = move || {
        auth.can(Resource::Request, Action::Create)
            && auth.role() != Role::Coordinator
            && auth.role() != Role::Admin
    };

    view! {
        <section class="page" data-testid="requests-page">
            <PageHead title="Заявки">
                <CreateLink allowed=Signal::derive(files_requests) href=Route::RequestNew.path() testid="new-request" label="Новая заявка" />
            </PageHead>
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
            <PagedTable
                list
                fetch
                total=("requests-total", |t| format!("Найдено: {t} {}", plural(t, "заявка", "заявки", "заявок")))
                empty_title="Заявок нет"
                empty_hint=move || {
                            if auth.can(Resource::Request, Action::Create)
                                && matches!(auth.role(), Role::Teacher | Role::SchoolAdmin)
                            {
                                "Опишите затруднение — координатор подберёт тьютора. Нажмите «Новая заявка»."
                            } else {
                                crate::ui::filters::empty_hint(
                                    [status, form, school_id, stale, tutor]
                                        .iter()
                                        .any(|s| !s.with(String::is_empty)),
                                    "Новые заявки школ и учителей появятся здесь.",
                                )
                            }
                        }
                testid="requests-table"
                dim=true
                columns=columns(&["Тема", "Школа, заявитель", "Тьютор", "Статус", "Подана"])
                key=|r: &Request| (r.id.clone(), r.version)
                row=row
            />
        </section>
    }
}
