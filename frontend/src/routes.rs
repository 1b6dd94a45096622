//! Every page of the SPA as a value. Links and navigation use [`Route::path`] (or
//! [`Route::with`] for a query string), never a string literal, so a renamed page is a
//! compile error rather than a dead link. The router's patterns in `app.rs` are the other
//! side of the same list.

use crate::util::with_query;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Home,
    Login,
    /// «Забыли пароль?». (The page that sets a password from a link,
    /// `tutornet_domain::accounts::SET_PASSWORD_PATH`, is only ever reached from the
    /// server's links, so it has no variant.)
    PasswordReset,
    Profile,
    Schools,
    SchoolNew,
    School(String),
    SchoolEdit(String),
    Users,
    UserNew,
    UserEdit(String),
    UsersImport,
    Audit,
    Requests,
    RequestNew,
    Request(String),
    Reviews,
    ReviewNew,
    Review(String),
    Sessions,
    SessionNew,
    Session(String),
    SessionEdit(String),
    Notifications,
    Dashboard,
    Composition,
    CompositionImport,
    CompositionAccounts,
    Orders,
    OrderNew,
    Order(String),
    Member(String),
    Nominations,
    Municipalities,
    Subjects,
    AcademicYears,
    ConsultationPoints,
    ConsultationPointNew,
    ConsultationPointEdit(String),
    Diagnostics,
    Campaign(String),
    Trajectories,
    TrajectoryNew,
    Trajectory(String),
    Results,
    ResultsSchool(String),
    ResultsImport,
    ResultsRisks,
    Effectiveness,
    Library,
    LibraryMine,
    LibraryQueue,
    LibraryNew,
    LibraryItem(String),
    LibraryEdit(String),
    Meetings,
    MeetingNew,
    Meeting(String),
}

impl Route {
    /// The address of the page.
    pub fn path(&self) -> String {
        match self {
            Route::Home => "/".to_string(),
            Route::Login => "/login".to_string(),
            Route::PasswordReset => "/password/reset".to_string(),
            Route::Profile => "/profile".to_string(),
            Route::Schools => "/schools".to_string(),
            Route::SchoolNew => "/schools/new".to_string(),
            Route::School(id) => format!("/schools/{id}"),
            Route::SchoolEdit(id) => format!("/schools/{id}/edit"),
            Route::Users => "/users".to_string(),
            Route::UserNew => "/users/new".to_string(),
            Route::UserEdit(id) => format!("/users/{id}/edit"),
            Route::UsersImport => "/users/import".to_string(),
            Route::Audit => "/audit".to_string(),
            Route::Requests => "/requests".to_string(),
            Route::RequestNew => "/requests/new".to_string(),
            Route::Request(id) => format!("/requests/{id}"),
            Route::Reviews => "/reviews".to_string(),
            Route::ReviewNew => "/reviews/new".to_string(),
            Route::Review(id) => format!("/reviews/{id}"),
            Route::Sessions => "/sessions".to_string(),
            Route::SessionNew => "/sessions/new".to_string(),
            Route::Session(id) => format!("/sessions/{id}"),
            Route::SessionEdit(id) => format!("/sessions/{id}/edit"),
            Route::Notifications => "/notifications".to_string(),
            Route::Dashboard => "/dashboard".to_string(),
            Route::Composition => "/composition".to_string(),
            Route::CompositionImport => "/composition/import".to_string(),
            Route::CompositionAccounts => "/composition/accounts".to_string(),
            Route::Orders => "/composition/orders".to_string(),
            Route::OrderNew => "/composition/orders/new".to_string(),
            Route::Order(id) => format!("/composition/orders/{id}"),
            Route::Member(id) => format!("/composition/members/{id}"),
            Route::Nominations => "/nominations".to_string(),
            Route::Municipalities => "/municipalities".to_string(),
            Route::Subjects => "/subjects".to_string(),
            Route::AcademicYears => "/academic-years".to_string(),
            Route::ConsultationPoints => "/consultation-points".to_string(),
            Route::ConsultationPointNew => "/consultation-points/new".to_string(),
            Route::ConsultationPointEdit(id) => format!("/consultation-points/{id}/edit"),
            Route::Diagnostics => "/diagnostics".to_string(),
            Route::Campaign(id) => format!("/diagnostics/{id}"),
            Route::Trajectories => "/trajectories".to_string(),
            Route::TrajectoryNew => "/trajectories/new".to_string(),
            Route::Trajectory(id) => format!("/trajectories/{id}"),
            Route::Results => "/results".to_string(),
            Route::ResultsSchool(id) => format!("/results/schools/{id}"),
            Route::ResultsImport => "/results/import".to_string(),
            Route::ResultsRisks => "/results/risks".to_string(),
            Route::Effectiveness => "/effectiveness".to_string(),
            Route::Library => "/library".to_string(),
            Route::LibraryMine => "/library/mine".to_string(),
            Route::LibraryQueue => "/library/queue".to_string(),
            Route::LibraryNew => "/library/new".to_string(),
            Route::LibraryItem(id) => format!("/library/{id}"),
            Route::LibraryEdit(id) => format!("/library/{id}/edit"),
            Route::Meetings => "/meetings".to_string(),
            Route::MeetingNew => "/meetings/new".to_string(),
            Route::Meeting(id) => format!("/meetings/{id}"),
        }
    }

    /// The address with a query string (empty values are left out).
    pub fn with<K: AsRef<str>>(&self, pairs: &[(K, String)]) -> String {
        with_query(&self.path(), pairs)
    }

    /// The address with one query parameter.
    pub fn with1(&self, key: &str, value: impl Into<String>) -> String {
        self.with(&[(key, value.into())])
    }
}
