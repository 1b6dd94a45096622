//! `/sessions`: the schedule of the consultation point — week and month calendars and a
//! filterable list.

use chrono::{Datelike, Duration as Days, NaiveDate};
use leptos::prelude::*;
use leptos::task::spawn_local;
use tutornet_domain::community::{ActivityType, FormOfWork, Session, SessionStatus};
use tutornet_domain::org::School;
use tutornet_domain::permissions::{Action, Resource};

use super::parts::calendar::{session_row, Calendar};
use super::parts::export::ScheduleExport;
use super::parts::filter::{shows, Filter};
use crate::api;
use crate::auth::Auth;
use crate::routes::Route;
use crate::ui::community::FeedButton;
use crate::ui::fields::enum_options;
use crate::ui::filters::address_filter;
use crate::ui::layout::CreateLink;
use crate::ui::table::{columns, PagedTable};
use crate::ui::time::today;
use crate::ui::Paged;
use crate::util::{plural, set_title};

#[component]
pub fn SessionsPage() -> impl IntoView {
    set_title("Расписание");
    let auth = Auth::get();
    let (filter, set_filter) =
        address_filter(Route::Sessions.path(), Filter::from_query, Filter::address);

    let tutor_options = RwSignal::new(Vec::<(String, String)>::new());
    let subject_options = RwSignal::new(Vec::<(String, String)>::new());
    let school_options = RwSignal::new(Vec::<School>::new());
    let point_options = RwSignal::new(Vec::<(String, String)>::new());
    let role = auth.role();
    let can_create = Signal::derive(move || auth.can(Resource::Session, Action::Create));
    spawn_local(async move {
        point_options.try_set(api::consultation_points::choices().await);
        subject_options.try_set(api::reference::subjects().await);
        tutor_options.try_set(api::composition::tutors().await);
        school_options.try_set(api::schools::choices(None).await);
    });

    // The list: paged, from the start of the academic year.
    let list = Paged::<Session>::new();
    let fetch = move |cursor: Option<String>| {
        let q = filter.get_untracked().query(None, None, 50, cursor);
        async move { api::sessions::list(&q).await }
    };
    Effect::new(move |_| {
        if filter.with(|f| f.view == "list") {
            list.load(None, fetch);
        }
    });

    let go = {
        move |step: i64| {
            let mut f = filter.get_untracked();
            let a = f.anchor();
            let next = if f.view == "month" {
                let (y, m) = (a.year(), a.month() as i64 - 1 + step);
                let y = y + m.div_euclid(12) as i32;
                let m = m.rem_euclid(12) as u32 + 1;
                NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(a)
            } else if step == 0 {
                today()
            } else {
                a + Days::days(7 * step)
            };
            f.date = if step == 0 {
                String::new()
            } else {
                next.format("%Y-%m-%d").to_string()
            };
            set_filter.run(f);
        }
    };

    let tab = {
        move |v: &'static str, label: &'static str| {
            view! {
                <button
                    type="button"
                    class="tab"
                    class:active=move || filter.with(|f| f.view == v)
                    aria-pressed=move || filter.with(|f| f.view == v).to_string()
                    data-testid=format!("view-{v}")
                    on:click=move |_| {
                        let mut f = filter.get_untracked();
                        f.view = v.to_string();
                        set_filter.run(f);
                    }
                >
                    {label}
                </button>
            }
        }
    };

    let select = {
        move |label: &'static str,
              name: &'static str,
              all: &'static str,
              opts: Signal<Vec<(String, String)>>,
              get: fn(&Filter) -> String,
              put: fn(&mut Filter, String)| {
            view! {
                <label class="filter-field">
                    <span class="filter-label">{label}</span>
                    <select
                        name=name
                        on:change:target=move |ev| {
                            let mut f = filter.get_untracked();
                            put(&mut f, ev.target().value());
                            set_filter.run(f);
                        }
                    >
                        <option value="" prop:selected=move || filter.with(|f| get(f).is_empty())>{all}</option>
                        {move || {
                            opts.get()
                                .into_iter()
                                .map(|(v, l)| {
                                    let v2 = v.clone();
                                    view! {
                                        <option value=v prop:selected=move || filter.with(|f| get(f) == v2)>{l}</option>
                                    }
                                })
                                .collect_view()
                        }}
                    </select>
                </label>
            }
        }
    };

    let check = {
        move |label: &'static str,
              name: &'static str,
              get: fn(&Filter) -> bool,
              put: fn(&mut Filter, bool)| {
            view! {
                <label class="check">
                    <input
                        type="checkbox"
                        name=name
                        prop:checked=move || filter.with(get)
                        on:change:target=move |ev| {
                            let mut f = filter.get_untracked();
                            put(&mut f, ev.target().checked());
                            set_filter.run(f);
                        }
                    />
                    <span>{label}</span>
                </label>
            }
        }
    };

    let form_opts =
        Signal::derive(|| enum_options(FormOfWork::ALL, FormOfWork::as_str, FormOfWork::label_ru));
    let activity_opts = Signal::derive(|| {
        enum_options(
            ActivityType::ALL,
            ActivityType::as_str,
            ActivityType::label_ru,
        )
    });
    let status_opts = Signal::derive(|| {
        enum_options(
            SessionStatus::ALL,
            SessionStatus::as_str,
            SessionStatus::label_ru,
        )
    });
    let school_opts = Signal::derive(move || {
        school_options
            .get()
            .into_iter()
            .map(|s| (s.id, s.short_name))
            .collect::<Vec<_>>()
    });

    view! {
        <section class="page" data-testid="sessions-page">
            <div class="page-head">
                <h1>"Расписание"</h1>
                <div class="actions">
                    <FeedButton />
                    <ScheduleExport filter />
                    <CreateLink allowed=can_create href=Route::SessionNew.path() testid="new-session" label="Новое занятие" />
                </div>
            </div>
            <form class="filters" role="search" on:submit=|ev| ev.prevent_default() data-testid="session-filters">
                {select("Тьютор", "tutor_id", "Все тьюторы", tutor_options.into(), |f| f.tutor_id.clone(), |f, v| f.tutor_id = v)}
                {shows(role, "school_id").then(|| select("Школа", "school_id", "Все школы", school_opts, |f| f.school_id.clone(), |f, v| f.school_id = v))}
                {select("Консультационный пункт", "consultation_point_id", "Все пункты", point_options.into(), |f| f.consultation_point_id.clone(), |f, v| f.consultation_point_id = v)}
                {select("Предмет", "subject_id", "Все предметы", subject_options.into(), |f| f.subject_id.clone(), |f, v| f.subject_id = v)}
                {select("Вид деятельности", "activity", "Все виды", activity_opts, |f| f.activity.clone(), |f, v| f.activity = v)}
                {select("Форма работы", "form", "Все формы", form_opts, |f| f.form.clone(), |f, v| f.form = v)}
                {select("Статус", "status", "Любой", status_opts, |f| f.status.clone(), |f, v| f.status = v)}
                <div class="filter-checks">
                    {shows(role, "low_results_only").then(|| check("Только ШНОР", "low_results_only", |f| f.low_results_only, |f, v| f.low_results_only = v))}
                    {shows(role, "mine").then(|| check("Мои", "mine", |f| f.mine, |f, v| f.mine = v))}
                    {shows(role, "awaiting_log").then(|| check("Ожидают журнала", "awaiting_log", |f| f.awaiting_log, |f, v| f.awaiting_log = v))}
                </div>
            </form>
            <div class="cal-bar no-print">
                <div class="tabs" role="group" aria-label="Вид">
                    {tab("week", "Неделя")}
                    {tab("month", "Месяц")}
                    {tab("list", "Список")}
                </div>
                <Show when=move || filter.with(|f| f.view != "list")>
                    <div class="cal-nav">
                        <button type="button" class="btn" data-testid="cal-prev" aria-label="Назад" on:click=move |_| go(-1)>"←"</button>
                        <button type="button" class="btn" data-testid="cal-today-btn" on:click=move |_| go(0)>"Сегодня"</button>
                        <button type="button" class="btn" data-testid="cal-next" aria-label="Вперёд" on:click=move |_| go(1)>"→"</button>
                    </div>
                </Show>
            </div>
            <Show when=move || filter.with(|f| f.view != "list")>
                <Calendar filter can_create />
            </Show>
            <Show when=move || filter.with(|f| f.view == "list")>
                <PagedTable
                    list
                    fetch
                    total=("sessions-total", |t| format!("Найдено: {t} {} с начала учебного года", plural(t, "занятие", "занятия", "занятий")))
                    empty_title="Занятий не найдено"
                    empty_hint=move || crate::ui::filters::empty_hint(
                        filter.with(|f| f.filters().iter().any(|(_, v)| !v.is_empty())),
                        "Занятия появятся, когда координатор или тьютор включит их в расписание.",
                    )
                    testid="sessions-table"
                    dim=true
                    columns=columns(&["Когда", "Занятие", "Тьюторы", "Записано", "Статус"])
                    key=|s: &Session| (s.id.clone(), s.version)
                    row=session_row
                />
            </Show>
        </section>
    }
}
