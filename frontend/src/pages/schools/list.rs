//! `/schools`: the registry of schools with filters kept in the address bar.

use leptos::prelude::*;
use leptos_router::params::ParamsMap;
use tutornet_domain::org::{School, SchoolFilter};
use tutornet_domain::permissions::{Action, Resource};

use super::parts::{school_columns, school_row};
use crate::api;
use crate::auth::Auth;
use crate::routes::Route;
use crate::ui::filters::{
    address_filter, flag_value, Debounce, FilterField, MunicipalityFilter, SearchField,
};
use crate::ui::layout::{CreateLink, PageHead};
use crate::ui::table::PagedTable;
use crate::ui::Paged;
use crate::util::{non_empty, plural, set_title};

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
            ("is_low_results", flag_value(self.is_low_results)),
            (
                "is_difficult_conditions",
                flag_value(self.is_difficult_conditions),
            ),
            ("is_500plus", flag_value(self.is_500plus)),
            ("is_mentor", flag_value(self.is_mentor)),
            ("include_archived", flag_value(self.include_archived)),
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
    let (filter, set_filter) =
        address_filter(Route::Schools.path(), Filter::from_query, Filter::pairs);

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
    let typing = Debounce::new();
    // The filter as shown on screen: the address plus whatever is typed in the search box.
    let current = move || {
        typing.cancel();
        let mut f = filter.get_untracked();
        f.q = q_input.get_untracked().trim().to_string();
        f
    };
    let apply_q = move || {
        let f = current();
        if f != filter.get_untracked() {
            set_filter.run(f);
        }
    };
    let on_search = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        apply_q();
    };
    let change = move |put: &dyn Fn(&mut Filter)| {
        let mut f = current();
        put(&mut f);
        set_filter.run(f);
    };

    let check = move |label: &'static str,
                      name: &'static str,
                      title: &'static str,
                      get: fn(&Filter) -> bool,
                      put: fn(&mut Filter, bool)| {
        view! {
            <label class="check" title=title>
                <input
                    type="checkbox"
                    name=name
                    prop:checked=move || filter.with(get)
                    on:change:target=move |ev| {
                        let on = ev.target().checked();
                        change(&|f| put(f, on));
                    }
                />
                <span>{label}</span>
            </label>
        }
    };

    let many_municipalities = move || auth.many_municipalities(Resource::School);

    view! {
        <section class="page" data-testid="schools-page">
            <PageHead title="Школы">
                <CreateLink allowed=Signal::derive(move || auth.can(Resource::School, Action::Create)) href=Route::SchoolNew.path() testid="add-school" label="Добавить школу" />
            </PageHead>

            <form class="filters" role="search" on:submit=on_search data-testid="school-filters">
                <SearchField
                    value=q_input
                    placeholder="Название или адрес"
                    debounce=typing
                    on_pause=Callback::new(move |_| apply_q())
                />
                <MunicipalityFilter
                    resource=Resource::School
                    all="Все муниципалитеты"
                    selected=Signal::derive(move || filter.with(|f| f.municipality_id.clone()))
                    on_change=Callback::new(move |v: String| change(&|f| f.municipality_id = v.clone()))
                />
                <FilterField label="Сортировка">
                    <select
                        name="sort"
                        on:change:target=move |ev| {
                            let v = ev.target().value();
                            change(&|f| f.sort = v.clone());
                        }
                    >
                        <option value="" prop:selected=move || filter.with(|f| f.sort.is_empty())>
                            "По названию, А → Я"
                        </option>
                        <option value="-name" prop:selected=move || filter.with(|f| f.sort == "-name")>
                            "По названию, Я → А"
                        </option>
                    </select>
                </FilterField>
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
