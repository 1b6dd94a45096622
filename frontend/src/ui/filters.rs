//! The filter bars above the lists: the search box (applied 300 ms after the last key),
//! labelled filter fields, the municipality choice, and filters kept in the address bar.

use std::time::Duration;

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::params::ParamsMap;
use leptos_router::NavigateOptions;
use tutornet_domain::permissions::Resource;

use crate::auth::Auth;
use crate::util::with_query;

/// How long the search box waits after the last key.
const TYPING_PAUSE: Duration = Duration::from_millis(300);

/// A call put off until the typing pauses; a newer call (or [`Debounce::cancel`])
/// supersedes the pending one.
#[derive(Clone, Copy)]
pub struct Debounce(StoredValue<u32>);

impl Default for Debounce {
    fn default() -> Self {
        Self::new()
    }
}

impl Debounce {
    pub fn new() -> Self {
        Self(StoredValue::new(0))
    }

    /// Forgets the pending call.
    pub fn cancel(&self) {
        self.0.update_value(|t| *t = t.wrapping_add(1));
    }

    /// Runs `f` after the pause, unless superseded meanwhile.
    pub fn run(&self, f: impl FnOnce() + 'static) {
        self.cancel();
        let (seq, my) = (self.0, self.0.get_value());
        set_timeout(
            move || {
                if seq.try_get_value() == Some(my) {
                    f();
                }
            },
            TYPING_PAUSE,
        );
    }
}

/// «Поиск»: the text box bound to `value`; `on_pause` runs once the typing pauses.
#[component]
pub fn SearchField(
    value: RwSignal<String>,
    placeholder: &'static str,
    on_pause: Callback<()>,
    #[prop(optional)] debounce: Option<Debounce>,
) -> impl IntoView {
    let debounce = debounce.unwrap_or_default();
    view! {
        <label class="filter-field filter-q">
            <span class="filter-label">"Поиск"</span>
            <input
                type="search"
                name="q"
                placeholder=placeholder
                autocomplete="off"
                prop:value=move || value.get()
                on:input:target=move |ev| {
                    value.set(ev.target().value());
                    debounce.run(move || on_pause.run(()));
                }
            />
        </label>
    }
}

/// One labelled control of a filter bar.
#[component]
pub fn FilterField(label: &'static str, children: Children) -> impl IntoView {
    view! {
        <label class="filter-field">
            <span class="filter-label">{label}</span>
            {children()}
        </label>
    }
}

/// «Муниципалитет», only for those who work with several municipalities of `resource`;
/// the empty first option is `all`.
#[component]
pub fn MunicipalityFilter(
    resource: Resource,
    all: &'static str,
    #[prop(into)] selected: Signal<String>,
    on_change: Callback<String>,
) -> impl IntoView {
    let auth = Auth::get();
    view! {
        <Show when=move || auth.many_municipalities(resource)>
            <FilterField label="Муниципалитет">
                <select
                    name="municipality_id"
                    on:change:target=move |ev| on_change.run(ev.target().value())
                >
                    <option value="" prop:selected=move || selected.with(String::is_empty)>
                        {all}
                    </option>
                    {move || {
                        auth.municipality_choices(resource)
                            .into_iter()
                            .map(|m| {
                                let id = m.id.clone();
                                view! {
                                    <option value=m.id prop:selected=move || selected.with(|s| *s == id)>
                                        {m.name}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
            </FilterField>
        </Show>
    }
}

/// A filter kept in the address bar of `path`: read with `parse`, written with `pairs`.
pub fn address_filter<F>(
    path: String,
    parse: fn(&ParamsMap) -> F,
    pairs: fn(&F) -> Vec<(&'static str, String)>,
) -> (Memo<F>, Callback<F>)
where
    F: Clone + PartialEq + Send + Sync + 'static,
{
    let query = use_query_map();
    let navigate = use_navigate();
    let filter = Memo::new(move |_| query.with(parse));
    let set = Callback::new(move |f: F| {
        navigate(
            &with_query(&path, &pairs(&f)),
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    });
    (filter, set)
}

/// `"true"` for a set flag, nothing otherwise (as the address bar writes it).
pub fn flag_value(on: bool) -> String {
    if on {
        "true".to_string()
    } else {
        String::new()
    }
}

/// The hint under an empty list: «Измените условия отбора.» only when a filter is set
/// (otherwise the list is simply empty and `unfiltered` says what fills it).
pub fn empty_hint(filtered: bool, unfiltered: &'static str) -> &'static str {
    if filtered {
        "Измените условия отбора."
    } else {
        unfiltered
    }
}
