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

/// The entry the inline form edits: `None` — no form; `Some(None)` — a new entry;
/// `Some(Some(entry))` — that entry of `items`.
pub fn edited<T: Clone + Send + Sync + 'static>(
    editing: RwSignal<Editing>,
    items: RwSignal<Option<Vec<T>>>,
    id_of: fn(&T) -> &str,
) -> Option<Option<T>> {
    let id = editing.get().id()?;
    Some(id.and_then(|id| {
        items.with(|v| {
            v.as_ref()
                .and_then(|v| v.iter().find(|e| id_of(e) == id).cloned())
        })
    }))
}

/// What the inline form calls when it closes: no form any more, and the list read
/// again when something was saved.
pub fn on_form_done(
    editing: RwSignal<Editing>,
    reload: impl Fn() + Send + Sync + 'static,
) -> Callback<bool> {
    Callback::new(move |saved: bool| {
        editing.set(Editing::None);
        if saved {
            reload();
        }
    })
}

/// The buttons of one entry for those who may write: «Изменить» opens the inline form
/// on `id`; `archive`, when given, is the second button («В архив» / «Восстановить»).
#[component]
pub fn EntryActions(
    #[prop(into)] can_write: Signal<bool>,
    editing: RwSignal<Editing>,
    id: String,
    busy: RwSignal<bool>,
    #[prop(optional)] archive: Option<(&'static str, Callback<()>)>,
) -> impl IntoView {
    view! {
        <Show when=move || can_write.get()>
            <td class="actions no-print">
                <button type="button" class="btn btn-link" on:click={
                    let id = id.clone();
                    move |_| editing.set(Editing::Of(id.clone()))
                }>"Изменить"</button>
                {archive.map(|(label, run)| view! {
                    <button type="button" class="btn btn-link" disabled=move || busy.get()
                        on:click=move |_| run.run(())>{label}</button>
                })}
            </td>
        </Show>
    }
}

/// The state of a dictionary's list: still loading (`None`) or its length.
pub fn count_of<T: Send + Sync + 'static>(
    items: RwSignal<Option<Vec<T>>>,
) -> Signal<Option<usize>> {
    Signal::derive(move || items.with(|v| v.as_ref().map(Vec::len)))
}

#[component]
pub fn DictionaryPage(
    title: &'static str,
    add_label: &'static str,
    #[prop(into)] can_write: Signal<bool>,
    editing: RwSignal<Editing>,
    problem: RwSignal<Option<Problem>>,
    /// `None` while the list is loading, then its length.
    count: Signal<Option<usize>>,
    children: Children,
) -> impl IntoView {
    let loading = move || count.get().is_none();
    let empty = move || count.get() == Some(0);
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
            <Show when=move || loading() && problem.with(Option::is_none)>
                <p class="loading" data-testid="loading">"Загрузка…"</p>
            </Show>
            <Show when=empty>
                <p class="muted" data-testid="empty">"Записей пока нет."</p>
            </Show>
            {children()}
        </section>
    }
}
