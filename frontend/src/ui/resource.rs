//! Async data the leptos way: a `LocalResource` inside `<Transition>` (the old content
//! stays while a changed filter reloads) and `<ErrorBoundary>` (a failed load shows the
//! problem in the usual red banner). API errors travel as [`ProblemError`], the
//! `std::error::Error` form of the domain's [`Problem`].

use leptos::error::Errors;
use leptos::prelude::*;
use tutornet_domain::Problem;

use crate::ui::ErrorBanner;

/// A [`Problem`] as an error value an `ErrorBoundary` can catch.
#[derive(Debug, Clone, PartialEq)]
pub struct ProblemError(pub Problem);

impl std::fmt::Display for ProblemError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.detail)
    }
}

impl std::error::Error for ProblemError {}

impl From<Problem> for ProblemError {
    fn from(p: Problem) -> Self {
        Self(p)
    }
}

/// The first problem among caught errors (any other error as a generic one).
fn first_problem(errors: &Errors) -> Option<Problem> {
    errors
        .iter()
        .next()
        .map(|(_, e)| match e.downcast_ref::<ProblemError>() {
            Some(p) => p.0.clone(),
            None => Problem::new(0, "client_error", "Ошибка", e.to_string()),
        })
}

/// The fallback of an `ErrorBoundary`: the caught problem in the error banner.
#[component]
pub fn ProblemFallback(errors: ArcRwSignal<Errors>) -> impl IntoView {
    let problem = RwSignal::new(None::<Problem>);
    Effect::new(move |_| problem.set(errors.with(first_problem)));
    view! { <ErrorBanner problem /> }
}
