//! The router: the login page outside, everything else inside the logged-in layout.

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::path;

use crate::auth::Auth;
use crate::components::Layout;
use crate::pages::{
    audit::AuditPage, home::HomePage, login::LoginPage, not_found::NotFound, profile::ProfilePage,
    school_card::SchoolCardPage, school_form::SchoolFormPage, schools::SchoolsPage,
    user_form::UserFormPage, users::UsersPage,
};

#[component]
pub fn App() -> impl IntoView {
    Auth::provide();
    view! {
        <Router>
            <Routes fallback=|| view! { <NotFound /> }>
                <Route path=path!("/login") view=LoginPage />
                <ParentRoute path=path!("") view=Layout>
                    <Route path=path!("") view=HomePage />
                    <Route path=path!("schools") view=SchoolsPage />
                    <Route path=path!("schools/new") view=SchoolFormPage />
                    <Route path=path!("schools/:id") view=SchoolCardPage />
                    <Route path=path!("schools/:id/edit") view=SchoolFormPage />
                    <Route path=path!("users") view=UsersPage />
                    <Route path=path!("users/new") view=UserFormPage />
                    <Route path=path!("users/:id/edit") view=UserFormPage />
                    <Route path=path!("profile") view=ProfilePage />
                    <Route path=path!("audit") view=AuditPage />
                    <Route path=path!("*any") view=NotFound />
                </ParentRoute>
            </Routes>
        </Router>
    }
}
