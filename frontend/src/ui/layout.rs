//! The frame of every page behind the login: header, role-aware navigation, content.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{Outlet, A};
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

use crate::auth::Auth;
use crate::routes::Route;
use crate::ui::nav::{menu, within, MenuGroups};
use crate::util::with_query;

/// Sends visitors without a session to `/login?next=…`; one who must change an initial
/// password first sees only that form; the shell otherwise.
#[component]
pub fn Layout() -> impl IntoView {
    let auth = Auth::get();
    let navigate = use_navigate();
    let location = use_location();
    Effect::new(move |_| {
        if !auth.restoring.get() && auth.me.with(Option::is_none) {
            // The router's `search` comes without its «?».
            let path = location.pathname.get_untracked();
            let search = location.search.get_untracked();
            let search = search.trim_start_matches('?');
            let next = if search.is_empty() {
                path
            } else {
                format!("{path}?{search}")
            };
            let target = if next == Route::Home.path() {
                Route::Login.path()
            } else {
                with_query(&Route::Login.path(), &[("next", next)])
            };
            navigate(
                &target,
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
    });
    view! {
        <Show
            when=move || auth.me.with(Option::is_some)
            fallback=|| view! { <div class="splash" data-testid="loading">"Загрузка…"</div> }
        >
            <Show
                when=move || auth.me.with(|m| m.as_ref().is_some_and(|m| !m.must_change_password))
                fallback=|| view! { <crate::pages::first_login::FirstPasswordPage /> }
            >
                <Shell />
            </Show>
        </Show>
    }
}

#[component]
fn Shell() -> impl IntoView {
    let auth = Auth::get();
    let navigate = use_navigate();
    let location = use_location();
    let name = move || auth.me.with(|m| m.as_ref().map(|m| m.full_name.clone()));
    let role = move || auth.role().label_ru();
    let place = move || {
        auth.me.with(|m| {
            m.as_ref().map(|m| {
                m.school_name
                    .as_deref()
                    .map(tutornet_domain::text::numero)
                    .or_else(|| m.municipality_name.clone())
                    .unwrap_or_else(|| m.region_name.clone())
            })
        })
    };
    // The panel of narrow screens and the unfolded group; both fold on every move.
    let panel = RwSignal::new(false);
    let group = RwSignal::new(None::<&'static str>);
    Effect::new(move |_| {
        location.pathname.track();
        location.search.track();
        panel.set(false);
        group.set(None);
    });
    let escape = window_event_listener(leptos::ev::keydown, move |e| {
        if e.key() == "Escape" && panel.get_untracked() {
            panel.set(false);
        }
    });
    on_cleanup(move || escape.remove());
    let outside = window_event_listener(leptos::ev::click, move |e| {
        if panel.get_untracked() && !within(&e, ".topbar") {
            panel.set(false);
        }
    });
    on_cleanup(move || outside.remove());
    let groups = move || {
        auth.me
            .with(|m| m.as_ref().map(menu))
            .map(|groups| view! { <MenuGroups groups open=group /> })
    };
    let logout = move |_| {
        let navigate = navigate.clone();
        spawn_local(async move {
            auth.logout().await;
            navigate(&Route::Login.path(), Default::default());
        });
    };
    view! {
        <div class="app">
            <header class="topbar" class:menu-open=move || panel.get()>
                <div class="topbar-inner">
                    <A href=Route::Home.path() attr:class="brand">
                        <span class="brand-mark">"tutornet"</span>
                        <span class="brand-dash">" — "</span>
                        <span class="brand-sub">"муниципальное сообщество тьюторов"</span>
                    </A>
                    <div class="whoami" data-testid="whoami">
                        <span class="whoami-name" data-testid="user-name">{name}</span>
                        <span class="whoami-role" data-testid="user-role">{role}</span>
                        <span class="whoami-place">{place}</span>
                    </div>
                    <button
                        type="button"
                        class="menu-toggle"
                        data-testid="menu-toggle"
                        aria-controls="main-nav"
                        aria-expanded=move || panel.get().to_string()
                        on:click=move |_| panel.update(|p| *p = !*p)
                    >
                        <span class="menu-icon" aria-hidden="true">
                            {move || if panel.get() { "✕" } else { "☰" }}
                        </span>
                        "Меню"
                    </button>
                </div>
                <nav class="nav" id="main-nav" data-testid="nav" aria-label="Разделы">
                    <div class="nav-inner">
                        <A href=Route::Home.path() exact=true>"Главная"</A>
                        {groups}
                        <crate::ui::community::NotificationsNavLink />
                        <span class="nav-spacer"></span>
                        <A href=Route::Profile.path()>"Профиль"</A>
                        <button type="button" class="nav-logout" data-testid="logout" on:click=logout>
                            "Выйти"
                        </button>
                    </div>
                </nav>
            </header>
            <main class="content" id="content">
                <Outlet />
            </main>
            <footer class="footer">
                "tutornet · муниципальное сообщество тьюторов · "
                {move || auth.me.with(|m| m.as_ref().map(|m| m.region_name.clone()))}
            </footer>
        </div>
    }
}

/// The head of a page: its title and, on the right, `children` (the page's actions).
#[component]
pub fn PageHead(
    title: &'static str,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    view! {
        <div class="page-head">
            <h1>{title}</h1>
            {children.map(|c| c())}
        </div>
    }
}

/// The primary «create» link of a list page, for those `allowed` to create.
#[component]
pub fn CreateLink(
    #[prop(into)] allowed: Signal<bool>,
    href: String,
    testid: &'static str,
    label: &'static str,
) -> impl IntoView {
    view! {
        <Show when=move || allowed.get()>
            <a class="btn btn-primary" href=href.clone() data-testid=testid>
                {label}
            </a>
        </Show>
    }
}

/// «Печать»: the browser's print dialog.
#[component]
pub fn PrintButton(
    #[prop(default = "btn")] class: &'static str,
    #[prop(optional)] testid: Option<&'static str>,
) -> impl IntoView {
    let print = |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    view! {
        <button type="button" class=class data-testid=testid on:click=print>
            "Печать"
        </button>
    }
}
