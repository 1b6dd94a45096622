//! Cursor pagination: a list state that loads the first page and appends the next ones.

use std::future::Future;

use leptos::prelude::*;
use leptos::task::spawn_local;
use tutornet_domain::{Page, Problem};

/// The state of a list fetched page by page with `next_cursor`.
pub struct Paged<T: Send + Sync + 'static> {
    pub items: RwSignal<Vec<T>>,
    /// `None` before the first answer.
    pub total: RwSignal<Option<i64>>,
    pub next: RwSignal<Option<String>>,
    pub loading: RwSignal<bool>,
    /// Whether the request in flight appends a page (rather than replacing the list).
    pub appending: RwSignal<bool>,
    pub error: RwSignal<Option<Problem>>,
    seq: StoredValue<u32>,
}

impl<T: Send + Sync + 'static> Clone for Paged<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Paged<T> {}

impl<T: Clone + Send + Sync + 'static> Default for Paged<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T: Clone + Send + Sync + 'static> Paged<T> {
    pub fn new() -> Self {
        Self {
            items: RwSignal::new(Vec::new()),
            total: RwSignal::new(None),
            next: RwSignal::new(None),
            loading: RwSignal::new(false),
            appending: RwSignal::new(false),
            error: RwSignal::new(None),
            seq: StoredValue::new(0),
        }
    }

    /// Loads the first page (replacing the items) or, with a cursor, the following one.
    /// Answers to superseded requests are dropped.
    pub fn load<Fut>(&self, cursor: Option<String>, fetch: impl FnOnce(Option<String>) -> Fut)
    where
        Fut: Future<Output = Result<Page<T>, Problem>> + 'static,
    {
        let this = *self;
        let append = cursor.is_some();
        let my = self.seq.get_value().wrapping_add(1);
        self.seq.set_value(my);
        self.loading.set(true);
        self.appending.set(append);
        self.error.set(None);
        let fut = fetch(cursor);
        spawn_local(async move {
            let res = fut.await;
            if this.seq.try_get_value() != Some(my) {
                return;
            }
            match res {
                Ok(page) => {
                    if append {
                        this.items.try_update(|v| v.extend(page.items));
                    } else {
                        this.items.try_set(page.items);
                    }
                    this.total.try_set(Some(page.total));
                    this.next.try_set(page.next_cursor);
                }
                Err(p) => {
                    if !append {
                        this.items.try_set(Vec::new());
                        this.total.try_set(None);
                        this.next.try_set(None);
                    }
                    this.error.try_set(Some(p));
                }
            }
            this.loading.try_set(false);
        });
    }

    /// The first page is being (re)loaded (tracked).
    pub fn reloading(&self) -> bool {
        self.loading.get() && !self.appending.get()
    }

    /// Loaded, and nothing matches (tracked).
    pub fn empty(&self) -> bool {
        !self.loading.get() && self.error.with(Option::is_none) && self.total.get() == Some(0)
    }

    pub fn more<Fut>(&self, fetch: impl FnOnce(Option<String>) -> Fut)
    where
        Fut: Future<Output = Result<Page<T>, Problem>> + 'static,
    {
        if let Some(c) = self.next.get_untracked() {
            self.load(Some(c), fetch);
        }
    }
}

/// «Показано N из M» and the «Показать ещё» button.
#[component]
pub fn LoadMore(
    #[prop(into)] shown: Signal<usize>,
    #[prop(into)] total: Signal<Option<i64>>,
    #[prop(into)] has_more: Signal<bool>,
    #[prop(into)] loading: Signal<bool>,
    on_more: Callback<()>,
) -> impl IntoView {
    view! {
        <div class="pager" data-testid="pager">
            <span class="muted">
                {move || {
                    total
                        .get()
                        .map(|t| {
                            let n = shown.get();
                            if n as i64 >= t {
                                format!("Показаны все: {t}")
                            } else {
                                format!("Показано {n} из {t}")
                            }
                        })
                }}
            </span>
            <Show when=move || has_more.get()>
                <button
                    type="button"
                    class="btn"
                    data-testid="load-more"
                    disabled=move || loading.get()
                    on:click=move |_| on_more.run(())
                >
                    {move || if loading.get() { "Загрузка…" } else { "Показать ещё" }}
                </button>
            </Show>
        </div>
    }
}

/// One paged list on a page: «Загрузка…» while the first page loads, the empty state
/// when nothing matches, then the items (`children`, e.g. a table) with «Показано N из M»
/// and «Показать ещё». [`crate::ui::table::PagedTable`] adds the error banner and the
/// total line.
pub fn paged_list<T: Clone + Send + Sync + 'static>(
    list: Paged<T>,
    on_more: Callback<()>,
    empty_title: &'static str,
    empty_hint: Option<ViewFn>,
    children: ChildrenFn,
) -> impl IntoView {
    let hint = empty_hint.map(|h| view! { <p class="muted">{move || h.run()}</p> });
    view! {
        <Show when=move || list.reloading()>
            <p class="loading" data-testid="loading">"Загрузка…"</p>
        </Show>
        <Show when=move || list.empty()>
            <div class="empty" data-testid="empty">
                <p class="empty-title">{empty_title}</p>
                {hint.clone()}
            </div>
        </Show>
        <Show when=move || !list.items.with(Vec::is_empty)>
            {children()}
            <LoadMore
                shown=Signal::derive(move || list.items.with(Vec::len))
                total=list.total
                has_more=Signal::derive(move || list.next.with(Option::is_some))
                loading=list.loading
                on_more
            />
        </Show>
    }
}
