//! `/sessions`: the schedule of the consultation point — week and month calendars and a
//! filterable list.

use chrono::{Datelike, Duration as Days, NaiveDate, NaiveTime};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use tutornet_domain::community::{FormOfWork, Session, SessionStatus};
use tutornet_domain::org::School;
use tutornet_domain::permissions::{Action, Resource};
use tutornet_domain::text::format_date_ru;
use tutornet_domain::{Page, Problem};

use crate::api_community::{
    enum_options, hhmm, local, schools, subjects, today, tutors, utc_of_local,
};
use crate::auth::Auth;
use crate::components::community::{FeedButton, SessionStatusBadge};
use crate::components::{ErrorBanner, LoadMore, Paged};
use crate::util::{plural, set_title, with_query};

const MONTHS: [&str; 12] = [
    "Январь",
    "Февраль",
    "Март",
    "Апрель",
    "Май",
    "Июнь",
    "Июль",
    "Август",
    "Сентябрь",
    "Октябрь",
    "Ноябрь",
    "Декабрь",
];
const WEEKDAYS: [&str; 7] = ["Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"];

#[derive(Debug, Clone, Default, PartialEq)]
struct Filter {
    view: String,
    date: String,
    tutor_id: String,
    school_id: String,
    subject_id: String,
    form: String,
    status: String,
    low_results_only: bool,
    mine: bool,
    awaiting_log: bool,
}

fn yes(b: bool) -> String {
    if b {
        "true".to_string()
    } else {
        String::new()
    }
}

impl Filter {
    fn from_query(q: &leptos_router::params::ParamsMap) -> Self {
        let flag = |k: &str| q.get(k).is_some_and(|v| v == "true");
        Self {
            view: match q.get("view").as_deref() {
                Some("month") => "month".into(),
                Some("list") => "list".into(),
                _ => "week".into(),
            },
            date: q.get("date").unwrap_or_default(),
            tutor_id: q.get("tutor_id").unwrap_or_default(),
            school_id: q.get("school_id").unwrap_or_default(),
            subject_id: q.get("subject_id").unwrap_or_default(),
            form: q.get("form").unwrap_or_default(),
            status: q.get("status").unwrap_or_default(),
            low_results_only: flag("low_results_only"),
            mine: flag("mine"),
            awaiting_log: flag("awaiting_log"),
        }
    }

    fn address(&self) -> Vec<(&'static str, String)> {
        let mut v = vec![
            (
                "view",
                if self.view == "week" {
                    String::new()
                } else {
                    self.view.clone()
                },
            ),
            ("date", self.date.clone()),
        ];
        v.extend(self.api());
        v
    }

    /// The API filter (without the range).
    fn api(&self) -> Vec<(&'static str, String)> {
        vec![
            ("tutor_id", self.tutor_id.clone()),
            ("school_id", self.school_id.clone()),
            ("subject_id", self.subject_id.clone()),
            ("form", self.form.clone()),
            ("status", self.status.clone()),
            ("low_results_only", yes(self.low_results_only)),
            ("mine", yes(self.mine)),
            ("awaiting_log", yes(self.awaiting_log)),
        ]
    }

    fn anchor(&self) -> NaiveDate {
        NaiveDate::parse_from_str(&self.date, "%Y-%m-%d").unwrap_or_else(|_| today())
    }

    /// First and last+1 day shown by the calendar.
    fn range(&self) -> (NaiveDate, NaiveDate) {
        let a = self.anchor();
        if self.view == "month" {
            let first = a.with_day(1).unwrap_or(a);
            let start = first - Days::days(first.weekday().num_days_from_monday() as i64);
            let next_month = if first.month() == 12 {
                NaiveDate::from_ymd_opt(first.year() + 1, 1, 1)
            } else {
                NaiveDate::from_ymd_opt(first.year(), first.month() + 1, 1)
            }
            .unwrap_or(first);
            let tail = (7 - next_month.weekday().num_days_from_monday() as i64) % 7;
            (start, next_month + Days::days(tail))
        } else {
            let start = a - Days::days(a.weekday().num_days_from_monday() as i64);
            (start, start + Days::days(7))
        }
    }
}

/// One session in a calendar cell.
fn chip(s: &Session) -> impl IntoView {
    let class = match s.status {
        SessionStatus::Planned => "chip",
        SessionStatus::Held => "chip chip-held",
        SessionStatus::Cancelled => "chip chip-cancelled",
    };
    view! {
        <a class=class href=format!("/sessions/{}", s.id) data-testid="calendar-session" title=s.form.label_ru()>
            <span class="chip-time">{format!("{}–{}", hhmm(s.starts_at), hhmm(s.ends_at))}</span>
            <span class="chip-title">{s.title.clone()}</span>
        </a>
    }
}

#[component]
pub fn SessionsPage() -> impl IntoView {
    set_title("Расписание");
    let auth = Auth::get();
    let api = auth.api();
    let query = use_query_map();
    let navigate = use_navigate();
    let filter = Memo::new(move |_| query.with(Filter::from_query));
    let set_filter = move |f: Filter| {
        navigate(
            &with_query("/sessions", &f.address()),
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    };

    let tutor_options = RwSignal::new(Vec::<(String, String)>::new());
    let subject_options = RwSignal::new(Vec::<(String, String)>::new());
    let school_options = RwSignal::new(Vec::<School>::new());
    spawn_local(async move {
        subject_options.try_set(subjects(api).await);
        tutor_options.try_set(tutors(api).await);
        school_options.try_set(schools(api, None).await);
    });

    // The calendar: everything in the visible range (at most 200).
    let calendar = RwSignal::new(None::<Vec<Session>>);
    let cal_problem = RwSignal::new(None::<Problem>);
    let cal_more = RwSignal::new(false);
    let seq = StoredValue::new(0u32);
    Effect::new(move |_| {
        let f = filter.get();
        if f.view == "list" {
            return;
        }
        let (a, b) = f.range();
        let midnight = NaiveTime::MIN;
        let mut q = f.api();
        q.push((
            "from",
            utc_of_local(a, midnight)
                .map(|d| d.to_rfc3339())
                .unwrap_or_default(),
        ));
        q.push((
            "to",
            utc_of_local(b, midnight)
                .map(|d| d.to_rfc3339())
                .unwrap_or_default(),
        ));
        q.push(("limit", "200".to_string()));
        let my = seq.get_value().wrapping_add(1);
        seq.set_value(my);
        calendar.set(None);
        cal_problem.set(None);
        spawn_local(async move {
            let res = api.get::<Page<Session>>("/sessions", q).await;
            if seq.try_get_value() != Some(my) {
                return;
            }
            match res {
                Ok(p) => {
                    cal_more.try_set(p.next_cursor.is_some());
                    calendar.try_set(Some(p.items));
                }
                Err(p) => {
                    calendar.try_set(Some(Vec::new()));
                    cal_problem.try_set(Some(p));
                }
            }
        });
    });

    // The list: paged, from the start of the academic year.
    let list = Paged::<Session>::new();
    let fetch = move |cursor: Option<String>| {
        let mut pairs = filter.get_untracked().api();
        pairs.push(("limit", "50".to_string()));
        if let Some(c) = cursor {
            pairs.push(("cursor", c));
        }
        async move { api.get::<Page<Session>>("/sessions", pairs).await }
    };
    Effect::new(move |_| {
        if filter.with(|f| f.view == "list") {
            list.load(None, fetch);
        }
    });

    let go = {
        let set_filter = set_filter.clone();
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
            set_filter(f);
        }
    };

    let heading = move || {
        let f = filter.get();
        let (a, b) = f.range();
        if f.view == "month" {
            let x = f.anchor();
            format!("{} {}", MONTHS[x.month0() as usize], x.year())
        } else {
            format!(
                "{} – {}",
                format_date_ru(a),
                format_date_ru(b - Days::days(1))
            )
        }
    };

    let grid = move || {
        let f = filter.get();
        if f.view == "list" {
            return None;
        }
        let sessions = calendar.get()?;
        let (a, b) = f.range();
        let month = f.anchor().month();
        let now = today();
        let days: Vec<NaiveDate> = a.iter_days().take_while(|d| *d < b).collect();
        let cells = days
            .into_iter()
            .map(|d| {
                let mut todays: Vec<&Session> = sessions
                    .iter()
                    .filter(|s| local(s.starts_at).date() == d)
                    .collect();
                todays.sort_by_key(|s| s.starts_at);
                let chips = todays.into_iter().map(chip).collect_view();
                let outside = f.view == "month" && d.month() != month;
                let weekday = WEEKDAYS[d.weekday().num_days_from_monday() as usize];
                view! {
                    <div
                        class="cal-day"
                        class:today=d == now
                        class:outside=outside
                        data-testid=if d == now { "cal-today" } else { "cal-day" }
                        data-date=d.format("%Y-%m-%d").to_string()
                    >
                        <div class="cal-date">
                            <span class="cal-wd">{weekday}</span>
                            " "
                            {if f.view == "month" { d.day().to_string() } else { format!("{:02}.{:02}", d.day(), d.month()) }}
                        </div>
                        {chips}
                    </div>
                }
            })
            .collect_view();
        let empty = sessions.is_empty();
        Some(view! {
            <div class="calendar" class:cal-month=f.view == "month" class:cal-week=f.view == "week" data-testid="calendar">
                {WEEKDAYS.iter().map(|w| view! { <div class="cal-head">{*w}</div> }).collect_view()}
                {cells}
            </div>
            {empty.then(|| view! {
                <p class="muted cal-empty" data-testid="empty">
                    {if f.view == "month" { "В этом месяце занятий нет." } else { "На этой неделе занятий нет." }}
                </p>
            })}
        })
    };

    let tab = {
        let set_filter = set_filter.clone();
        move |v: &'static str, label: &'static str| {
            let set_filter = set_filter.clone();
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
                        set_filter(f);
                    }
                >
                    {label}
                </button>
            }
        }
    };

    let select = {
        let set_filter = set_filter.clone();
        move |label: &'static str,
              name: &'static str,
              all: &'static str,
              opts: Signal<Vec<(String, String)>>,
              get: fn(&Filter) -> String,
              put: fn(&mut Filter, String)| {
            let set_filter = set_filter.clone();
            view! {
                <label class="filter-field">
                    <span class="filter-label">{label}</span>
                    <select
                        name=name
                        on:change:target=move |ev| {
                            let mut f = filter.get_untracked();
                            put(&mut f, ev.target().value());
                            set_filter(f);
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
        let set_filter = set_filter.clone();
        move |label: &'static str,
              name: &'static str,
              get: fn(&Filter) -> bool,
              put: fn(&mut Filter, bool)| {
            let set_filter = set_filter.clone();
            view! {
                <label class="check">
                    <input
                        type="checkbox"
                        name=name
                        prop:checked=move || filter.with(get)
                        on:change:target=move |ev| {
                            let mut f = filter.get_untracked();
                            put(&mut f, ev.target().checked());
                            set_filter(f);
                        }
                    />
                    <span>{label}</span>
                </label>
            }
        }
    };

    let row = move |s: Session| {
        let seats = match s.seats {
            Some(n) => format!("{} из {n}", s.registered),
            None => s.registered.to_string(),
        };
        view! {
            <tr data-testid="session-row" data-id=s.id.clone()>
                <td data-label="Когда" class="nowrap">
                    {format_date_ru(local(s.starts_at).date())}
                    <div class="muted small">{format!("{}–{}", hhmm(s.starts_at), hhmm(s.ends_at))}</div>
                </td>
                <td data-label="Занятие">
                    <a class="strong" href=format!("/sessions/{}", s.id)>{s.title.clone()}</a>
                    <div class="muted small">
                        {s.form.label_ru()}
                        {s.subject_name.clone().map(|x| format!(" · {x}"))}
                        {format!(" · {}", s.format.label_ru().to_lowercase())}
                    </div>
                </td>
                <td data-label="Тьюторы">
                    {s.tutors.iter().map(|t| t.full_name.clone()).collect::<Vec<_>>().join(", ")}
                </td>
                <td data-label="Записано" class="nowrap">
                    {seats}
                    {(s.waitlisted > 0).then(|| view! { <div class="muted small">{format!("ожидают: {}", s.waitlisted)}</div> })}
                </td>
                <td data-label="Статус"><SessionStatusBadge status=s.status /></td>
            </tr>
        }
    };

    let form_opts =
        Signal::derive(|| enum_options(FormOfWork::ALL, FormOfWork::as_str, FormOfWork::label_ru));
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

    let (go_prev, go_next, go_today) = (go.clone(), go.clone(), go);

    view! {
        <section class="page" data-testid="sessions-page">
            <div class="page-head">
                <h1>"Расписание"</h1>
                <div class="actions">
                    <FeedButton />
                    <Show when=move || auth.can(Resource::Session, Action::Create)>
                        <a class="btn btn-primary" href="/sessions/new" data-testid="new-session">
                            "Новое занятие"
                        </a>
                    </Show>
                </div>
            </div>
            <form class="filters" role="search" on:submit=|ev| ev.prevent_default() data-testid="session-filters">
                {select("Тьютор", "tutor_id", "Все тьюторы", tutor_options.into(), |f| f.tutor_id.clone(), |f, v| f.tutor_id = v)}
                {select("Школа", "school_id", "Все школы", school_opts, |f| f.school_id.clone(), |f, v| f.school_id = v)}
                {select("Предмет", "subject_id", "Все предметы", subject_options.into(), |f| f.subject_id.clone(), |f, v| f.subject_id = v)}
                {select("Форма работы", "form", "Все формы", form_opts, |f| f.form.clone(), |f, v| f.form = v)}
                {select("Статус", "status", "Любой", status_opts, |f| f.status.clone(), |f, v| f.status = v)}
                <div class="filter-checks">
                    {check("Только ШНОР", "low_results_only", |f| f.low_results_only, |f, v| f.low_results_only = v)}
                    {check("Мои", "mine", |f| f.mine, |f, v| f.mine = v)}
                    {check("Ожидают журнала", "awaiting_log", |f| f.awaiting_log, |f, v| f.awaiting_log = v)}
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
                        <button type="button" class="btn" data-testid="cal-prev" aria-label="Назад" on:click={
                            let g = go_prev.clone();
                            move |_| g(-1)
                        }>"←"</button>
                        <button type="button" class="btn" data-testid="cal-today-btn" on:click={
                            let g = go_today.clone();
                            move |_| g(0)
                        }>"Сегодня"</button>
                        <button type="button" class="btn" data-testid="cal-next" aria-label="Вперёд" on:click={
                            let g = go_next.clone();
                            move |_| g(1)
                        }>"→"</button>
                    </div>
                </Show>
            </div>
            <Show when=move || filter.with(|f| f.view != "list")>
                <h2 class="cal-heading" data-testid="cal-heading">{heading}</h2>
                <ErrorBanner problem=cal_problem />
                <Show when=move || calendar.with(Option::is_none) && cal_problem.with(Option::is_none)>
                    <p class="loading" data-testid="loading">"Загрузка…"</p>
                </Show>
                <Show when=move || cal_more.get()>
                    <p class="banner banner-info">"Показаны первые 200 занятий: уточните фильтр."</p>
                </Show>
                {grid}
            </Show>
            <Show when=move || filter.with(|f| f.view == "list")>
                <ErrorBanner problem=list.error />
                <p class="total" data-testid="sessions-total">
                    {move || {
                        list.total
                            .get()
                            .map(|t| format!("Найдено: {t} {} с начала учебного года", plural(t, "занятие", "занятия", "занятий")))
                    }}
                </p>
                <Show when=move || list.reloading()>
                    <p class="loading" data-testid="loading">"Загрузка…"</p>
                </Show>
                <Show when=move || list.empty()>
                    <div class="empty" data-testid="empty">
                        <p class="empty-title">"Занятий не найдено"</p>
                        <p class="muted">"Измените условия отбора."</p>
                    </div>
                </Show>
                <Show when=move || !list.items.with(Vec::is_empty)>
                    <table class="table" class:stale=move || list.reloading() data-testid="sessions-table">
                        <thead>
                            <tr>
                                <th scope="col">"Когда"</th>
                                <th scope="col">"Занятие"</th>
                                <th scope="col">"Тьюторы"</th>
                                <th scope="col">"Записано"</th>
                                <th scope="col">"Статус"</th>
                            </tr>
                        </thead>
                        <tbody>
                            <For each=move || list.items.get() key=|s| (s.id.clone(), s.version) children=row />
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
            </Show>
        </section>
    }
}
