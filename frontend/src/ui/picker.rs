//! Reference pick-lists that never stop at the first page: the options are read to the
//! last `next_cursor` (see `api::*::list_all`), reloaded when their key (e.g. the
//! municipality) changes, and answers to a superseded key are dropped.

use std::future::Future;

use leptos::prelude::*;
use leptos::task::spawn_local;
use tutornet_domain::org::SchoolFilter;
use tutornet_domain::text::sort_ru;
use tutornet_domain::Problem;

use crate::api;
use crate::ui::SelectField;

/// (value, label) options loaded by `load` for the current `key`; an empty key gives no
/// options. `done` sees every fresh list (e.g. to drop a choice that is no longer there).
pub fn reference_options<Fut>(
    key: Signal<String>,
    load: impl Fn(String) -> Fut + Copy + 'static,
    done: impl Fn(&[(String, String)]) + Copy + 'static,
) -> RwSignal<Vec<(String, String)>>
where
    Fut: Future<Output = Vec<(String, String)>> + 'static,
{
    let options = RwSignal::new(Vec::new());
    let seq = StoredValue::new(0u32);
    Effect::new(move |_| {
        let k = key.get();
        let my = seq.get_value().wrapping_add(1);
        seq.set_value(my);
        if k.is_empty() {
            options.set(Vec::new());
            return;
        }
        spawn_local(async move {
            let list = load(k).await;
            if seq.try_get_value() != Some(my) {
                return;
            }
            done(&list);
            options.try_set(list);
        });
    });
    options
}

/// Every school of a municipality as (id, short name), sorted.
pub async fn schools_of(municipality_id: String) -> Vec<(String, String)> {
    let filter = SchoolFilter {
        municipality_id: Some(municipality_id),
        ..Default::default()
    };
    let mut items = api::schools::list_all(&filter).await.unwrap_or_default();
    sort_ru(&mut items, |s| &s.short_name);
    items
        .into_iter()
        .map(|s| (s.id, tutornet_domain::text::numero(&s.short_name)))
        .collect()
}

/// A school of the chosen municipality; a chosen school that is not among the
/// municipality's schools is cleared.
#[component]
pub fn SchoolPicker(
    label: &'static str,
    name: &'static str,
    value: RwSignal<String>,
    #[prop(into)] municipality_id: Signal<String>,
    problem: RwSignal<Option<Problem>>,
    #[prop(optional)] placeholder: Option<&'static str>,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let options = reference_options(municipality_id, schools_of, move |list| {
        let v = value.get_untracked();
        if !v.is_empty() && !list.iter().any(|(id, _)| *id == v) {
            value.try_set(String::new());
        }
    });
    let placeholder = placeholder.unwrap_or("— выберите школу —");
    view! { <SelectField label name value options problem placeholder required /> }
}
