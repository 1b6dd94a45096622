//! The form-page scaffold: field errors sit next to their fields (see `fields`); a 409
//! `version_conflict` turns into an offer to reload the page and start again from the
//! stored record. Also the way a form sends its request, and its button bar.

use std::future::Future;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use tutornet_domain::{FieldError, Problem, ProblemCode};

use crate::api::validation_problem;
use crate::util::set_title;

pub fn reload_page() {
    if let Some(w) = web_sys::window() {
        let _ = w.location().reload();
    }
}

/// Whether the answer is a lost race with another editor.
pub fn is_version_conflict(p: &Problem) -> bool {
    p.is(ProblemCode::VersionConflict)
}

/// «Обновить страницу», shown while `conflict` is set.
#[component]
pub fn ReloadOffer(#[prop(into)] conflict: Signal<bool>) -> impl IntoView {
    view! {
        <Show when=move || conflict.get()>
            <p class="no-print">
                <button type="button" class="btn" data-testid="reload" on:click=|_| reload_page()>
                    "Обновить страницу"
                </button>
            </p>
        </Show>
    }
}

/// Marks a lost race with another editor: the banner says `detail` and
/// [`ReloadOffer`] appears.
pub fn mark_conflict(p: &mut Problem, detail: &str, conflict: RwSignal<bool>) {
    p.title = "Конфликт изменений.".to_string();
    p.detail = detail.to_string();
    conflict.try_set(true);
}

/// Shows the form's own check: `false` (and the errors in `problem`) when there are any.
pub fn valid(problem: RwSignal<Option<Problem>>, errors: Vec<FieldError>) -> bool {
    if errors.is_empty() {
        return true;
    }
    problem.set(Some(validation_problem(errors)));
    false
}

/// Shows one field's error found by the form itself.
pub fn field_problem(problem: RwSignal<Option<Problem>>, field: &str, code: &str, message: &str) {
    problem.set(Some(validation_problem(vec![FieldError::new(
        field, code, message,
    )])));
}

/// Reads what a page shows: the answer goes to `done`, a refusal into `problem`.
pub fn load<T: 'static>(
    problem: RwSignal<Option<Problem>>,
    request: impl Future<Output = Result<T, Problem>> + 'static,
    done: impl FnOnce(T) + 'static,
) {
    spawn_local(async move {
        match request.await {
            Ok(v) => done(v),
            Err(p) => {
                problem.try_set(Some(p));
            }
        }
    });
}

/// Sends one request of a form: `busy` while it is in flight, `problem` cleared first;
/// the answer goes to `done`, a refusal into `problem`.
pub fn send<T: 'static>(
    busy: RwSignal<bool>,
    problem: RwSignal<Option<Problem>>,
    request: impl Future<Output = Result<T, Problem>> + 'static,
    done: impl FnOnce(T) + 'static,
) {
    send_or(busy, problem, request, done, |_| {});
}

/// [`send`], with `refused` adjusting a refusal before it is shown.
pub fn send_or<T: 'static>(
    busy: RwSignal<bool>,
    problem: RwSignal<Option<Problem>>,
    request: impl Future<Output = Result<T, Problem>> + 'static,
    done: impl FnOnce(T) + 'static,
    refused: impl FnOnce(&mut Problem) + 'static,
) {
    busy.set(true);
    problem.set(None);
    spawn_local(async move {
        match request.await {
            Ok(v) => done(v),
            Err(mut p) => {
                refused(&mut p);
                problem.try_set(Some(p));
            }
        }
        busy.try_set(false);
    });
}

/// The buttons under a form: the submit button (disabled, and saying `busy_label`, while
/// `busy`), then «Отмена» — a link to `back`, or a button calling `on_cancel`.
#[component]
pub fn SaveBar(
    busy: RwSignal<bool>,
    #[prop(default = "Сохранить")] label: &'static str,
    #[prop(default = "Сохранение…")] busy_label: &'static str,
    #[prop(default = "save")] testid: &'static str,
    #[prop(optional, into)] back: Option<String>,
    #[prop(default = "Отмена")] back_label: &'static str,
    #[prop(optional)] on_cancel: Option<Callback<()>>,
) -> impl IntoView {
    let cancel = match (back, on_cancel) {
        (Some(href), _) => {
            Some(view! { <a class="btn btn-link" href=href>{back_label}</a> }.into_any())
        }
        (None, Some(cb)) => Some(
            view! {
                <button type="button" class="btn btn-link" on:click=move |_| cb.run(())>
                    {back_label}
                </button>
            }
            .into_any(),
        ),
        (None, None) => None,
    };
    view! {
        <div class="form-actions">
            <button type="submit" class="btn btn-primary" data-testid=testid disabled=move || busy.get()>
                {move || if busy.get() { busy_label } else { label }}
            </button>
            {cancel}
        </div>
    }
}

/// A button that starts a request: disabled while `busy`.
#[component]
pub fn BusyButton<F>(
    busy: RwSignal<bool>,
    #[prop(default = "btn")] class: &'static str,
    #[prop(optional)] testid: Option<&'static str>,
    on_click: F,
    children: Children,
) -> impl IntoView
where
    F: FnMut(leptos::ev::MouseEvent) + 'static,
{
    view! {
        <button type="button" class=class data-testid=testid disabled=move || busy.get() on:click=on_click>
            {children()}
        </button>
    }
}

/// Sets the title of a page that edits the record `id` names (`edit`) or makes a new
/// one (`new`); whether it edits.
pub fn form_title(id: &Option<String>, edit: &'static str, new: &'static str) -> bool {
    set_title(if id.is_some() { edit } else { new });
    id.is_some()
}

/// A page that edits the record of the route's `:id` (or makes a new one without it):
/// `form` is drawn afresh when the id changes.
pub fn for_route_id<V: IntoView + 'static>(
    form: impl Fn(Option<String>) -> V + Send + Sync + 'static,
) -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id")));
    move || form(id.get())
}
