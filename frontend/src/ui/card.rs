//! The card-page scaffold: breadcrumbs, the error banner, «Загрузка…» until the record
//! arrives, then the card itself.

use leptos::prelude::*;
use tutornet_domain::Problem;

use crate::routes::Route;
use crate::ui::ErrorBanner;

/// «Раздел / Страница» above the title.
#[component]
pub fn Crumbs(
    parent: Route,
    parent_label: &'static str,
    #[prop(into)] here: TextProp,
) -> impl IntoView {
    view! {
        <p class="crumbs">
            <a href=parent.path()>{parent_label}</a>
            " / "
            <span>{move || here.get()}</span>
        </p>
    }
}

/// The error banner, then «Загрузка…» while `loaded` is false and there is no problem,
/// then `children`.
#[component]
pub fn CardBody(
    problem: RwSignal<Option<Problem>>,
    #[prop(into)] loaded: Signal<bool>,
    children: ChildrenFn,
) -> impl IntoView {
    view! {
        <ErrorBanner problem />
        <Loaded problem loaded children />
    }
}

/// «Загрузка…» while `loaded` is false and there is no problem, then `children`.
#[component]
pub fn Loaded(
    problem: RwSignal<Option<Problem>>,
    #[prop(into)] loaded: Signal<bool>,
    children: ChildrenFn,
) -> impl IntoView {
    view! {
        <Show
            when=move || loaded.get()
            fallback=move || view! {
                <Show when=move || problem.with(Option::is_none)>
                    <p class="loading" data-testid="loading">"Загрузка…"</p>
                </Show>
            }
        >
            {children()}
        </Show>
    }
}
