//! `/profile`: the user's own data and the password change form.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use tutornet_domain::notifications::{NotificationSettings, NotificationSettingsInput};
use tutornet_domain::text::numero;
use tutornet_domain::users::PasswordChange;
use tutornet_domain::{FieldError, Problem};

use crate::api::{account, notifications};
use crate::auth::Auth;
use crate::ui::fields::NewPasswordField;
use crate::ui::form::{load, send, valid, SaveBar};
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
                                {row("Школа", m.school_name.as_deref().map(numero))}
                                {row("Часовой пояс", crate::ui::time::zone_label())}
                            </dl>
                        }
                    })
                }}
                <p class="hint">"Чтобы исправить ФИО, должность или место работы, обратитесь к координатору сообщества."</p>
            </div>
            <MailSettings />
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

/// E-mail of notifications: one per notification, or one daily digest (the inbox in the
/// app fills at once either way).
#[component]
fn MailSettings() -> impl IntoView {
    let settings = RwSignal::new(None::<NotificationSettings>);
    let digest = RwSignal::new(false);
    let problem = RwSignal::new(None::<Problem>);
    let message = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    load(problem, notifications::settings(), move |s| {
        digest.try_set(s.digest);
        settings.try_set(Some(s));
    });
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        message.set(None);
        let body = NotificationSettingsInput {
            digest: digest.get_untracked(),
        };
        send(
            busy,
            problem,
            async move { notifications::set_settings(&body).await },
            move |s| {
                message.try_set(Some(if s.digest {
                    format!(
                        "Сохранено: сводка будет приходить раз в день в {:02}:00.",
                        s.digest_hour
                    )
                } else {
                    "Сохранено: письмо будет приходить о каждом уведомлении.".to_string()
                }));
                settings.try_set(Some(s));
            },
        );
    };
    let hour = move || {
        settings.with(|s| {
            s.as_ref().map_or(String::new(), |s| {
                format!("в {:02}:00 ({})", s.digest_hour, s.time_zone)
            })
        })
    };
    view! {
        <form class="card form" on:submit=submit data-testid="mail-settings" novalidate=true>
            <h2>"Уведомления по почте"</h2>
            <Banner message />
            <ErrorBanner problem />
            <div class="field radio-list" role="radiogroup" aria-label="Как присылать письма">
                <label class="check">
                    <input type="radio" name="digest" value="immediate" data-testid="mail-immediate"
                        prop:checked=move || !digest.get() on:change=move |_| digest.set(false) />
                    <span>"Письмо о каждом уведомлении сразу"</span>
                </label>
                <label class="check">
                    <input type="radio" name="digest" value="digest" data-testid="mail-digest"
                        prop:checked=move || digest.get() on:change=move |_| digest.set(true) />
                    <span>"Одна сводка в день " {hour}</span>
                </label>
            </div>
            <p class="hint">"В приложении уведомления появляются сразу при любом выборе. Напоминание о занятии приходит накануне."</p>
            <SaveBar busy label="Сохранить" testid="save-mail-settings" />
        </form>
    }
}
