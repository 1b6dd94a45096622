//! The form-page scaffold: field errors sit next to their fields (see `fields`); a 409
//! `version_conflict` turns into an offer to reload the page and start again from the
//! stored record.

use leptos::prelude::*;
use tutornet_domain::{Problem, ProblemCode};

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
