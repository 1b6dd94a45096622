//! Tables of records: the column heads, the rows, and the paged form of both (with the
//! «Загрузка…», empty state and «Показать ещё» of [`crate::ui::pager::paged_list`]).

use std::future::Future;
use std::hash::Hash;
use std::sync::Arc;

use leptos::prelude::*;
use tutornet_domain::{Page, Problem};

use crate::ui::pager::paged_list;
use crate::ui::{ErrorBanner, Paged};

/// One column head; `shown`, when given, hides the column while it is false.
#[derive(Clone, Copy)]
pub struct Column {
    pub label: &'static str,
    pub shown: Option<Signal<bool>>,
}

impl Column {
    /// A column shown only while `shown` holds.
    pub fn when(label: &'static str, shown: impl Into<Signal<bool>>) -> Self {
        Self {
            label,
            shown: Some(shown.into()),
        }
    }
}

impl From<&'static str> for Column {
    fn from(label: &'static str) -> Self {
        Self { label, shown: None }
    }
}

/// Columns that are always shown.
pub fn columns(labels: &[&'static str]) -> Vec<Column> {
    labels.iter().copied().map(Column::from).collect()
}

fn head(c: Column) -> AnyView {
    let label = c.label;
    match c.shown {
        None => view! { <th scope="col">{label}</th> }.into_any(),
        Some(shown) => view! {
            <Show when=move || shown.get()>
                <th scope="col">{label}</th>
            </Show>
        }
        .into_any(),
    }
}

/// `<table class="table">` with its heads and `children` as the body rows; `stale` dims
/// it while a changed filter reloads.
#[component]
pub fn Table(
    testid: &'static str,
    columns: Vec<Column>,
    #[prop(into, optional)] stale: Signal<bool>,
    children: Children,
) -> impl IntoView {
    view! {
        <table class="table" class:stale=move || stale.get() data-testid=testid>
            <thead>
                <tr>{columns.into_iter().map(head).collect_view()}</tr>
            </thead>
            <tbody>{children()}</tbody>
        </table>
    }
}

/// The total line above a list: its test id and its text for the total.
pub type TotalLine = (&'static str, fn(i64) -> String);

/// A paged list shown as a [`Table`]: the load error, the total line (`total`: its test id
/// and text), then one `row` per item, keyed by `key`, with «Показать ещё» fetching the
/// next page through `fetch`. With `dim`, the table is dimmed while the first page reloads.
#[component]
pub fn PagedTable<T, F, Fut, K, KF, R, V>(
    list: Paged<T>,
    fetch: F,
    #[prop(optional)] total: Option<TotalLine>,
    empty_title: &'static str,
    #[prop(optional, into)] empty_hint: Option<ViewFn>,
    testid: &'static str,
    columns: Vec<Column>,
    key: KF,
    row: R,
    #[prop(optional)] dim: bool,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    F: Fn(Option<String>) -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<Page<T>, Problem>> + 'static,
    K: Eq + Hash + 'static,
    KF: Fn(&T) -> K + Clone + Send + Sync + 'static,
    R: Fn(T) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let stale = Signal::derive(move || dim && list.reloading());
    let on_more = Callback::new(move |_| list.more(fetch.clone()));
    let rows = paged_list(
        list,
        on_more,
        empty_title,
        empty_hint,
        Arc::new(move || {
            let (key, row) = (key.clone(), row.clone());
            view! {
                <Table testid columns=columns.clone() stale>
                    <For each=move || list.items.get() key children=row />
                </Table>
            }
            .into_any()
        }),
    );
    view! {
        <ErrorBanner problem=list.error />
        {total.map(|(testid, text)| view! { <Total testid total=list.total text /> })}
        {rows}
    }
}

/// «Найдено: N …» above a list, once the total is known.
#[component]
pub fn Total(
    testid: &'static str,
    total: RwSignal<Option<i64>>,
    text: fn(i64) -> String,
) -> impl IntoView {
    view! { <p class="total" data-testid=testid>{move || total.get().map(text)}</p> }
}
