//! The week and month calendars of the schedule, and a row of its list view.

use chrono::{Datelike, Duration as Days, NaiveDate, NaiveTime};
use leptos::prelude::*;
use leptos::task::spawn_local;
use tutornet_domain::community::{Session, SessionStatus};
use tutornet_domain::page::MAX_LIMIT;
use tutornet_domain::text::format_date_ru;
use tutornet_domain::Problem;

use super::filter::Filter;
use super::week::hour_grid;
use crate::api;
use crate::routes::Route;
use crate::ui::community::SessionStatusBadge;
use crate::ui::time::{hhmm, local, today, utc_of_local};
use crate::ui::ErrorBanner;

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

/// One session in a calendar cell.
fn chip(s: &Session) -> impl IntoView {
    let class = match s.status {
        SessionStatus::Planned => "chip",
        SessionStatus::Held => "chip chip-held",
        SessionStatus::Cancelled => "chip chip-cancelled",
    };
    view! {
        <a class=class href=Route::Session(s.id.to_string()).path() data-testid="calendar-session" title=s.form.label_ru()>
            <span class="chip-time">{format!("{}–{}", hhmm(s.starts_at), hhmm(s.ends_at))}</span>
            <span class="chip-title">{s.title.clone()}</span>
        </a>
    }
}

/// Everything in the visible week or month (at most 200 sessions), day by day.
#[component]
pub fn Calendar(filter: Memo<Filter>, can_create: Signal<bool>) -> impl IntoView {
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
        let q = f.query(
            utc_of_local(a, midnight),
            utc_of_local(b, midnight),
            MAX_LIMIT,
            None,
        );
        let my = seq.get_value().wrapping_add(1);
        seq.set_value(my);
        calendar.set(None);
        cal_problem.set(None);
        spawn_local(async move {
            let res = api::sessions::list(&q).await;
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
                let count = todays.len();
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
                            {(count > 0).then(|| view! { <span class="cal-count" data-testid="cal-count">{format!("{count} зан.")}</span> })}
                        </div>
                        {chips}
                    </div>
                }
            })
            .collect_view();
        let empty = sessions.is_empty();
        let week_grid = (f.view == "week").then(|| hour_grid(a, &sessions, can_create.get()));
        Some(view! {
            {week_grid}
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

    view! {
                <h2 class="cal-heading" data-testid="cal-heading">{heading}</h2>
                <ErrorBanner problem=cal_problem />
                <Show when=move || calendar.with(Option::is_none) && cal_problem.with(Option::is_none)>
                    <p class="loading" data-testid="loading">"Загрузка…"</p>
                </Show>
                <Show when=move || cal_more.get()>
                    <p class="banner banner-info">"Показаны первые 200 занятий: уточните фильтр."</p>
                </Show>
                {grid}
    }
}

/// One session as a row of the list view.
pub fn session_row(s: Session) -> impl IntoView {
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
                <a class="strong" href=Route::Session(s.id.to_string()).path()>{s.title.clone()}</a>
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
}
