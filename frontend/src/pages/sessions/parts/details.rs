//! The session's properties. Before the start they are its announcement: what, when
//! (local ДД.ММ.ГГГГ ЧЧ:ММ), where (the place or a clickable link), who holds it, for
//! whom, who may register, seats; then the requests it answers, by topic.

use leptos::prelude::*;
use tutornet_domain::community::{SessionDetail, SessionStatus};
use tutornet_domain::text::numero;

use super::CardState;
use crate::routes::Route;
use crate::ui::community::SessionStatusBadge;
use crate::ui::time::{datetime_ru, hhmm};

/// Whether the page is the session's announcement (planned and not yet started).
pub fn is_announcement(d: &SessionDetail) -> bool {
    d.session.status == SessionStatus::Planned && !d.log_open
}

#[component]
pub fn Details(state: CardState) -> impl IntoView {
    let detail = state.detail;

    let details = move |d: &SessionDetail| {
        let s = d.session.clone();
        let when = format!("{}–{}", datetime_ru(s.starts_at), hhmm(s.ends_at));
        let seats = match s.seats {
            Some(n) => format!(
                "записано {} из {n}; свободно {}",
                s.registered,
                (n as i64 - s.registered).max(0)
            ),
            None => format!("записано {} (без ограничения мест)", s.registered),
        };
        let names: Vec<String> = s
            .target_schools
            .iter()
            .map(|t| numero(&t.short_name))
            .collect();
        let open_to = if s.form.is_individual() {
            "Индивидуальная форма: участник — автор заявки, запись не нужна".to_string()
        } else {
            s.open_to
                .notice_ru(&names)
                .unwrap_or_else(|| s.open_to.label_ru().to_string())
        };
        let announcement = is_announcement(d);
        view! {
            {announcement.then(|| view! { <p class="kicker" data-testid="session-announcement">"Анонс занятия"</p> })}
            <dl class="props" data-testid="session-props">
                <dt>"Статус"</dt>
                <dd><SessionStatusBadge status=s.status /></dd>
                <dt>"Дата и время"</dt>
                <dd data-testid="session-when">{when}</dd>
                <dt>"Форма работы"</dt>
                <dd data-testid="session-form">{s.form.label_ru()}</dd>
                <dt>"Предмет"</dt>
                <dd>{s.subject_name.clone().unwrap_or_else(|| "—".to_string())}</dd>
                <dt>{if s.online_link.is_some() { "Подключение" } else { "Место" }}</dt>
                <dd data-testid="session-place">
                    {s.format.label_ru()}
                    {s.place.clone().map(|p| format!(": {p}"))}
                    {s.consultation_point_name.clone().map(|p| format!(" ({p})"))}
                    {s.online_link.clone().map(|l| view! { ": " <a href=l.clone() target="_blank" rel="noopener" data-testid="session-link">{l.clone()}</a> })}
                </dd>
                <dt>{if s.tutors.len() > 1 { "Тьюторы" } else { "Тьютор" }}</dt>
                <dd data-testid="session-tutors">{s.tutors.iter().map(|t| t.full_name.clone()).collect::<Vec<_>>().join(", ")}</dd>
                <dt>"Аудитория"</dt>
                <dd>{s.audience.label_ru()}</dd>
                <dt>"Для кого"</dt>
                <dd data-testid="session-open-to">{open_to}</dd>
                {s.form.is_group().then(|| view! {
                    <dt>"Места"</dt>
                    <dd data-testid="session-seats">
                        {seats}
                        {(s.waitlisted > 0).then(|| format!("; в листе ожидания {}", s.waitlisted))}
                    </dd>
                })}
                {(!d.linked_requests.is_empty()).then(|| view! {
                    <dt>"По заявкам"</dt>
                    <dd>
                        <ul class="plain-list">
                            {d.linked_requests.iter().map(|r| view! {
                                <li>
                                    <a href=Route::Request(r.id.to_string()).path() data-testid="session-request">{format!("«{}»", r.topic)}</a>
                                    {r.school_name.as_deref().map(numero).map(|n| view! { <span class="muted small">{format!(" · {n}")}</span> })}
                                </li>
                            }).collect_view()}
                        </ul>
                    </dd>
                })}
                {s.cancel_reason.clone().map(|r| view! { <dt>"Причина отмены"</dt><dd>{r}</dd> })}
                {s.series_id.is_some().then(|| view! { <dt>"Серия"</dt><dd>"Занятие из повторяющейся серии"</dd> })}
            </dl>
            {(announcement && d.can_manage).then(|| view! {
                <p class="hint no-print" data-testid="log-later">
                    {format!("Журнал занятия откроется с его началом, {}.", datetime_ru(s.starts_at))}
                </p>
            })}
        }
    };

    move || detail.with(|d| d.as_ref().map(&details))
}
