//! The sessions of the series answering a request, in time order, with their status.

use leptos::prelude::*;
use tutornet_domain::community::{SessionFilter, SessionStatus};

use crate::api;
use crate::routes::Route;
use crate::ui::community::SessionStatusBadge;
use crate::ui::resource::{ProblemError, ProblemFallback};
use crate::ui::time::datetime_ru;

/// The series' sessions (a request answered by a series is done when all are held).
#[component]
pub fn SeriesSessions(series_id: String) -> impl IntoView {
    let sessions = LocalResource::new(move || {
        let f = SessionFilter {
            series_id: Some(series_id.clone()),
            limit: Some(100),
            ..Default::default()
        };
        async move { api::sessions::list(&f).await.map_err(ProblemError::from) }
    });
    view! {
        <Transition fallback=|| view! { <p class="muted">"Загрузка…"</p> }>
            <ErrorBoundary fallback=|errors| view! { <ProblemFallback errors /> }>
                {move || Suspend::new(async move {
                    sessions.await.map(|page| {
                        let held = page.items.iter().filter(|s| s.status == SessionStatus::Held).count();
                        let cancelled = page.items.iter().filter(|s| s.status == SessionStatus::Cancelled).count();
                        let total = page.items.len() - cancelled;
                        view! {
                            <p class="muted small" data-testid="series-progress">
                                {format!("Проведено {held} из {total}")}
                            </p>
                            <ol class="plain-list series-list" data-testid="series-sessions">
                                {page.items.into_iter().map(|s| view! {
                                    <li>
                                        <a href=Route::Session(s.id.clone()).path()>{datetime_ru(s.starts_at)}</a>
                                        " " <SessionStatusBadge status=s.status />
                                    </li>
                                }).collect_view()}
                            </ol>
                        }
                    })
                })}
            </ErrorBoundary>
        </Transition>
    }
}
