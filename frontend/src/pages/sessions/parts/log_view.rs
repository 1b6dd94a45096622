//! The log of a held session: attendance (registered, requesters, walk-ins) with each
//! person's presence agreed in gender, academic hours, outcome and difficulties.

use leptos::prelude::*;
use tutornet_domain::community::{attended_ru, hours_ru, hours_word, RegistrationStatus};
use tutornet_domain::community::{SessionDetail, SessionStatus};
use tutornet_domain::text::numero;

use super::para;
use super::CardState;
use crate::ui::time::datetime_ru;

/// One person of the attendance list.
fn person(
    name: String,
    school: Option<String>,
    note: Option<String>,
    attended: Option<bool>,
) -> impl IntoView {
    let badge = attended.map(|a| {
        let class = if a {
            "badge st-done"
        } else {
            "badge badge-archived"
        };
        view! { " " <span class=class>{attended_ru(&name, a)}</span> }
    });
    view! {
        <li data-testid="attendee">
            <span class="strong">{name.clone()}</span>
            {school.as_deref().map(numero).map(|s| view! { <span class="muted small">{format!(" · {s}")}</span> })}
            {note.map(|n| view! { <span class="muted small">{format!(" · {n}")}</span> })}
            {badge}
        </li>
    }
}

#[component]
pub fn LogView(state: CardState) -> impl IntoView {
    let detail = state.detail;
    let log_view = move |d: &SessionDetail| {
        if d.session.status != SessionStatus::Held {
            return None;
        }
        let students = match (&d.students_class, d.students_count) {
            (Some(c), Some(n)) => Some(format!("{c}, {n} чел.")),
            (Some(c), None) => Some(c.clone()),
            (None, Some(n)) => Some(format!("{n} чел.")),
            _ => None,
        };
        let hours = d
            .academic_hours
            .map(|h| format!("{} {}", hours_ru(h), hours_word(h)));
        let regs: Vec<_> = d
            .registrations
            .iter()
            .filter(|r| r.status == RegistrationStatus::Registered)
            .cloned()
            .collect();
        let listed = !(regs.is_empty() && d.requesters.is_empty() && d.walk_ins.is_empty());
        Some(view! {
            <div class="card session-log" data-testid="session-log">
                <h2>"Журнал занятия"</h2>
                <dl class="props">
                    {d.held_at.map(|t| view! { <dt>"Отмечено"</dt><dd>{datetime_ru(t)}</dd> })}
                    <dt>"Присутствовали"</dt>
                    <dd data-testid="attended-count">{format!("{} чел.", d.attended_count)}</dd>
                    {para("Обучающиеся", students)}
                    {hours.map(|h| view! { <dt>"Объём"</dt><dd data-testid="log-hours">{h}</dd> })}
                    {para("Результат", d.outcome.clone())}
                    {para("Трудности во взаимодействии с педагогами", d.difficulties.clone())}
                    {para("Краткое содержание", d.summary.clone())}
                    {para("Служебные заметки", d.private_notes.clone())}
                </dl>
                {listed.then(|| view! {
                    <h3>"Участники"</h3>
                    <ul class="plain-list attendance" data-testid="attendance-list">
                        {regs.into_iter().map(|r| person(r.full_name, r.school_name, None, r.attended)).collect_view()}
                        {d.requesters.iter().cloned().map(|r| person(r.full_name, r.school_name, Some("автор заявки".into()), r.attended)).collect_view()}
                        {d.walk_ins.iter().cloned().map(|w| {
                            let note = match w.position {
                                Some(p) => format!("{p}; без записи"),
                                None => "без записи".to_string(),
                            };
                            person(w.full_name, w.school, Some(note), Some(true))
                        }).collect_view()}
                    </ul>
                })}
            </div>
        })
    };

    move || detail.with(|d| d.as_ref().and_then(&log_view))
}
