//! The week as an hour grid: a column per day headed «пн 14.12», each session a block
//! at its time with title, tutor and place; an empty hour is a link that opens the
//! new-session form with that date and time (`/sessions/new?date=…&start=…&end=…`).

use chrono::{Datelike, NaiveDate, Timelike};
use leptos::prelude::*;
use tutornet_domain::community::{Session, SessionStatus, WorkFormat};

use crate::routes::Route;
use crate::ui::time::{hhmm, local, today};

/// The hours the grid shows (sessions outside still show, pinned to its edge).
const FIRST_HOUR: u32 = 8;
const LAST_HOUR: u32 = 20;
/// Height of one hour in rem.
const HOUR_REM: f64 = 3.5;

pub const WEEKDAYS_LOWER: [&str; 7] = ["пн", "вт", "ср", "чт", "пт", "сб", "вс"];

/// «пн 14.12».
pub fn day_head(d: NaiveDate) -> String {
    format!(
        "{} {:02}.{:02}",
        WEEKDAYS_LOWER[d.weekday().num_days_from_monday() as usize],
        d.day(),
        d.month()
    )
}

/// Where the session is: the consultation point, the room, or «дистанционно».
pub fn place_of(s: &Session) -> String {
    let place = match s.format {
        WorkFormat::Remote => "дистанционно".to_string(),
        WorkFormat::InPerson => s.place.clone().unwrap_or_default(),
    };
    match &s.consultation_point_name {
        Some(p) if place.is_empty() => p.clone(),
        Some(p) => format!("{p}, {place}"),
        None => place,
    }
}

fn block(s: &Session) -> impl IntoView {
    let (a, b) = (local(s.starts_at), local(s.ends_at));
    let hours = |t: chrono::NaiveDateTime| {
        (t.hour() as f64 + t.minute() as f64 / 60.0).clamp(FIRST_HOUR as f64, LAST_HOUR as f64)
    };
    let top = (hours(a) - FIRST_HOUR as f64) * HOUR_REM;
    let height = ((hours(b) - hours(a)) * HOUR_REM).max(1.6);
    let class = match s.status {
        SessionStatus::Planned => "wk-block",
        SessionStatus::Held => "wk-block chip-held",
        SessionStatus::Cancelled => "wk-block chip-cancelled",
    };
    let tutors = s
        .tutors
        .iter()
        .map(|t| t.full_name.clone())
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <a
            class=class
            href=Route::Session(s.id.to_string()).path()
            data-testid="week-session"
            style=format!("top:{top:.2}rem;height:{height:.2}rem")
            title=format!("{}: {}", s.form.label_ru(), s.title)
        >
            <span class="chip-time">{format!("{}–{}", hhmm(s.starts_at), hhmm(s.ends_at))}</span>
            <span class="wk-title">{s.title.clone()}</span>
            <span class="wk-meta">{tutors}</span>
            <span class="wk-meta">{place_of(s)}</span>
        </a>
    }
}

/// The hour grid of the week starting on `start` (a Monday).
pub fn hour_grid(start: NaiveDate, sessions: &[Session], can_create: bool) -> impl IntoView {
    let now = today();
    let hours: Vec<u32> = (FIRST_HOUR..LAST_HOUR).collect();
    let labels = hours
        .iter()
        .map(|h| view! { <div class="wk-hour">{format!("{h:02}:00")}</div> })
        .collect_view();
    let days = (0..7)
        .map(|i| {
            let d = start + chrono::Duration::days(i);
            let mut todays: Vec<&Session> = sessions
                .iter()
                .filter(|s| local(s.starts_at).date() == d)
                .collect();
            todays.sort_by_key(|s| s.starts_at);
            let slots = can_create.then(|| {
                hours
                    .iter()
                    .map(|h| {
                        let href = Route::SessionNew.with(&[
                            ("date", d.format("%Y-%m-%d").to_string()),
                            ("start", format!("{h:02}:00")),
                            ("end", format!("{:02}:00", h + 1)),
                        ]);
                        view! {
                            <a class="wk-slot" href=href data-testid="week-slot"
                                data-date=d.format("%Y-%m-%d").to_string() data-hour=h.to_string()
                                aria-label=format!("Новое занятие {} в {h:02}:00", day_head(d))></a>
                        }
                    })
                    .collect_view()
            });
            view! {
                <div class="wk-col" class:today=d == now data-date=d.format("%Y-%m-%d").to_string()>
                    <div class="wk-head">{day_head(d)}</div>
                    <div class="wk-body" style=format!("height:{:.2}rem", (LAST_HOUR - FIRST_HOUR) as f64 * HOUR_REM)>
                        {slots}
                        {todays.into_iter().map(block).collect_view()}
                    </div>
                </div>
            }
        })
        .collect_view();
    view! {
        <div class="wk-grid" data-testid="week-grid">
            <div class="wk-col wk-hours">
                <div class="wk-head"></div>
                <div class="wk-body">{labels}</div>
            </div>
            {days}
        </div>
    }
}
