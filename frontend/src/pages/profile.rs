//! `/profile`: the user's own data and the password change form.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use tutornet_domain::users::PasswordChange;
use tutornet_domain::{FieldError, Problem};

use crate::api::account;
use crate::auth::Auth;
use crate::ui::fields::NewPasswordField;
use crate::ui::form::{send, valid, SaveBar};
use crate::ui::{Banner, ErrorBanner, TextField};
use crate::util::set_title;

#[component]
pub fn ProfilePage() -> impl IntoView {
    set_title("Профиль");
    let auth = Auth::get();
    let current_password = RwSignal::new(String::new());
    let new_password = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<Problem>);
    let message = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        message.set(None);
        let body = PasswordChange {
            current_password: current_password.get_untracked(),
            new_password: new_password.get_untracked(),
        };
        let mut errors = body.validate().err().unwrap_or_default();
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
                // The server ends the other sessions and renews this one.
                if let Some(t) = tokens {
                    account::set_token(Some(t.access_token));
                    auth.signed_in(t.user);
                }
                current_password.try_set(String::new());
                new_password.try_set(String::new());
                repeat.try_set(String::new());
                message.try_set(Some(
                    "Пароль изменён. На других устройствах нужно войти заново.".to_string(),
                ));
            },
        );
    };

    let me = move || auth.me.get();
    let row = |label: &'static str, value: Option<String>| {
        view! {
            <dt>{label}</dt>
            <dd>{value.unwrap_or_else(|| "—".to_string())}</dd>
        }
    };

    view! {
        <section class="page narrow" data-testid="profile-page">
            <h1>"Профиль"</h1>
            <div class="card">
                {move || {
                    me().map(|m| {
                        view! {
                            <dl class="props" data-testid="profile-props">
                                {row("ФИО", Some(m.full_name.clone()))}
                                {row("Электронная почта", Some(m.email.clone()))}
                                {row("Роль", Some(m.role.label_ru().to_string()))}
                                {row("Должность", m.position.clone())}
                                {row("Регион", Some(m.region_name.clone()))}
                                {row("Муниципалитет", m.municipality_name.clone())}
                                {row("Школа", m.school_name.clone())}
                                {row("Часовой пояс", crate::ui::time::zone_label())}
                            </dl>
                        }
                    })
                }}
                <p class="hint">"Чтобы исправить ФИО, должность или место работы, обратитесь к координатору сообщества."</p>
            </div>
            <form class="card form" on:submit=submit data-testid="password-form" novalidate=true>
                <h2>"Смена пароля"</h2>
                <Banner message />
                <ErrorBanner problem />
                <TextField
                    label="Текущий пароль"
                    name="current_password"
                    kind="password"
                    value=current_password
                    problem
                    autocomplete="current-password"
                />
                <NewPasswordField value=new_password problem />
                <TextField
                    label="Новый пароль ещё раз"
                    name="new_password_repeat"
                    kind="password"
                    value=repeat
                    problem
                    autocomplete="new-password"
                />
                <SaveBar busy label="Сменить пароль" testid="change-password" />
            </form>
        </section>
    }
}
