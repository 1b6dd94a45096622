//! The session's properties: when, form, place, tutors, seats, linked requests.

use leptos::prelude::*;
use tutornet_domain::community::SessionDetail;
use tutornet_domain::text::format_date_ru;

use super::CardState;
use crate::routes::Route;
use crate::ui::community::SessionStatusBadge;
use crate::ui::time::{hhmm, local};

#[component]
pub fn Details(state: CardState) -> impl IntoView {
    let detail = state.detail;

    let details = move |d: &SessionDetail| {
        let s = d.session.clone();
        let when = format!(
            "{}, {}–{}",
            format_date_ru(local(s.starts_at).date()),
            hhmm(s.starts_at),
            hhmm(s.ends_at)
        );
        let seats = match s.seats {
            Some(n) => format!(
                "записано {} из {n}; свободно {}",
                s.registered,
                (n as i64 - s.registered).max(0)
            ),
            None => format!("записано {} (без ограничения мест)", s.registered),
        };
        view! {
            <dl class="props" data-testid="session-props">
                <dt>"Статус"</dt>
                <dd><SessionStatusBadge status=s.status /></dd>
                <dt>"Когда"</dt>
                <dd data-testid="session-when">{when}</dd>
                <dt>"Форма работы"</dt>
                <dd>{s.form.label_ru()}</dd>
                <dt>"Предмет"</dt>
                <dd>{s.subject_name.clone().unwrap_or_else(|| "—".to_string())}</dd>
                <dt>"Формат"</dt>
                <dd>
                    {s.format.label_ru()}
                    {s.place.clone().map(|p| format!(": {p}"))}
                    {s.online_link.clone().map(|l| view! { ": " <a href=l.clone() target="_blank" rel="noopener">{l.clone()}</a> })}
                </dd>
                <dt>"Аудитория"</dt>
                <dd>{s.audience.label_ru()}</dd>
                <dt>"Тьюторы"</dt>
                <dd>{s.tutors.iter().map(|t| t.full_name.clone()).collect::<Vec<_>>().join(", ")}</dd>
                <dt>"Места"</dt>
                <dd data-testid="session-seats">
                    {seats}
                    {(s.waitlisted > 0).then(|| format!("; в листе ожидания {}", s.waitlisted))}
                </dd>
                {(!s.request_ids.is_empty()).then(|| view! {
                    <dt>"По заявкам"</dt>
                    <dd>
                        {s.request_ids.iter().enumerate().map(|(i, r)| view! {
                            {(i > 0).then_some(", ")}
                            <a href=Route::Request(r.to_string()).path() data-testid="session-request">{format!("заявка {}", i + 1)}</a>
                        }).collect_view()}
                    </dd>
                })}
                {s.cancel_reason.clone().map(|r| view! { <dt>"Причина отмены"</dt><dd>{r}</dd> })}
                {s.series_id.is_some().then(|| view! { <dt>"Серия"</dt><dd>"Занятие из повторяющейся серии"</dd> })}
            </dl>
        }
    };

    move || detail.with(|d| d.as_ref().map(&details))
}
