//! What the session form shows while planning: the request being answered (its problem
//! and desired period) and the chosen tutors' busy times in the week of the chosen date.

use chrono::{Datelike, Duration, NaiveDate, NaiveTime};
use leptos::prelude::*;
use leptos::task::spawn_local;
use tutornet_domain::community::{BusyFilter, BusySlot, Request};
use tutornet_domain::text::{format_date_ru, numero, period_ru};
use tutornet_domain::Problem;

use super::fields::SessionFields;
use crate::api;
use crate::routes::Route;
use crate::ui::time::utc_of_local;

/// The request the session answers: topic, school, problem and desired period.
#[component]
pub fn RequestSummary(request: RwSignal<Option<Request>>) -> impl IntoView {
    move || {
        request.get().map(|r| {
            let period = period_ru(r.period_from, r.period_to)
                .unwrap_or_else(|| "не указан".to_string());
            view! {
                <aside class="card request-summary" data-testid="request-summary">
                    <h2 class="h3">"Заявка, на которую отвечает занятие"</h2>
                    <dl class="props">
                        <dt>"Тема"</dt>
                        <dd><a href=Route::Request(r.id.clone()).path()>{r.topic.clone()}</a></dd>
                        <dt>"Школа"</dt>
                        <dd>{numero(&r.school_name)}</dd>
                        <dt>"Затруднение"</dt>
                        <dd class="pre" data-testid="request-summary-problem">{r.problem.clone()}</dd>
                        <dt>"Желаемый период"</dt>
                        <dd data-testid="request-summary-period">{period}</dd>
                    </dl>
                    <p class="hint">"Дата занятия предложена в желаемом периоде: первый рабочий день, который ещё не прошёл. Чтобы ответить серией, выберите повтор «раз в месяц» или «раз в четверть» внизу формы."</p>
                </aside>
            }
        })
    }
}

/// Monday of the week of `d`.
fn week_start(d: NaiveDate) -> NaiveDate {
    d - Duration::days(d.weekday().num_days_from_monday() as i64)
}

/// The tutors' sessions in the week of the chosen date, read again whenever the tutors
/// or the week change. `own_id`: the tutor planning for themselves when no tutor is
/// chosen; `editing`: the session being edited (not its own conflict).
#[component]
pub fn BusyTimes(
    fields: SessionFields,
    #[prop(into)] own_id: Signal<Option<String>>,
    #[prop(into)] editing: Signal<Option<String>>,
) -> impl IntoView {
    let slots = RwSignal::new(None::<Result<Vec<BusySlot>, Problem>>);
    let generation = StoredValue::new(0u64);
    let tutors = Memo::new(move |_| {
        let mut ids = fields.tutor_ids.get();
        if ids.is_empty() {
            ids.extend(own_id.get());
        }
        ids
    });
    let week = Memo::new(move |_| {
        NaiveDate::parse_from_str(fields.date.get().trim(), "%Y-%m-%d")
            .ok()
            .map(week_start)
    });
    Effect::new(move |_| {
        let (ids, Some(from)) = (tutors.get(), week.get()) else {
            slots.set(None);
            return;
        };
        if ids.is_empty() {
            slots.set(None);
            return;
        }
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        let filter = BusyFilter {
            tutor_ids: ids.join(","),
            from,
            to: from + Duration::days(6),
        };
        spawn_local(async move {
            let r = api::sessions::busy(&filter).await;
            if generation.try_get_value() == Some(mine) {
                slots.try_set(Some(r));
            }
        });
    });
    // The chosen start and end, to mark the sessions they overlap.
    let chosen = move || {
        let d = NaiveDate::parse_from_str(fields.date.get().trim(), "%Y-%m-%d").ok()?;
        let t = |s: RwSignal<String>| NaiveTime::parse_from_str(s.get().trim(), "%H:%M").ok();
        Some((
            d,
            utc_of_local(d, t(fields.start)?)?,
            utc_of_local(d, t(fields.end)?)?,
        ))
    };
    let body = move || {
        let Some(res) = slots.get() else {
            return view! { <p class="muted">"Выберите тьютора и дату, чтобы увидеть его занятость."</p> }.into_any();
        };
        let list = match res {
            Err(p) => return view! { <p class="field-error" role="alert">{format!("Не удалось загрузить занятость: {}", p.detail)}</p> }.into_any(),
            Ok(v) => v,
        };
        let skip = editing.get();
        let list: Vec<BusySlot> = list
            .into_iter()
            .filter(|s| skip.as_deref() != Some(s.session_id.as_str()))
            .collect();
        if list.is_empty() {
            return view! { <p class="muted" data-testid="busy-empty">"На этой неделе у выбранных тьюторов занятий нет."</p> }.into_any();
        }
        let chosen = chosen();
        view! {
            <ul class="busy-list">
                {list.into_iter().map(|s| {
                    let overlaps = chosen.is_some_and(|(_, a, b)| s.starts_at < b && a < s.ends_at);
                    let same_day = chosen.is_some_and(|(d, _, _)| s.local_time.starts_with(&format_date_ru(d)));
                    view! {
                        <li class="busy-slot" class:same-day=same_day class:overlaps=overlaps data-testid="busy-slot">
                            <span class="strong nowrap">{s.local_time.clone()}</span>
                            " — " {s.tutor_name.clone()} ": "
                            <a href=Route::Session(s.session_id.clone()).path() target="_blank">{s.title.clone()}</a>
                            {overlaps.then(|| view! { <span class="badge badge-low" data-testid="busy-overlap">"пересекается с выбранным временем"</span> })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        }.into_any()
    };
    let heading = move || match week.get() {
        Some(w) => format!(
            "Занятость тьюторов: неделя {} – {}",
            format_date_ru(w),
            format_date_ru(w + Duration::days(6))
        ),
        None => "Занятость тьюторов".to_string(),
    };
    view! {
        <fieldset class="fieldset busy-times" data-testid="busy-times">
            <legend>{heading}</legend>
            {body}
            <p class="hint">"Время местное для каждого тьютора. Пересечение проверяется и при сохранении."</p>
        </fieldset>
    }
}
