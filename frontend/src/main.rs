//! tutornet's browser app (Leptos, client-side rendering).
//!
//! `api` talks to `/api/v1` (typed calls per noun over one client: bearer token, silent
//! refresh, problem+json errors), `auth` keeps the session, `routes` names every page,
//! `ui` holds the shared pieces and `pages` one folder per noun.
//!
//! Layers, each importing only those below it: `pages` → `ui` → `auth` → `api` →
//! `routes`, `util`.

mod api;
mod app;
mod auth;
mod pages;
mod routes;
mod ui;
mod util;

fn main() {
    console_error_panic_hook::set_once();
    if let Some(boot) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot"))
    {
        boot.remove();
    }
    leptos::mount::mount_to_body(app::App);
}
