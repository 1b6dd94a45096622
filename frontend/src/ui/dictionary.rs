//! The frame of a dictionary page (municipalities, subjects, academic years): the title,
//! «Добавить…» for those who may write, the error, loading and empty states, and which
//! entry the inline form is editing.

use leptos::prelude::*;
use tutornet_domain::Problem;

use crate::ui::ErrorBanner;

/// What the inline form of a dictionary page is doing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Editing {
    None,
    New,
    Of(String),
}

impl Editing {
    /// `None`: no form; `Some(None)`: a new entry; `Some(Some(id))`: that entry.
    pub fn id(&self) -> Option<Option<String>> {
        match self {
            Editing::None => None,
            Editing::New => Some(None),
            Editing::Of(id) => Some(Some(id.clone())),
        }
    }
}

#[component]
pub fn DictionaryPage(
    title: &'static str,
    add_label: &'static str,
    #[prop(into)] can_write: Signal<bool>,
    editing: RwSignal<Editing>,
    problem: RwSignal<Option<Problem>>,
    #[prop(into)] loading: Signal<bool>,
    #[prop(into)] empty: Signal<bool>,
    children: Children,
) -> impl IntoView {
    view! {
        <section class="page narrow" data-testid="dictionary">
            <div class="page-head">
                <h1>{title}</h1>
                <Show when=move || can_write.get() && editing.get() == Editing::None>
                    <button type="button" class="btn btn-primary no-print" data-testid="add-entry"
                        on:click=move |_| editing.set(Editing::New)>{add_label}</button>
                </Show>
            </div>
            <ErrorBanner problem />
            <Show when=move || loading.get() && problem.with(Option::is_none)>
                <p class="loading" data-testid="loading">"Загрузка…"</p>
            </Show>
            <Show when=move || empty.get()>
                <p class="muted" data-testid="empty">"Записей пока нет."</p>
            </Show>
            {children()}
        </section>
    }
}
