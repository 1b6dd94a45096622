//! `/password/reset` (ask for a link by e-mail) and `/password/set?token=…` (set a
//! password from an invitation or reset link). Both work without being signed in.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use tutornet_domain::accounts::{PasswordResetRequest, PasswordSet, RESET_ACCEPTED};
use tutornet_domain::Problem;

use crate::api::account;
use crate::auth::Auth;
use crate::routes::Route;
use crate::ui::form::{send, valid};
use crate::ui::{Banner, ErrorBanner, TextField};
use crate::util::set_title;

/// The frame of both pages: the login card with a heading and a way back.
#[component]
fn AccountCard(title: &'static str, testid: &'static str, children: Children) -> impl IntoView {
    view! {
        <div class="login-wrap">
            <div class="card login-card" data-testid=testid>
                <p class="login-brand">"tutornet"</p>
                <h1>{title}</h1>
                {children()}
                <p class="hint login-hint">
                    <a href=Route::Login.path()>"Вернуться ко входу"</a>
                </p>
            </div>
        </div>
    }
}

/// The one wide button of a card's form.
#[component]
fn Submit(busy: RwSignal<bool>, testid: &'static str, label: &'static str) -> impl IntoView {
    view! {
        <button type="submit" class="btn btn-primary btn-block" data-testid=testid disabled=move || busy.get()>
            {label}
        </button>
    }
}

#[component]
pub fn ResetRequestPage() -> impl IntoView {
    set_title("Восстановление пароля");
    let email = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<Problem>);
    let message = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let body = PasswordResetRequest {
            email: email.get_untracked().trim().to_string(),
        };
        if busy.get_untracked() || !valid(problem, body.validate().err().unwrap_or_default()) {
            return;
        }
        send(
            busy,
            problem,
            async move { account::request_reset(&body).await },
            move |_| {
                message.try_set(Some(RESET_ACCEPTED.to_string()));
            },
        );
    };
    view! {
        <AccountCard title="Восстановление пароля" testid="password-reset-page">
            <Banner message />
            <ErrorBanner problem />
            <Show when=move || message.with(Option::is_none)>
                <form class="form" on:submit=submit novalidate=true data-testid="password-reset-form">
                    <p class="muted">"Укажите адрес, с которым вы входите: мы пришлём ссылку для нового пароля. Она действует 1 час."</p>
                    <TextField label="Электронная почта" name="email" kind="email" autocomplete="username" value=email problem required=true />
                    <Submit busy testid="password-reset-submit" label="Отправить ссылку" />
                </form>
            </Show>
        </AccountCard>
    }
}

#[component]
pub fn SetPasswordPage() -> impl IntoView {
    set_title("Новый пароль");
    let auth = Auth::get();
    let navigate = use_navigate();
    let token = use_query_map()
        .with_untracked(|q| q.get("token"))
        .unwrap_or_default();
    let password = RwSignal::new(String::new());
    let password2 = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<Problem>);
    let busy = RwSignal::new(false);
    let has_token = !token.trim().is_empty();
    if !has_token {
        problem.set(Some(Problem::new(
            400,
            "link_invalid",
            "Ссылка неполная",
            "Откройте ссылку из письма целиком или запросите новую.",
        )));
    }
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let body = PasswordSet {
            token: token.clone(),
            password: password.get_untracked(),
        };
        let mut errs = body.validate().err().unwrap_or_default();
        errs.retain(|e| e.field != "token");
        if errs.is_empty() && password2.get_untracked() != body.password {
            errs.push(tutornet_domain::FieldError::new(
                "password2",
                "mismatch",
                "Пароли не совпадают",
            ));
        }
        if busy.get_untracked() || !valid(problem, errs) {
            return;
        }
        let navigate = navigate.clone();
        send(
            busy,
            problem,
            async move { account::set_password(&body).await },
            move |_| {
                auth.notice
                    .set(Some("Пароль задан. Войдите с новым паролем.".to_string()));
                navigate(&Route::Login.path(), Default::default());
            },
        );
    };
    view! {
        <AccountCard title="Новый пароль" testid="password-set-page">
            <ErrorBanner problem />
            <Show when=move || has_token>
                <form class="form" on:submit=submit.clone() novalidate=true data-testid="password-set-form">
                    <TextField label="Новый пароль" name="password" kind="password" autocomplete="new-password" value=password problem required=true hint="Не короче 10 символов." />
                    <TextField label="Повторите пароль" name="password2" kind="password" autocomplete="new-password" value=password2 problem required=true />
                    <Submit busy testid="password-set-submit" label="Задать пароль" />
                </form>
            </Show>
            <p class="hint">
                <a href=Route::PasswordReset.path()>"Запросить новую ссылку"</a>
            </p>
        </AccountCard>
    }
}
