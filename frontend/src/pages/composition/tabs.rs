//! The sub-navigation of the composition section (members, orders, import, nominations).

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use tutornet_domain::permissions::{Action, Resource};

use crate::auth::Auth;
use crate::routes::Route;

/// The sub-navigation of the composition section.
#[component]
pub fn CompositionTabs() -> impl IntoView {
    let auth = Auth::get();
    let location = use_location();
    let item = move |route: Route, label: &'static str| {
        let href = route.path();
        let here = href.clone();
        view! {
            <a
                class="tab"
                class:active=move || location.pathname.with(|p| *p == here)
                href=href
            >
                {label}
            </a>
        }
    };
    view! {
        <nav class="tabs subnav no-print" aria-label="Состав сообщества">
            {item(Route::Composition, "Участники")}
            <Show when=move || auth.can(Resource::Composition, Action::Create)>
                {item(Route::Orders, "Приказы")}
                {item(Route::CompositionImport, "Импорт таблицы")}
            </Show>
            <Show when=move || auth.can(Resource::Nomination, Action::Read)>
                {item(Route::Nominations, "Выдвижения")}
            </Show>
        </nav>
    }
}
