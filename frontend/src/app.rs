//! The router: the login page outside, everything else inside the logged-in layout.

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::path;

use crate::auth::Auth;
use crate::pages::{
    audit::AuditPage, composition, consultation_points, dashboard::DashboardPage, home::HomePage,
    login::LoginPage, nominations::list::NominationsPage, not_found::NotFound,
    notifications::NotificationsPage, password, profile::ProfilePage, requests, schools, sessions,
    users,
};
use crate::ui::Layout;

#[component]
pub fn App() -> impl IntoView {
    Auth::provide();
    view! {
        <Router>
            <Routes fallback=|| view! { <NotFound /> }>
                <Route path=path!("/login") view=LoginPage />
                <Route path=path!("/password/reset") view=password::ResetRequestPage />
                <Route path=path!("/password/set") view=password::SetPasswordPage />
                <ParentRoute path=path!("") view=Layout>
                    <Route path=path!("") view=HomePage />
                    <Route path=path!("schools") view=schools::list::SchoolsPage />
                    <Route path=path!("schools/new") view=schools::form::SchoolFormPage />
                    <Route path=path!("schools/:id") view=schools::card::SchoolCardPage />
                    <Route path=path!("schools/:id/edit") view=schools::form::SchoolFormPage />
                    <Route path=path!("users") view=users::list::UsersPage />
                    <Route path=path!("users/new") view=users::form::UserFormPage />
                    <Route path=path!("users/import") view=users::import::UsersImportPage />
                    <Route path=path!("users/:id/edit") view=users::form::UserFormPage />
                    <Route path=path!("profile") view=ProfilePage />
                    <Route path=path!("audit") view=AuditPage />
                    <Route path=path!("requests") view=requests::list::RequestsPage />
                    <Route path=path!("requests/new") view=requests::form::RequestFormPage />
                    <Route path=path!("requests/:id") view=requests::card::RequestCardPage />
                    <Route path=path!("reviews") view=crate::pages::reviews::list::ReviewsPage />
                    <Route path=path!("reviews/new") view=crate::pages::reviews::form::ReviewFormPage />
                    <Route path=path!("reviews/:id") view=crate::pages::reviews::card::ReviewCardPage />
                    <Route path=path!("library") view=crate::pages::library::list::LibraryPage />
                    <Route path=path!("library/mine") view=crate::pages::library::mine::LibraryMinePage />
                    <Route path=path!("library/queue") view=crate::pages::library::mine::LibraryQueuePage />
                    <Route path=path!("library/new") view=crate::pages::library::form::LibraryNewPage />
                    <Route path=path!("library/:id") view=crate::pages::library::card::LibraryCardPage />
                    <Route path=path!("library/:id/edit") view=crate::pages::library::form::LibraryEditPage />
                    <Route path=path!("sessions") view=sessions::list::SessionsPage />
                    <Route path=path!("sessions/new") view=sessions::form::SessionFormPage />
                    <Route path=path!("sessions/:id") view=sessions::card::SessionCardPage />
                    <Route path=path!("sessions/:id/edit") view=sessions::form::SessionFormPage />
                    <Route path=path!("notifications") view=NotificationsPage />
                    <Route path=path!("dashboard") view=DashboardPage />
                    <Route path=path!("composition") view=composition::list::CompositionPage />
                    <Route path=path!("composition/import") view=composition::import::CompositionImportPage />
                    <Route path=path!("composition/accounts") view=composition::accounts::CompositionAccountsPage />
                    <Route path=path!("composition/orders") view=composition::orders::OrdersPage />
                    <Route path=path!("composition/orders/new") view=composition::order_form::OrderFormPage />
                    <Route path=path!("composition/orders/:id") view=composition::order::OrderPage />
                    <Route path=path!("composition/members/:id") view=composition::member::card::MemberCardPage />
                    <Route path=path!("nominations") view=NominationsPage />
                    <Route path=path!("municipalities") view=crate::pages::municipalities::MunicipalitiesPage />
                    <Route path=path!("subjects") view=crate::pages::subjects::SubjectsPage />
                    <Route path=path!("academic-years") view=crate::pages::academic_years::AcademicYearsPage />
                    <Route path=path!("consultation-points") view=consultation_points::list::ConsultationPointsPage />
                    <Route path=path!("consultation-points/new") view=consultation_points::form::ConsultationPointFormPage />
                    <Route path=path!("consultation-points/:id/edit") view=consultation_points::form::ConsultationPointFormPage />
                    <Route path=path!("diagnostics") view=crate::pages::diagnostics::list::DiagnosticsPage />
                    <Route path=path!("diagnostics/:id") view=crate::pages::diagnostics::card::CampaignCardPage />
                    <Route path=path!("trajectories") view=crate::pages::trajectories::list::TrajectoriesPage />
                    <Route path=path!("trajectories/new") view=crate::pages::trajectories::form::TrajectoryFormPage />
                    <Route path=path!("trajectories/:id") view=crate::pages::trajectories::card::TrajectoryCardPage />
                    <Route path=path!("results") view=crate::pages::results::dynamics::MunicipalityResultsPage />
                    <Route path=path!("effectiveness") view=crate::pages::effectiveness::EffectivenessPage />
                    <Route path=path!("results/schools/:id") view=crate::pages::results::dynamics::SchoolResultsPage />
                    <Route path=path!("results/import") view=crate::pages::results::import::ResultsImportPage />
                    <Route path=path!("results/risks") view=crate::pages::results::risks::RisksPage />
                    <Route path=path!("meetings") view=crate::pages::meetings::list::MeetingsPage />
                    <Route path=path!("meetings/new") view=crate::pages::meetings::form::MeetingFormPage />
                    <Route path=path!("meetings/:id") view=crate::pages::meetings::card::MeetingCardPage />
                    <Route path=path!("*any") view=NotFound />
                </ParentRoute>
            </Routes>
        </Router>
    }
}
