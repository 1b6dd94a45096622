//! The main menu: the sections grouped by what they are for («Работа», «Сообщество»,
//! «Справочники», «Контроль»), each role seeing only what it may use. On wide screens a
//! group is a button opening its list; on narrow ones (≤ 760 px) the whole menu is a panel
//! behind «Меню» and the groups are headed lists.

use leptos::ev;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;
use tutornet_domain::auth::Me;
use tutornet_domain::permissions::{allows, scope, Action, Resource, Scope};
use tutornet_domain::Role;
use wasm_bindgen::JsCast;

use crate::routes::Route;

/// One entry of the menu.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub label: &'static str,
    pub route: Route,
}

/// A group of entries; a group of one is shown as that entry alone.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub key: &'static str,
    pub label: &'static str,
    pub items: Vec<Item>,
}

/// The menu of `me`: only the sections the role may open, grouped when there are many.
/// Whoever works with one school (teachers, school administrators) gets its card, not a
/// list of one.
pub fn menu(me: &Me) -> Vec<Group> {
    let role = me.role;
    let reads = |r: Resource| scope(role, r, Action::Read);
    let item = |label, route| Item { label, route };

    let mut work = Vec::new();
    if allows(role, Resource::Request, Action::Read) {
        work.push(item("Заявки", Route::Requests));
    }
    if allows(role, Resource::Review, Action::Read) && role != Role::Observer {
        work.push(item("Экспертиза", Route::Reviews));
    }
    work.push(item("Расписание", Route::Sessions));

    let mut community = vec![item("Состав сообщества", Route::Composition)];
    if reads(Resource::Nomination).is_some() {
        community.push(item("Выдвижение", Route::Nominations));
    }
    if reads(Resource::Library).is_some() {
        community.push(item("Методическая библиотека", Route::Library));
    }
    if reads(Resource::Meeting).is_some() {
        community.push(item("Совещания", Route::Meetings));
    }

    let mut directory = Vec::new();
    match (reads(Resource::School), &me.school_id) {
        (Some(Scope::Own | Scope::School), Some(id)) => {
            directory.push(item("Моя школа", Route::School(id.clone())))
        }
        (Some(_), _) => directory.push(item("Школы", Route::Schools)),
        (None, _) => {}
    }
    if reads(Resource::ConsultationPoint).is_some() {
        directory.push(item("Консультационные пункты", Route::ConsultationPoints));
    }
    if reads(Resource::User).is_some_and(|s| s > Scope::Own) {
        directory.push(item("Пользователи", Route::Users));
    }
    // The dictionaries are kept by those who may change them.
    for (label, resource, route) in [
        (
            "Муниципалитеты",
            Resource::Municipality,
            Route::Municipalities,
        ),
        ("Предметы", Resource::Subject, Route::Subjects),
        ("Учебные годы", Resource::AcademicYear, Route::AcademicYears),
    ] {
        if allows(role, resource, Action::Update) {
            directory.push(item(label, route));
        }
    }

    // Professional growth: diagnostics and trajectories (ИОМ).
    let mut growth = Vec::new();
    if reads(Resource::Diagnostics).is_some() {
        growth.push(item("Диагностика", Route::Diagnostics));
    }
    if reads(Resource::Trajectory).is_some() {
        growth.push(item("ИОМ", Route::Trajectories));
    }

    let mut control = Vec::new();
    match (reads(Resource::Results), &me.school_id) {
        (Some(Scope::School), Some(id)) => {
            control.push(item("Результаты", Route::ResultsSchool(id.clone())))
        }
        (Some(_), _) => control.push(item("Результаты", Route::Results)),
        (None, _) => {}
    }
    if matches!(role, Role::Coordinator | Role::Admin) {
        control.push(item("Пульт координатора", Route::Dashboard));
    }
    if reads(Resource::Effectiveness).is_some() {
        control.push(item("Эффективность", Route::Effectiveness));
    }
    if reads(Resource::Audit).is_some() {
        control.push(item("Журнал изменений", Route::Audit));
    }

    let groups: Vec<Group> = [
        ("work", "Работа", work),
        ("community", "Сообщество", community),
        ("growth", "Развитие", growth),
        ("directory", "Справочники", directory),
        ("control", "Контроль", control),
    ]
    .into_iter()
    .filter(|(_, _, items)| !items.is_empty())
    .map(|(key, label, items)| Group { key, label, items })
    .collect();
    // A short menu fits in one row as it is: no need to fold it.
    if groups.iter().map(|g| g.items.len()).sum::<usize>() <= FLAT_UP_TO {
        return groups
            .into_iter()
            .flat_map(|g| {
                g.items.into_iter().map(move |i| Group {
                    key: g.key,
                    label: g.label,
                    items: vec![i],
                })
            })
            .collect();
    }
    groups
}

/// Up to this many sections the menu is not grouped.
const FLAT_UP_TO: usize = 5;

/// Whether `path` is the page `href` or one below it.
fn under(path: &str, href: &str) -> bool {
    if href == "/" {
        path == "/"
    } else {
        path == href || path.starts_with(&format!("{href}/"))
    }
}

/// Whether the event happened inside an element matching `selector`.
pub fn within(ev: &ev::Event, selector: &str) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest(selector).ok().flatten())
        .is_some()
}

/// The groups of the menu (`open`: the key of the unfolded group, if any). Clicks outside
/// a group, Escape and leaving a group with the keyboard fold it.
#[component]
pub fn MenuGroups(groups: Vec<Group>, open: RwSignal<Option<&'static str>>) -> impl IntoView {
    let click = window_event_listener(ev::click, move |e| {
        if open.get_untracked().is_some() && !within(&e, ".nav-group") {
            open.set(None);
        }
    });
    on_cleanup(move || click.remove());
    groups
        .into_iter()
        .map(|g| {
            if let [i] = g.items.as_slice() {
                let (href, label) = (i.route.path(), i.label);
                view! { <A href=href>{label}</A> }.into_any()
            } else {
                view! { <MenuGroup group=g open /> }.into_any()
            }
        })
        .collect_view()
}

#[component]
fn MenuGroup(group: Group, open: RwSignal<Option<&'static str>>) -> impl IntoView {
    let location = use_location();
    let key = group.key;
    let hrefs: Vec<String> = group.items.iter().map(|i| i.route.path()).collect();
    let active = move || {
        location
            .pathname
            .with(|p| hrefs.iter().any(|h| under(p, h)))
    };
    let is_open = move || open.get() == Some(key);
    let button = NodeRef::<leptos::html::Button>::new();
    let toggle = move |_| open.update(|o| *o = if *o == Some(key) { None } else { Some(key) });
    let keydown = move |e: ev::KeyboardEvent| {
        if e.key() == "Escape" && open.get_untracked() == Some(key) {
            open.set(None);
            if let Some(b) = button.get_untracked() {
                let _ = b.focus();
            }
        }
    };
    let focusout = move |e: ev::FocusEvent| {
        let group = e
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok());
        let to = e
            .related_target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok());
        let stays = matches!((group, to), (Some(g), Some(t)) if g.contains(Some(&t)));
        if !stays && open.get_untracked() == Some(key) {
            open.set(None);
        }
    };
    let menu_id = format!("nav-menu-{key}");
    view! {
        <div
            class="nav-group"
            class:open=is_open
            data-testid=format!("nav-group-{key}")
            on:keydown=keydown
            on:focusout=focusout
        >
            <button
                type="button"
                class="nav-group-button"
                class:active=active
                node_ref=button
                aria-expanded=move || is_open().to_string()
                aria-controls=menu_id.clone()
                on:click=toggle
            >
                {group.label}
                <span class="nav-caret" aria-hidden="true">"▾"</span>
            </button>
            <span class="nav-group-title" aria-hidden="true">{group.label}</span>
            <div class="nav-menu" id=menu_id role="group" aria-label=group.label>
                {group
                    .items
                    .into_iter()
                    .map(|i| view! { <A href=i.route.path()>{i.label}</A> })
                    .collect_view()}
            </div>
        </div>
    }
}
