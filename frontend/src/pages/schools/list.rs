//! `/schools`: the registry of schools with filters kept in the address bar.

use std::time::Duration;

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::params::ParamsMap;
use leptos_router::NavigateOptions;
use tutornet_domain::org::{School, SchoolFilter};
use tutornet_domain::permissions::{Action, Resource};

use super::parts::{school_columns, school_row};
use crate::api;
use crate::auth::Auth;
use crate::routes::Route;
use crate::ui::table::PagedTable;
use crate::ui::Paged;
use crate::util::{non_empty, plural, set_title, with_query};

const PAGE_SIZE: i64 = 50;

/// The list's filter; the same names serve the address bar and the API.
#[derive(Debug, Clone, Default, PartialEq)]
struct Filter {
    q: String,
    municipality_id: String,
    is_low_results: bool,
    is_difficult_conditions: bool,
    is_500plus: bool,
    is_mentor: bool,
    include_archived: bool,
    /// `name` or `-name`.
    sort: String,
}

fn flag(q: &ParamsMap, name: &str) -> bool {
    q.get(name).is_some_and(|v| v == "true" || v == "1")
}

fn yes(b: bool) -> String {
    if b {
        "true".to_string()
    } else {
        String::new()
    }
}

impl Filter {
    fn from_query(q: &ParamsMap) -> Self {
        Self {
            q: q.get("q").unwrap_or_default(),
            municipality_id: q.get("municipality_id").unwrap_or_default(),
            is_low_results: flag(q, "is_low_results"),
            is_difficult_conditions: flag(q, "is_difficult_conditions"),
            is_500plus: flag(q, "is_500plus"),
            is_mentor: flag(q, "is_mentor"),
            include_archived: flag(q, "include_archived"),
            sort: match q.get("sort").as_deref() {
                Some("-name") => "-name".to_string(),
                _ => String::new(),
            },
        }
    }

    fn pairs(&self) -> Vec<(&'static str, String)> {
        vec![
            ("q", self.q.trim().to_string()),
            ("municipality_id", self.municipality_id.clone()),
            ("is_low_results", yes(self.is_low_results)),
            ("is_difficult_conditions", yes(self.is_difficult_conditions)),
            ("is_500plus", yes(self.is_500plus)),
            ("is_mentor", yes(self.is_mentor)),
            ("include_archived", yes(self.include_archived)),
            ("sort", self.sort.clone()),
        ]
    }
    /// The API's filter for one page.
    fn api(&self, cursor: Option<String>) -> SchoolFilter {
        let on = |b: bool| b.then_some(true);
        SchoolFilter {
            q: non_empty(self.q.clone()),
            municipality_id: non_empty(self.municipality_id.clone()),
            is_low_results: on(self.is_low_results),
            is_difficult_conditions: on(self.is_difficult_conditions),
            is_500plus: on(self.is_500plus),
            is_mentor: on(self.is_mentor),
            include_archived: on(self.include_archived),
            sort: non_empty(self.sort.clone()),
            limit: Some(PAGE_SIZE),
            cursor,
        }
    }

    fn is_default(&self) -> bool {
        *self == Filter::default()
    }
}

#[component]
pub fn SchoolsPage() -> impl IntoView {
    set_title("Школы");
    let auth = Auth::get();
    let query = use_query_map();
    let navigate = use_navigate();
    let filter = Memo::new(move |_| query.with(Filter::from_query));
    let set_filter = move |f: Filter| {
        navigate(
            &with_query(&Route::Schools.path(), &f.pairs()),
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    };

    let list = Paged::<School>::new();
    let fetch = move |cursor: Option<String>| {
        let query = filter.get_untracked().api(cursor);
        async move { api::schools::list(&query).await }
    };
    Effect::new(move |_| {
        filter.track();
        list.load(None, fetch);
    });

    // The search box updates the address (and so the list) 300 ms after the last key.
    // Follows the address when it changes from elsewhere (a link, back button).
    let q_input = RwSignal::new(filter.get_untracked().q);
    let filter_q = Memo::new(move |_| filter.with(|f| f.q.clone()));
    Effect::new(move |_| {
        let fq = filter_q.get();
        if q_input.get_untracked().trim() != fq.trim() {
            q_input.set(fq);
        }
    });
    let typing = StoredValue::new(0u32);
    // The filter as shown on screen: the address plus whatever is typed in the search box.
    let current = move || {
        typing.update_value(|t| *t = t.wrapping_add(1));
        let mut f = filter.get_untracked();
        f.q = q_input.get_untracked().trim().to_string();
        f
    };
    let apply_q = {
        let set_filter = set_filter.clone();
        move || {
            let f = current();
            if f != filter.get_untracked() {
                set_filter(f);
            }
        }
    };
    let on_q_input = {
        let apply_q = apply_q.clone();
        move |v: String| {
            q_input.set(v);
            let my = typing.get_value().wrapping_add(1);
            typing.set_value(my);
            let apply_q = apply_q.clone();
            set_timeout(
                move || {
                    // Not superseded by another key or by a filter change.
                    if typing.try_get_value() == Some(my) {
                        apply_q();
                    }
                },
                Duration::from_millis(300),
            );
        }
    };
    let on_search = {
        let apply_q = apply_q.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            apply_q();
        }
    };

    let check = {
        let set_filter = set_filter.clone();
        move |label: &'static str,
              name: &'static str,
              title: &'static str,
              get: fn(&Filter) -> bool,
              put: fn(&mut Filter, bool)| {
            let set_filter = set_filter.clone();
            view! {
                <label class="check" title=title>
                    <input
                        type="checkbox"
                        name=name
                        prop:checked=move || filter.with(get)
                        on:change:target=move |ev| {
                            let mut f = current();
                            put(&mut f, ev.target().checked());
                            set_filter(f);
                        }
                    />
                    <span>{label}</span>
                </label>
            }
        }
    };

    let many_municipalities = move || auth.many_municipalities(Resource::School);
    let municipality_select = {
        let set_filter = set_filter.clone();
        move || {
            let set_filter = set_filter.clone();
            many_municipalities().then(|| {
                let options = auth.municipality_choices(Resource::School);
                view! {
                    <label class="filter-field">
                        <span class="filter-label">"Муниципалитет"</span>
                        <select
                            name="municipality_id"
                            on:change:target=move |ev| {
                                let mut f = current();
                                f.municipality_id = ev.target().value();
                                set_filter(f);
                            }
                        >
                            <option value="" prop:selected=move || filter.with(|f| f.municipality_id.is_empty())>
                                "Все муниципалитеты"
                            </option>
                            {options
                                .into_iter()
                                .map(|m| {
                                    let id = m.id.clone();
                                    view! {
                                        <option
                                            value=m.id.clone()
                                            prop:selected=move || filter.with(|f| f.municipality_id == id)
                                        >
                                            {m.name}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                    </label>
                }
            })
        }
    };

    let on_sort = {
        let set_filter = set_filter.clone();
        move |ev: leptos::ev::Targeted<leptos::ev::Event, web_sys::HtmlSelectElement>| {
            let mut f = current();
            f.sort = ev.target().value();
            set_filter(f);
        }
    };

    view! {
        <section class="page" data-testid="schools-page">
            <div class="page-head">
                <h1>"Школы"</h1>
                <Show when=move || auth.can(Resource::School, Action::Create)>
                    <a class="btn btn-primary" href=Route::SchoolNew.path() data-testid="add-school">
                        "Добавить школу"
                    </a>
                </Show>
            </div>

            <form class="filters" role="search" on:submit=on_search data-testid="school-filters">
                <label class="filter-field filter-q">
                    <span class="filter-label">"Поиск"</span>
                    <input
                        type="search"
                        name="q"
                        placeholder="Название или адрес"
                        autocomplete="off"
                        prop:value=move || q_input.get()
                        on:input:target=move |ev| on_q_input(ev.target().value())
                    />
                </label>
                {municipality_select}
                <label class="filter-field">
                    <span class="filter-label">"Сортировка"</span>
                    <select name="sort" on:change:target=on_sort>
                        <option value="" prop:selected=move || filter.with(|f| f.sort.is_empty())>
                            "По названию, А → Я"
                        </option>
                        <option value="-name" prop:selected=move || filter.with(|f| f.sort == "-name")>
                            "По названию, Я → А"
                        </option>
                    </select>
                </label>
                <div class="filter-checks">
                    {check(
                        "ШНОР",
                        "is_low_results",
                        "Школы с низкими образовательными результатами",
                        |f| f.is_low_results,
                        |f, v| f.is_low_results = v,
                    )}
                    {check(
                        "ШССУ",
                        "is_difficult_conditions",
                        "Школы в сложных социальных условиях",
                        |f| f.is_difficult_conditions,
                        |f, v| f.is_difficult_conditions = v,
                    )}
                    {check(
                        "500+",
                        "is_500plus",
                        "Участники проекта «500+»",
                        |f| f.is_500plus,
                        |f, v| f.is_500plus = v,
                    )}
                    {check(
                        "Школа-наставник",
                        "is_mentor",
                        "Школы-наставники",
                        |f| f.is_mentor,
                        |f, v| f.is_mentor = v,
                    )}
                    {check(
                        "Показать архивные",
                        "include_archived",
                        "Показать и архивные школы",
                        |f| f.include_archived,
                        |f, v| f.include_archived = v,
                    )}
                    <Show when=move || !filter.with(Filter::is_default)>
                        <a class="reset-filters" href=Route::Schools.path() data-testid="reset-filters">
                            "Сбросить фильтры"
                        </a>
                    </Show>
                </div>

            </form>

            <PagedTable
                list
                fetch
                total=("schools-total", |t| format!("Найдено: {t} {}", plural(t, "школа", "школы", "школ")))
                empty_title="Школы не найдены"
                empty_hint=|| "Измените условия поиска или сбросьте фильтры."
                testid="schools-table"
                dim=true
                columns=school_columns(Signal::derive(many_municipalities))
                key=|s: &School| (s.id.clone(), s.meta.version)
                row=school_row(Signal::derive(many_municipalities))
            />
        </section>
    }
}
