//! `/dashboard`: the coordinator's view of the consultation point.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use tutornet_domain::community::Dashboard;
use tutornet_domain::permissions::Resource;

use crate::api;
use crate::routes::Route;
use crate::ui::community::{FeedButton, RequestStatusBadge};
use crate::ui::filters::MunicipalityFilter;
use crate::ui::resource::{ProblemError, ProblemFallback};
use crate::ui::table::{columns, Table};
use crate::util::{plural, set_title};

#[component]
pub fn DashboardPage() -> impl IntoView {
    set_title("Пульт координатора");
    let stale_days = RwSignal::new("3".to_string());
    // A regional admin chooses the municipality (kept in the address: `?municipality_id=`).
    let query = use_query_map();
    let navigate = use_navigate();
    let municipality =
        Memo::new(move |_| query.with(|q| q.get("municipality_id").unwrap_or_default()));
    let choose = Callback::new(move |m: String| {
        navigate(
            &Route::Dashboard.with1("municipality_id", m),
            Default::default(),
        );
    });
    // Reloads when the threshold or the municipality changes; the old figures stay until
    // the new ones arrive.
    // A regional admin without a chosen municipality sees a hint, not an error.
    let auth = crate::auth::Auth::get();
    let data = LocalResource::new(move || {
        let days = stale_days.get();
        let m = municipality.get();
        let must_choose = m.is_empty()
            && auth
                .me
                .with(|me| me.as_ref().is_some_and(|me| me.municipality_id.is_none()));
        async move {
            if must_choose {
                return Ok(None);
            }
            api::dashboard::get(&days, &m)
                .await
                .map(Some)
                .map_err(ProblemError)
        }
    });

    let body = move |d: Dashboard| {
        let stale_after = d.stale_after_days;
        let sessions_total: i64 = d.sessions_this_month_by_form.iter().map(|c| c.count).sum();
        view! {
            <h2>"Заявки по статусам"</h2>
            <div class="stats" data-testid="requests-by-status">
                {d.requests_by_status.iter().map(|c| view! {
                    <a class="stat stat-link" href=Route::Requests.with1("status", c.key.clone()) data-testid=format!("status-{}", c.key)>
                        <span class="stat-value">{c.count}</span>
                        <span class="stat-label">{c.label.clone()}</span>
                    </a>
                }).collect_view()}
            </div>

            <div class="two-col">
                <div>
                    <h2>"Занятия в этом месяце"</h2>
                    <div class="stats stats-2">
                        <a class="stat stat-link" href=Route::Sessions.with(&[("view", "month".to_string()), ("status", "held".to_string())]) data-testid="held-this-month">
                            <span class="stat-value">{d.held_this_month}</span>
                            <span class="stat-label">"Проведено"</span>
                        </a>
                        <a class="stat stat-link" href=Route::Sessions.with1("view", "month") data-testid="sessions-this-month">
                            <span class="stat-value">{sessions_total}</span>
                            <span class="stat-label">"Всего в расписании"</span>
                        </a>
                    </div>
                    <Table testid="sessions-by-activity" columns=columns(&["Вид деятельности", "В этом месяце", "За учебный год"])>
                        {d.sessions_this_month_by_activity.iter().map(|c| {
                            let year = d.sessions_this_year_by_activity.iter().find(|y| y.key == c.key).map_or(0, |y| y.count);
                            view! {
                                <tr data-testid=format!("activity-{}", c.key)>
                                    <td data-label="Вид деятельности"><a href=Route::Sessions.with(&[("view", "list".to_string()), ("activity", c.key.clone())])>{c.label.clone()}</a></td>
                                    <td data-label="В этом месяце">{c.count}</td>
                                    <td data-label="За учебный год">{year}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </Table>
                    {if d.sessions_this_month_by_form.is_empty() {
                        view! { <p class="muted" data-testid="no-sessions-month">"В этом месяце занятий нет."</p> }.into_any()
                    } else {
                        view! {
                            <Table testid="sessions-by-form" columns=columns(&["Форма работы", "Занятий"])>
                                {d.sessions_this_month_by_form.iter().map(|c| view! {
                                    <tr>
                                        <td data-label="Форма работы"><a href=Route::Sessions.with(&[("view", "month".to_string()), ("form", c.key.clone())])>{c.label.clone()}</a></td>
                                        <td data-label="Занятий">{c.count}</td>
                                    </tr>
                                }).collect_view()}
                            </Table>
                        }.into_any()
                    }}
                </div>
                <div>
                    <h2>"ШНОР без занятий в этой четверти"</h2>
                    {if d.low_results_without_session.is_empty() {
                        view! { <p class="banner banner-ok" data-testid="all-low-covered">"У всех ШНОР есть занятия в этой четверти."</p> }.into_any()
                    } else {
                        let n = d.low_results_without_session.len() as i64;
                        view! {
                            <p class="muted">{format!("{n} {} без проведённых или запланированных занятий:", plural(n, "школа", "школы", "школ"))}</p>
                            <ul class="chips-list" data-testid="low-without-session">
                                {d.low_results_without_session.iter().map(|s| view! {
                                    <li><a class="badge badge-low" href=Route::School(s.id.to_string()).path()>{tutornet_domain::text::numero(&s.short_name)}</a></li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </div>
            </div>

            <h2>{format!("Заявки без движения ({stale_after} дн. и дольше)")}</h2>
            {if d.stale_requests.is_empty() {
                view! { <p class="banner banner-ok" data-testid="no-stale">"Зависших заявок нет."</p> }.into_any()
            } else {
                view! {
                    <Table testid="stale-requests" columns=columns(&["Заявка", "Школа", "Статус", "Без движения", "Подана"])>
                        {d.stale_requests.iter().map(|r| view! {
                            <tr data-testid="stale-row">
                                <td data-label="Заявка"><a class="strong" href=Route::Request(r.id.to_string()).path()>{r.topic.clone()}</a>
                                    <div class="muted small">{r.form.label_ru()}</div></td>
                                <td data-label="Школа">{tutornet_domain::text::numero(&r.school_name)}</td>
                                <td data-label="Статус"><RequestStatusBadge status=r.status /></td>
                                <td data-label="Без движения" class="nowrap"><span class="badge st-stale">{format!("{} {}", r.age_days, plural(r.age_days, "день", "дня", "дней"))}</span></td>
                                <td data-label="Подана" class="nowrap">{crate::ui::time::date_ru(r.created_at)}</td>
                            </tr>
                        }).collect_view()}
                    </Table>
                }.into_any()
            }}

            <h2>"Нагрузка тьюторов"</h2>
            {if d.tutor_load.is_empty() {
                view! { <p class="muted">"В составе нет тьюторов с учётной записью."</p> }.into_any()
            } else {
                view! {
                    <Table testid="tutor-load" columns=columns(&["Тьютор", "Открытые заявки", "Запланировано занятий", "Проведено в этом месяце"])>
                        {d.tutor_load.iter().map(|t| view! {
                            <tr>
                                <td data-label="Тьютор"><a class="strong" href=Route::Sessions.with(&[("view", "list".to_string()), ("tutor_id", t.user_id.clone())])>{t.full_name.clone()}</a></td>
                                <td data-label="Открытые заявки"><a href=Route::Requests.with1("tutor_user_id", t.user_id.clone())>{t.open_requests}</a></td>
                                <td data-label="Запланировано занятий">{t.planned_sessions}</td>
                                <td data-label="Проведено в этом месяце">{t.held_this_month}</td>
                            </tr>
                        }).collect_view()}
                    </Table>
                }.into_any()
            }}
        }
    };

    let shown = move |d: Option<Dashboard>| {
        match d {
        Some(d) => body(d).into_any(),
        None => view! {
            <p class="banner" data-testid="choose-municipality">"Выберите муниципалитет, чтобы увидеть его сводку."</p>
        }
        .into_any(),
    }
    };

    view! {
        <section class="page" data-testid="dashboard-page">
            <div class="page-head">
                <h1>"Пульт координатора"</h1>
                <div class="actions">
                    <label class="filter-field inline-field">
                        <span class="filter-label">"Без движения от"</span>
                        <select name="stale_days" on:change:target=move |ev| stale_days.set(ev.target().value())>
                            {["3", "7", "14", "30"].into_iter().map(|d| view! {
                                <option value=d prop:selected=move || stale_days.with(|v| v == d)>{format!("{d} дн.")}</option>
                            }).collect_view()}
                        </select>
                    </label>
                    <MunicipalityFilter
                        resource=Resource::Request
                        all="— выберите муниципалитет —"
                        selected=municipality
                        on_change=choose
                    />
                    <FeedButton municipal=true />
                </div>
            </div>
            <Transition fallback=|| view! { <p class="loading" data-testid="loading">"Загрузка…"</p> }>
                <ErrorBoundary fallback=|errors| view! { <ProblemFallback errors /> }>
                    {move || Suspend::new(async move { data.await.map(shown) })}
                </ErrorBoundary>
            </Transition>
        </section>
    }
}
