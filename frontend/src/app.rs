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
                    <Route path=path!("requests") view=crate::pages::requests::RequestsPage />
                    <Route path=path!("requests/new") view=crate::pages::requests::RequestFormPage />
                    <Route path=path!("requests/:id") view=crate::pages::request_card::RequestCardPage />
                    <Route path=path!("sessions") view=crate::pages::sessions::SessionsPage />
                    <Route path=path!("sessions/new") view=crate::pages::session_form::SessionFormPage />
                    <Route path=path!("sessions/:id") view=crate::pages::session_card::SessionCardPage />
                    <Route path=path!("sessions/:id/edit") view=crate::pages::session_form::SessionFormPage />
                    <Route path=path!("notifications") view=crate::pages::notifications::NotificationsPage />
                    <Route path=path!("dashboard") view=crate::pages::dashboard::DashboardPage />
                    <Route path=path!("composition") view=crate::pages::composition::CompositionPage />
                    <Route path=path!("composition/import") view=crate::pages::composition_import::CompositionImportPage />
                    <Route path=path!("composition/orders") view=crate::pages::composition_orders::OrdersPage />
                    <Route path=path!("composition/orders/new") view=crate::pages::composition_orders::OrderFormPage />
                    <Route path=path!("composition/orders/:id") view=crate::pages::composition_order::OrderPage />
                    <Route path=path!("composition/members/:id") view=crate::pages::composition_member::MemberCardPage />
                    <Route path=path!("nominations") view=crate::pages::nominations::NominationsPage />
                    <Route path=path!("*any") view=NotFound />
                </ParentRoute>
            </Routes>
        </Router>
    }
}
