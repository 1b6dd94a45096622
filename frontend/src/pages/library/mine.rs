//! `/library/mine` (the user's own materials in every status) and `/library/queue`
//! (the coordinator's moderation queue: versions waiting for a decision, reports).

use leptos::prelude::*;
use leptos::task::spawn_local;
use tutornet_domain::library::LibraryItem;
use tutornet_domain::Problem;

use super::parts::{item_head, LibraryStatusBadge, LibraryTabs};
use crate::api;
use crate::routes::Route;
use crate::ui::layout::PageHead;
use crate::ui::ErrorBanner;
use crate::util::set_title;

#[component]
fn Items(items: RwSignal<Option<Vec<LibraryItem>>>, empty: &'static str) -> impl IntoView {
    move || {
        items.with(|v| v.as_ref().map(|v| {
            if v.is_empty() {
                return view! { <p class="muted" data-testid="library-empty">{empty}</p> }.into_any();
            }
            view! {
                <ul class="plain-list lib-results">
                    {v.iter().map(|i| view! {
                        <li class="card lib-hit" data-testid="library-row">
                            <div class="lib-row-head">
                                <LibraryStatusBadge status=i.status />
                                {i.published_version.filter(|p| *p != i.current_version).map(|p| view! {
                                    <span class="badge st-done">{format!("опубликована версия {p}")}</span>
                                })}
                                {(i.open_reports > 0).then(|| view! { <span class="badge st-warn">{format!("жалоб: {}", i.open_reports)}</span> })}
                            </div>
                            {item_head(i)}
                            <div class="muted small">{format!("{} · версия {} · {}", i.owner_name, i.current_version, crate::ui::time::date_ru(i.updated_at))}</div>
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }))
    }
}

#[component]
pub fn LibraryMinePage() -> impl IntoView {
    set_title("Мои материалы");
    let items = RwSignal::new(None::<Vec<LibraryItem>>);
    let problem = RwSignal::new(None::<Problem>);
    spawn_local(async move {
        match api::library::mine().await {
            Ok(v) => {
                items.try_set(Some(v));
            }
            Err(p) => {
                problem.try_set(Some(p));
            }
        }
    });
    view! {
        <section class="page" data-testid="library-mine">
            <PageHead title="Методическая библиотека">
                <a class="btn btn-primary" href=Route::LibraryNew.path() data-testid="library-new">"Добавить материал"</a>
            </PageHead>
            <LibraryTabs here=Route::LibraryMine />
            <ErrorBanner problem />
            <Items items empty="У вас пока нет материалов." />
        </section>
    }
}

#[component]
pub fn LibraryQueuePage() -> impl IntoView {
    set_title("Модерация материалов");
    let items = RwSignal::new(None::<Vec<LibraryItem>>);
    let problem = RwSignal::new(None::<Problem>);
    spawn_local(async move {
        match api::library::queue().await {
            Ok(v) => {
                items.try_set(Some(v));
            }
            Err(p) => {
                problem.try_set(Some(p));
            }
        }
    });
    view! {
        <section class="page" data-testid="library-queue">
            <PageHead title="Методическая библиотека" />
            <LibraryTabs here=Route::LibraryQueue />
            <p class="lead muted">"Материалы, ожидающие решения, и материалы с жалобами — сначала те, что ждут дольше."</p>
            <ErrorBanner problem />
            <Items items empty="Очередь пуста." />
        </section>
    }
}
