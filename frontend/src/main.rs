//! tutornet's browser app (Leptos, client-side rendering).
//!
//! `api` talks to `/api/v1` (bearer token, silent refresh, problem+json errors), `auth`
//! keeps the session, `components` hold the shared pieces and `pages` one module per route.

mod api;
mod api_community;
mod app;
mod auth;
mod components;
mod pages;
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
