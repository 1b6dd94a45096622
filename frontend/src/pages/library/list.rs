//! `/library`: search over the published materials the user sees — a query in any
//! word form, facets with counts (type, subject, grade, tag), ranked results with the
//! matched words highlighted.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use tutornet_domain::library::{
    FacetCount, LibrarySearch, LibrarySort, MaterialType, SearchResult,
};
use tutornet_domain::{Problem, Role};

use super::parts::{item_head, LibraryTabs, Snippet};
use crate::api;
use crate::auth::Auth;
use crate::routes::Route;
use crate::ui::layout::{CreateLink, PageHead};
use crate::ui::ErrorBanner;
use crate::util::set_title;

/// The chosen facet values.
#[derive(Clone, Default, PartialEq)]
struct Chosen {
    material_type: Option<String>,
    subject_id: Option<String>,
    grade: Option<String>,
    tag: Option<String>,
}

#[component]
fn FacetGroup(
    title: &'static str,
    key: &'static str,
    values: Vec<FacetCount>,
    chosen: RwSignal<Chosen>,
    get: fn(&Chosen) -> Option<String>,
    set: fn(&mut Chosen, Option<String>),
) -> impl IntoView {
    if values.is_empty() {
        return ().into_any();
    }
    view! {
        <div class="lib-facet" data-testid=format!("facet-{key}")>
            <h3>{title}</h3>
            <ul class="plain-list">
                {values.into_iter().map(|f| {
                    let v = f.value.clone();
                    let on = Signal::derive({ let v = v.clone(); move || chosen.with(|c| get(c).as_deref() == Some(v.as_str())) });
                    view! {
                        <li>
                            <button type="button" class="lib-facet-value" class:active=on aria-pressed=move || on.get().to_string()
                                on:click=move |_| chosen.update(|c| { let now = get(c); set(c, if now.as_deref() == Some(v.as_str()) { None } else { Some(v.clone()) }) })>
                                <span>{f.label}</span>" "<span class="muted small">{f.count}</span>
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </div>
    }
    .into_any()
}

#[component]
pub fn LibraryPage() -> impl IntoView {
    set_title("Методическая библиотека");
    let auth = Auth::get();
    let q = RwSignal::new(String::new());
    let sent = RwSignal::new(String::new());
    let chosen = RwSignal::new(Chosen::default());
    let sort = RwSignal::new(String::new());
    let result = RwSignal::new(None::<SearchResult>);
    let problem = RwSignal::new(None::<Problem>);
    Effect::new(move |_| {
        let text = sent.get();
        let c = chosen.get();
        let query = LibrarySearch {
            q: (!text.trim().is_empty()).then(|| text.trim().to_string()),
            material_type: c.material_type.as_deref().and_then(MaterialType::parse),
            subject_id: c.subject_id.clone(),
            grade: c.grade.as_deref().and_then(|g| g.parse().ok()),
            tag: c.tag.clone(),
            sort: LibrarySort::parse(&sort.get()),
            offset: None,
            limit: Some(50),
        };
        spawn_local(async move {
            match api::library::search(&query).await {
                Ok(r) => {
                    problem.try_set(None);
                    result.try_set(Some(r));
                }
                Err(p) => {
                    problem.try_set(Some(p));
                }
            }
        });
    });
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        sent.set(q.get_untracked());
    };
    let facets = move || {
        result.with(|r| r.as_ref().map(|r| {
            let f = r.facets.clone();
            view! {
                <FacetGroup title="Тип материала" key="type" values=f.material_type chosen get=|c| c.material_type.clone() set=|c, v| c.material_type = v />
                <FacetGroup title="Предмет" key="subject" values=f.subject chosen get=|c| c.subject_id.clone() set=|c, v| c.subject_id = v />
                <FacetGroup title="Класс" key="grade" values=f.grade chosen get=|c| c.grade.clone() set=|c, v| c.grade = v />
                <FacetGroup title="Теги" key="tag" values=f.tag chosen get=|c| c.tag.clone() set=|c, v| c.tag = v />
            }
        }))
    };
    let hits = move || {
        result.with(|r| r.as_ref().map(|r| {
            if r.items.is_empty() {
                return view! { <p class="muted" data-testid="library-empty">"Ничего не найдено. Попробуйте другие слова или снимите фильтры."</p> }.into_any();
            }
            view! {
                <p class="muted small" data-testid="library-total">{format!("Найдено: {}", r.total)}</p>
                <ul class="plain-list lib-results">
                    {r.items.iter().map(|h| view! {
                        <li class="card lib-hit" data-testid="library-hit">
                            {item_head(&h.item)}
                            {h.snippet_source.clone().map(|s| view! { <div class="muted small lib-source">{s}</div> })}
                            {(!h.snippet.is_empty()).then(|| view! { <Snippet parts=h.snippet.clone() /> })}
                            <div class="muted small">{format!("{} · просмотров {} · скачиваний {}", h.item.municipality_name, h.item.views, h.item.downloads)}</div>
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }))
    };
    view! {
        <section class="page" data-testid="library-page">
            <PageHead title="Методическая библиотека">
                <CreateLink allowed=Signal::derive(move || auth.role() != Role::Observer && auth.role() != Role::Admin) href=Route::LibraryNew.path() testid="library-new" label="Добавить материал" />
            </PageHead>
            <LibraryTabs here=Route::Library />
            <p class="lead muted">"Методические рекомендации, пособия, материалы подготовки к ГИА и ВПР, кейсы, программы тьюториалов, дидактические листы и КИМ, проверенные координатором сообщества. Ищите словами в любой форме: «программы» найдёт «программа», «ВПР» — «всероссийские проверочные работы»."</p>
            <form class="lib-search" role="search" on:submit=submit>
                <input type="search" name="q" aria-label="Что ищем" placeholder="Например: формирующее оценивание" data-testid="library-q"
                    prop:value=move || q.get() on:input:target=move |ev| q.set(ev.target().value()) />
                <select name="sort" aria-label="Порядок" data-testid="library-sort" prop:value=move || sort.get()
                    on:change:target=move |ev| sort.set(ev.target().value())>
                    <option value="" title="без слов поиска — сначала новые">"По совпадению"</option>
                    {LibrarySort::ALL.iter().filter(|x| **x != LibrarySort::Relevance).map(|x| view! { <option value=x.as_str()>{x.label_ru()}</option> }).collect_view()}
                </select>
                <button type="submit" class="btn btn-primary" data-testid="library-search">"Найти"</button>
            </form>
            <ErrorBanner problem />
            <div class="lib-layout">
                <aside class="lib-facets" aria-label="Фильтры">{facets}</aside>
                <div class="lib-main">{hits}</div>
            </div>
        </section>
    }
}
