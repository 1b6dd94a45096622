//! Pieces shared by the library's pages: the status badge, the highlighted snippet,
//! the section tabs, a material's list row.

use leptos::prelude::*;
use tutornet_domain::library::{LibraryItem, LibraryStatus, SnippetPart};
use tutornet_domain::Role;

use crate::auth::Auth;
use crate::routes::Route;

#[component]
pub fn LibraryStatusBadge(status: LibraryStatus) -> impl IntoView {
    let class = match status {
        LibraryStatus::Draft => "badge",
        LibraryStatus::OnReview | LibraryStatus::Resubmitted => "badge st-new",
        LibraryStatus::Returned => "badge st-warn",
        LibraryStatus::Published => "badge st-done",
        LibraryStatus::Unpublished => "badge badge-archived",
    };
    view! { <span class=class data-testid="library-status" data-status=status.as_str()>{status.label_ru()}</span> }
}

/// A snippet with the matched words in `<mark>` (text, never HTML).
#[component]
pub fn Snippet(parts: Vec<SnippetPart>) -> impl IntoView {
    view! {
        <p class="lib-snippet" data-testid="library-snippet">
            {parts.into_iter().map(|p| if p.hit {
                view! { <mark>{p.text}</mark> }.into_any()
            } else {
                view! { <span>{p.text}</span> }.into_any()
            }).collect_view()}
        </p>
    }
}

/// «Поиск · Мои материалы · На модерации» (the last for moderators).
#[component]
pub fn LibraryTabs(here: Route) -> impl IntoView {
    let auth = Auth::get();
    let moderates = matches!(auth.role(), Role::Coordinator | Role::Admin);
    let writes = auth.role() != Role::Observer;
    let tab = move |r: Route, label: &'static str, testid: &'static str| {
        let current = r == here;
        view! {
            <a href=r.path() class:active=current class="lib-tab" data-testid=testid aria-current=current.then_some("page")>{label}</a>
        }
    };
    view! {
        <nav class="lib-tabs" aria-label="Разделы библиотеки">
            {tab(Route::Library, "Поиск", "library-tab-search")}
            {writes.then(|| tab(Route::LibraryMine, "Мои материалы", "library-tab-mine"))}
            {moderates.then(|| tab(Route::LibraryQueue, "На модерации", "library-tab-queue"))}
        </nav>
    }
}

/// A material's line in a list: title (a link), type, subjects, grades, authors.
pub fn item_head(i: &LibraryItem) -> impl IntoView + use<> {
    let grades = if i.grades.is_empty() {
        String::new()
    } else {
        format!(
            "{} кл.",
            i.grades
                .iter()
                .map(|g| g.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    let authors = i
        .authors
        .iter()
        .map(|a| a.full_name.clone())
        .collect::<Vec<_>>()
        .join(", ");
    let meta = [
        i.material_type.label_ru().to_string(),
        i.subject_names.join(", "),
        grades,
        authors,
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(" · ");
    view! {
        <a class="lib-title" href=Route::LibraryItem(i.id.clone()).path() data-testid="library-item-link">{i.title.clone()}</a>
        <div class="muted small">{meta}</div>
    }
}
