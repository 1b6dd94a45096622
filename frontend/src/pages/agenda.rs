//! «Мои дела» on the start page: the sections the API assembles for the caller's role,
//! each item with its next step; urgent ones stand out.

use leptos::prelude::*;
use leptos::task::spawn_local;
use tutornet_domain::agenda::{Agenda, AgendaItem, AgendaSection};
use tutornet_domain::Problem;

use crate::api;
use crate::ui::time::datetime_ru;
use crate::ui::ErrorBanner;

fn item(i: AgendaItem) -> impl IntoView {
    let when = i.at.map(datetime_ru);
    view! {
        <li class="agenda-item" class:urgent=i.urgent data-testid="agenda-item">
            <a href=i.link class="agenda-title">{i.title}</a>
            {when.map(|w| view! { <span class="agenda-when">{w}</span> })}
            <span class="agenda-detail muted">{i.detail}</span>
            <span class="agenda-step">{i.step}</span>
        </li>
    }
}

fn section(s: AgendaSection) -> impl IntoView {
    let testid = format!("agenda-{}", s.key);
    let count = s.items.len();
    let items = s.items;
    view! {
        <section class="card agenda-section" data-testid=testid>
            <h2>{s.title} <span class="badge">{count}</span></h2>
            {if items.is_empty() {
                view! { <p class="muted">{s.empty}</p> }.into_any()
            } else {
                view! { <ul class="agenda-list">{items.into_iter().map(item).collect_view()}</ul> }
                    .into_any()
            }}
            {s.more.map(|m| view! { <a class="more" href=m>"Все →"</a> })}
        </section>
    }
}

/// The caller's agenda, loaded once.
#[component]
pub fn AgendaPanel() -> impl IntoView {
    let agenda = RwSignal::new(None::<Agenda>);
    let problem = RwSignal::new(None::<Problem>);
    spawn_local(async move {
        match api::dashboard::agenda().await {
            Ok(a) => {
                agenda.try_set(Some(a));
            }
            Err(p) => {
                problem.try_set(Some(p));
            }
        }
    });
    view! {
        <div class="agenda" data-testid="agenda">
            <ErrorBanner problem />
            {move || match agenda.get() {
                Some(a) => a.sections.into_iter().map(section).collect_view().into_any(),
                None => view! { <p class="loading">"Загрузка…"</p> }.into_any(),
            }}
        </div>
    }
}
