//! The school card's activity: its open requests, the sessions answering its requests,
//! the tutors attached to it or its teachers, and the schools it accompanies as a mentor.

use leptos::prelude::*;
use leptos::task::spawn_local;
use tutornet_domain::community::{Request, RequestFilter, Session, SessionFilter};
use tutornet_domain::org::SchoolSupport;

use crate::api;
use crate::routes::Route;
use crate::ui::community::{RequestStatusBadge, SessionStatusBadge};
use crate::ui::time::{date_ru, datetime_ru};
use crate::ui::ErrorBanner;
use tutornet_domain::Problem;

#[component]
pub fn SchoolActivity(id: String) -> impl IntoView {
    let requests = RwSignal::new(None::<Vec<Request>>);
    let sessions = RwSignal::new(None::<Vec<Session>>);
    let support = RwSignal::new(None::<SchoolSupport>);
    let loading = RwSignal::new(true);
    let problem = RwSignal::new(None::<Problem>);
    {
        let id = id.clone();
        spawn_local(async move {
            let f = RequestFilter {
                school_id: Some(id.clone()),
                limit: Some(20),
                ..Default::default()
            };
            // Outside the caller's reach the lists are simply not shown.
            requests.try_set(api::requests::list(&f).await.ok().map(|p| p.items));
            let f = SessionFilter {
                school_id: Some(id.clone()),
                limit: Some(20),
                ..Default::default()
            };
            sessions.try_set(api::sessions::list(&f).await.ok().map(|p| p.items));
            match api::schools::support(&id).await {
                Ok(s) => {
                    support.try_set(Some(s));
                }
                Err(p) => {
                    problem.try_set(Some(p));
                }
            }
            loading.try_set(false);
        });
    }
    let requests_view = move || {
        requests.get().map(|rs| {
            let body = if rs.is_empty() {
                view! { <p class="muted">"Заявок от школы нет."</p> }.into_any()
            } else {
                view! {
                    <ul class="plain-list">
                        {rs.into_iter().map(|r| view! {
                            <li>
                                <a href=Route::Request(r.id.clone()).path()>{r.topic.clone()}</a>
                                " " <RequestStatusBadge status=r.status />
                                <span class="muted small">{format!(" · подана {}", date_ru(r.created_at))}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            };
            view! { <section class="card" data-testid="school-requests"><h2>"Заявки школы"</h2>{body}</section> }
        })
    };
    let sessions_view = move || {
        sessions.get().map(|ss| {
            let body = if ss.is_empty() {
                view! { <p class="muted">"Занятий по заявкам школы нет."</p> }.into_any()
            } else {
                view! {
                    <ul class="plain-list">
                        {ss.into_iter().map(|s| view! {
                            <li>
                                <a href=Route::Session(s.id.clone()).path()>{s.title.clone()}</a>
                                " " <SessionStatusBadge status=s.status />
                                <span class="muted small">{format!(" · {}", datetime_ru(s.starts_at))}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            };
            view! { <section class="card" data-testid="school-sessions"><h2>"Занятия по заявкам школы"</h2>{body}</section> }
        })
    };
    let support_view = move || {
        support.get().map(|s| {
            let tutors = if s.tutors.is_empty() {
                view! { <p class="muted">"Тьюторы за школой не закреплены."</p> }.into_any()
            } else {
                view! {
                    <ul class="plain-list">
                        {s.tutors.into_iter().map(|t| view! {
                            <li>
                                <a href=Route::Member(t.member_id.clone()).path()>{t.full_name.clone()}</a>
                                {t.teacher_name.map(|n| view! { <span class="muted small">{format!(" · сопровождает: {n}")}</span> })}
                            </li>
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            };
            let mentored = (!s.mentored_schools.is_empty()).then(|| view! {
                <h3>"Сопровождает школы"</h3>
                <ul class="chips-list" data-testid="mentored-schools">
                    {s.mentored_schools.into_iter().map(|m| view! {
                        <li><a class="badge" href=Route::School(m.id.clone()).path()>{m.short_name}</a></li>
                    }).collect_view()}
                </ul>
            });
            view! {
                <section class="card" data-testid="school-support">
                    <h2>"Тьюторы школы"</h2>
                    {tutors}
                    {mentored}
                </section>
            }
        })
    };
    view! {
        <div class="school-activity">
            <ErrorBanner problem />
            <Show when=move || loading.get()>
                <p class="loading">"Загрузка…"</p>
            </Show>
            {support_view}
            {requests_view}
            {sessions_view}
        </div>
    }
}
