//! The read-only parts of the request card: its properties and its history.

use leptos::prelude::*;
use tutornet_domain::community::RequestDetail;
use tutornet_domain::text::format_date_ru;

use crate::pages::requests::list::StaleFlag;
use crate::pages::requests::parts::series::SeriesSessions;
use crate::routes::Route;
use crate::ui::community::RequestStatusBadge;
use crate::ui::time::datetime_ru;

/// The request's properties.
pub fn request_props(d: &RequestDetail) -> impl IntoView + use<> {
    let r = d.request.clone();
    let period = match (r.period_from, r.period_to) {
        (Some(a), Some(b)) => format!("{} – {}", format_date_ru(a), format_date_ru(b)),
        (Some(a), None) => format!("с {}", format_date_ru(a)),
        (None, Some(b)) => format!("до {}", format_date_ru(b)),
        (None, None) => "—".to_string(),
    };
    let audience = {
        let mut s = r.audience.label_ru().to_string();
        if let Some(c) = r.audience_count {
            s.push_str(&format!(", {c} чел."));
        }
        if let Some(g) = &r.audience_grade {
            s.push_str(&format!(", {g}"));
        }
        s
    };
    view! {
        <dl class="props" data-testid="request-props">
            <dt>"Статус"</dt>
            <dd>
                <span class="badges">
                    <RequestStatusBadge status=r.status />
                    <StaleFlag status=r.status age_days=r.age_days />
                </span>
            </dd>
            <dt>"Форма работы"</dt>
            <dd>{r.form.label_ru()}</dd>
            <dt>"Предмет"</dt>
            <dd>{r.subject_name.clone().unwrap_or_else(|| "—".to_string())}</dd>
            <dt>"Затруднение"</dt>
            <dd class="pre">{r.problem.clone()}</dd>
            <dt>"Аудитория"</dt>
            <dd>{audience}</dd>
            <dt>"Формат"</dt>
            <dd>{r.format.label_ru()}</dd>
            <dt>"Желаемый период"</dt>
            <dd>{period}</dd>
            <dt>"Школа"</dt>
            <dd>{tutornet_domain::text::numero(&r.school_name)}</dd>
            <dt>"Заявитель"</dt>
            <dd>
                {r.requester_name.clone()}
                {r.for_school.then_some(" (от школы)")}
            </dd>
            {(r.channel != tutornet_domain::community::RequestChannel::Platform).then(|| view! {
                <dt>"Поступила"</dt>
                <dd data-testid="request-channel">
                    {r.channel.label_ru()}
                    {r.received_on.map(|d| format!(", {}", format_date_ru(d)))}
                    {r.contact.clone().map(|c| format!("; контакт: {c}"))}
                </dd>
            })}
            <dt>"Тьютор"</dt>
            <dd data-testid="request-tutor">{r.tutor_name.clone().unwrap_or_else(|| "не назначен".to_string())}</dd>
            {r.session_id.clone().map(|sid| {
                let series = r.series_id.is_some();
                view! {
                    <dt>{if series { "Серия занятий" } else { "Занятие" }}</dt>
                    <dd>
                        <a href=Route::Session(sid.to_string()).path() data-testid="request-session">{if series { "Открыть первое занятие серии" } else { "Открыть занятие" }}</a>
                        {r.series_id.clone().map(|series_id| view! {
                            <SeriesSessions series_id />
                            <p class="hint">"Заявка выполнена, когда проведены все занятия серии, или раньше — по отметке координатора «Отметить выполненной»."</p>
                        })}
                    </dd>
                }
            })}
            {r.decline_reason.clone().map(|x| view! {
                <dt>"Причина отклонения"</dt>
                <dd>{x}</dd>
            })}
            <dt>"Подана"</dt>
            <dd>{datetime_ru(r.created_at)}</dd>
        </dl>
    }
}

/// The status changes of the request, oldest first.
pub fn request_history(d: &RequestDetail) -> impl IntoView + use<> {
    let items = d.history.clone();
    view! {
        <ol class="timeline" data-testid="request-history">
            {items
                .into_iter()
                .map(|e| {
                    let change = match e.from_status {
                        Some(f) => format!("{} → {}", f.label_ru(), e.to_status.label_ru()),
                        None => format!("Подана: {}", e.to_status.label_ru()),
                    };
                    view! {
                        <li class="timeline-item" data-testid="history-item">
                            <div class="timeline-head">
                                <span class="strong">{change}</span>
                                <span class="muted small nowrap">{datetime_ru(e.at)}</span>
                            </div>
                            <div class="muted small">{e.actor_name.clone().unwrap_or_else(|| "система".to_string())}</div>
                            {e.comment.clone().map(|c| view! { <p class="timeline-comment pre">{c}</p> })}
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}
