//! The first login with an initial password (`must_change_password`): until it is
//! changed the API answers 403 outside `/auth`, so the layout shows only this form in
//! place of every page; once changed, the session is renewed and the page asked for opens.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use tutornet_domain::users::PasswordChange;
use tutornet_domain::{FieldError, Problem};

use crate::api::account;
use crate::auth::Auth;
use crate::ui::fields::NewPasswordField;
use crate::ui::form::{send, valid};
use crate::ui::{ErrorBanner, TextField};
use crate::util::set_title;

#[component]
pub fn FirstPasswordPage() -> impl IntoView {
    set_title("Смена начального пароля");
    let auth = Auth::get();
    let current_password = RwSignal::new(String::new());
    let new_password = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<Problem>);
    let busy = RwSignal::new(false);
    let name = move || auth.me.with(|m| m.as_ref().map(|m| m.full_name.clone()));
    let login = move || auth.me.with(|m| m.as_ref().map(|m| m.email.clone()));

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let body = PasswordChange {
            current_password: current_password.get_untracked(),
            new_password: new_password.get_untracked(),
        };
        let mut errors = body.validate().err().unwrap_or_default();
        if body.new_password == body.current_password && !body.new_password.is_empty() {
            errors.push(FieldError::new(
                "new_password",
                "unchanged",
                "Новый пароль должен отличаться от начального",
            ));
        }
        if repeat.get_untracked() != body.new_password {
            errors.push(FieldError::new(
                "new_password_repeat",
                "mismatch",
                "Пароли не совпадают",
            ));
        }
        if !valid(problem, errors) {
            return;
        }
        send(
            busy,
            problem,
            async move { account::change_password(&body).await },
            move |tokens| {
                if let Some(t) = tokens {
                    account::set_token(Some(t.access_token));
                    auth.signed_in(t.user);
                }
            },
        );
    };
    let leave = move |_| {
        spawn_local(async move { auth.logout().await });
    };

    view! {
        <div class="login-wrap">
            <form class="card login-card" on:submit=submit data-testid="first-password-form" novalidate=true>
                <p class="login-brand">"tutornet"</p>
                <h1>"Смените начальный пароль"</h1>
                <p class="muted login-sub">
                    {name} " (" {login} "), вы вошли с паролем из выданного списка. "
                    "Придумайте свой пароль — после этого откроется система."
                </p>
                <ErrorBanner problem />
                <TextField label="Начальный пароль" name="current_password" kind="password" value=current_password problem autocomplete="current-password" />
                <NewPasswordField value=new_password problem />
                <TextField label="Новый пароль ещё раз" name="new_password_repeat" kind="password" value=repeat problem autocomplete="new-password" />
                <button type="submit" class="btn btn-primary btn-block" data-testid="first-password-submit" disabled=move || busy.get()>
                    {move || if busy.get() { "Сохранение…" } else { "Сменить пароль и войти" }}
                </button>
                <p class="login-links">
                    <button type="button" class="btn btn-link" data-testid="first-password-logout" on:click=leave>"Выйти"</button>
                </p>
            </form>
        </div>
    }
}
