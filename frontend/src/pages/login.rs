//! `/login`: e-mail and password.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use tutornet_domain::auth::LoginRequest;
use tutornet_domain::problem::Errors;
use tutornet_domain::users::validate_email;
use tutornet_domain::{Problem, ProblemCode};

use crate::api::account;
use crate::api::validation_problem;
use crate::auth::Auth;
use crate::routes::Route;
use crate::ui::{Banner, ErrorBanner, TextField};
use crate::util::set_title;

#[component]
pub fn LoginPage() -> impl IntoView {
    set_title("Вход");
    let auth = Auth::get();
    let query = use_query_map();
    let navigate = use_navigate();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<Problem>);
    let busy = RwSignal::new(false);

    // Only local paths: never send the user to another site after login.
    let next = move || {
        query
            .with_untracked(|q| q.get("next"))
            .filter(|n| {
                n.starts_with('/') && !n.starts_with("//") && !n.starts_with(&Route::Login.path())
            })
            .unwrap_or_else(|| Route::Home.path())
    };
    Effect::new(move |_| {
        if auth.me.with(Option::is_some) {
            navigate(
                &next(),
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
    });

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let req = LoginRequest {
            email: email.get_untracked().trim().to_string(),
            password: password.get_untracked(),
        };
        let mut e = Errors::default();
        if req.email.is_empty() {
            e.add("email", "required", "Введите адрес электронной почты");
        } else {
            validate_email(&mut e, "email", &req.email);
        }
        if req.password.is_empty() {
            e.add("password", "required", "Введите пароль");
        }
        if let Err(errs) = e.finish() {
            problem.set(Some(validation_problem(errs)));
            return;
        }
        busy.set(true);
        problem.set(None);
        auth.notice.set(None);
        spawn_local(async move {
            match account::login(&req).await {
                Ok(t) => auth.signed_in(t.user),
                Err(p) => {
                    problem.try_set(Some(once(p)));
                }
            }
            busy.try_set(false);
        });
    };

    view! {
        <div class="login-wrap">
            <form class="card login-card" on:submit=submit data-testid="login-form" novalidate=true>
                <p class="login-brand">"tutornet"</p>
                <h1>"Вход"</h1>
                <p class="muted login-sub">"Муниципальное сообщество тьюторов"</p>
                <Banner message=auth.notice kind="info" />
                <ErrorBanner problem />
                <TextField
                    label="Электронная почта"
                    name="email"
                    kind="email"
                    autocomplete="username"
                    value=email
                    problem
                />
                <TextField
                    label="Пароль"
                    name="password"
                    kind="password"
                    autocomplete="current-password"
                    value=password
                    problem
                />
                <button
                    type="submit"
                    class="btn btn-primary btn-block"
                    data-testid="login-submit"
                    disabled=move || busy.get()
                >
                    {move || if busy.get() { "Вход…" } else { "Войти" }}
                </button>
                <p class="login-links">
                    <a href="/password/reset" data-testid="forgot-password">"Забыли пароль?"</a>
                </p>
            </form>
        </div>
    }
}

/// Wrong credentials are said once, in the banner: not its title before the same words,
/// nor again under the password (the mistake may as well be in the address).
fn once(mut p: Problem) -> Problem {
    if p.is(ProblemCode::InvalidCredentials) {
        p.title.clear();
        p.errors.clear();
    }
    p
}
