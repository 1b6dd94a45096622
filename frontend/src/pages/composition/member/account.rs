//! The account block of the member card: whether the member has an account (login,
//! link to the user) and, for those who manage the composition, creating one (an
//! initial password handed out in person, or an invitation by e-mail) or linking an
//! existing user of the member's municipality. An initial password is shown once.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use tutornet_domain::accounts::{AccountsIssued, Delivery, IssuedAccount, MemberAccount};
use tutornet_domain::composition::{Member, MemberStatus};
use tutornet_domain::permissions::{Action, Resource};
use tutornet_domain::users::{User, UserFilter};
use tutornet_domain::{FieldError, Problem};

use crate::api;
use crate::auth::Auth;
use crate::routes::Route;
use crate::ui::form::{load, send, valid};
use crate::ui::{ErrorBanner, SelectField, TextField};
use crate::util::non_empty;

/// What the coordinator does with a member without an account.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Create,
    Link,
}

/// «приглашение действует до 09.12.2026 14:00».
pub fn invited_until(a: &IssuedAccount) -> Option<String> {
    a.invited_until
        .map(|t| format!("действует до {}", crate::ui::time::datetime_ru(t)))
}

/// The choice of delivery for new accounts, as radio buttons bound to `delivery`.
#[component]
pub fn DeliveryChoice(delivery: RwSignal<Delivery>, name: &'static str) -> impl IntoView {
    let option = move |d: Delivery, label: &'static str, hint: &'static str| {
        view! {
            <label class="check">
                <input type="radio" name=name value=d.as_str() data-testid=format!("delivery-{}", d.as_str())
                    prop:checked=move || delivery.get() == d on:change=move |_| delivery.set(d) />
                <span>{label} <span class="muted small">{format!(" — {hint}")}</span></span>
            </label>
        }
    };
    view! {
        <div class="field radio-list" role="radiogroup" aria-label="Как передать доступ">
            {option(Delivery::Password, "Пароль (выдать лично)", "начальный пароль и список XLSX; сменить при первом входе")}
            {option(Delivery::Invitation, "Приглашение по e-mail", "ссылка, чтобы задать пароль; действует 7 дней")}
        </div>
    }
}

#[component]
pub fn MemberAccountBlock(member: RwSignal<Option<Member>>) -> impl IntoView {
    let auth = Auth::get();
    let manages = move || {
        auth.can(Resource::Composition, Action::Update) && auth.can(Resource::User, Action::Create)
    };
    let user = RwSignal::new(None::<User>);
    let issued = RwSignal::new(None::<AccountsIssued>);
    let user_id = move || member.with(|m| m.as_ref().and_then(|m| m.user_id.clone()));
    let approved = move || {
        member.with(|m| {
            m.as_ref()
                .is_some_and(|m| m.status == MemberStatus::Approved)
        })
    };
    let problem = RwSignal::new(None::<Problem>);
    // The linked user, for those who may read users.
    Effect::new(move |prev: Option<Option<String>>| {
        let id = user_id();
        if id != prev.flatten() {
            if let Some(id) = id.clone() {
                if auth.can(Resource::User, Action::Read) {
                    let quiet = RwSignal::new(None::<Problem>);
                    load(quiet, async move { api::users::get(&id).await }, move |u| {
                        user.try_set(Some(u));
                    });
                }
            }
        }
        id
    });

    view! {
        <div class="card" data-testid="member-account">
            <h2>"Учётная запись"</h2>
            {move || issued.get().map(|out| view! { <Issued out /> })}
            {move || match user_id() {
                Some(id) => view! {
                    <p data-testid="account-exists">
                        {move || match user.get() {
                            Some(u) => view! {
                                <span>"Логин: " <span class="strong" data-testid="account-login">{u.email.clone()}</span></span>
                                {auth.can(Resource::User, Action::Update).then(|| view! {
                                    " · " <a href=Route::UserEdit(id.clone()).path() data-testid="account-user-link">{format!("пользователь «{}»", u.full_name)}</a>
                                })}
                            }.into_any(),
                            None => view! { <span>"Есть учётная запись."</span> }.into_any(),
                        }}
                    </p>
                }.into_any(),
                None if !approved() => view! {
                    <p class="muted" data-testid="account-none">"Нет. Учётная запись создаётся после утверждения приказом."</p>
                }.into_any(),
                None if !manages() => view! {
                    <p class="muted" data-testid="account-none">"Нет учётной записи."</p>
                }.into_any(),
                None => view! { <AccountForm member problem issued /> }.into_any(),
            }}
        </div>
    }
}

/// What was just created: the initial password (shown only now) or the invitation.
#[component]
fn Issued(out: AccountsIssued) -> impl IntoView {
    let a = out.accounts.first().cloned();
    let has_file = out.file_base64.is_some();
    let out = StoredValue::new(out);
    let download = move |_| {
        out.with_value(api::accounts::save_password_list);
    };
    a.map(|a| match (&a.initial_password, a.linked) {
        (Some(p), _) => view! {
            <div class="banner banner-ok secret" role="status" data-testid="issued-password">
                <p class="strong">"Учётная запись создана. Передайте данные для входа лично:"</p>
                <dl class="props">
                    <dt>"Логин"</dt><dd class="strong" data-testid="issued-login">{a.email.clone()}</dd>
                    <dt>"Начальный пароль"</dt><dd><code class="secret-value" data-testid="issued-secret">{p.clone()}</code></dd>
                </dl>
                <p class="small">"Пароль показан один раз и нигде не хранится в открытом виде. При первом входе его нужно сменить."</p>
                {has_file.then(|| view! {
                    <button type="button" class="btn" data-testid="issued-download" on:click=download>"Скачать список (XLSX)"</button>
                })}
            </div>
        }.into_any(),
        (None, true) => view! {
            <div class="banner banner-ok" role="status" data-testid="issued-linked">
                {format!("Участник связан с пользователем «{}» ({}).", a.full_name, a.email)}
            </div>
        }.into_any(),
        (None, false) => view! {
            <div class="banner banner-ok" role="status" data-testid="issued-invitation">
                {format!("Приглашение отправлено на {}", a.email)}
                {invited_until(&a).map(|s| format!("; {s}"))}
                "."
            </div>
        }.into_any(),
    })
}

#[component]
fn AccountForm(
    member: RwSignal<Option<Member>>,
    problem: RwSignal<Option<Problem>>,
    issued: RwSignal<Option<AccountsIssued>>,
) -> impl IntoView {
    let mode = RwSignal::new(None::<Mode>);
    let email = RwSignal::new(String::new());
    let delivery = RwSignal::new(Delivery::Password);
    let link_to = RwSignal::new(String::new());
    let users = RwSignal::new(None::<Vec<User>>);
    let busy = RwSignal::new(false);
    let municipality = move || {
        member.with_untracked(|m| {
            m.as_ref()
                .map(|m| m.municipality_id.clone())
                .unwrap_or_default()
        })
    };
    let open_link = move |_| {
        mode.set(Some(Mode::Link));
        problem.set(None);
        if users.with_untracked(Option::is_none) {
            let filter = UserFilter {
                municipality_id: non_empty(municipality()),
                active: Some(true),
                ..Default::default()
            };
            load(
                problem,
                async move { api::users::list_all(&filter).await },
                move |u| {
                    users.try_set(Some(u));
                },
            );
        }
    };
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some(m) = member.get_untracked() else {
            return;
        };
        let body = match mode.get_untracked() {
            Some(Mode::Link) => {
                if link_to.with_untracked(String::is_empty) {
                    valid(
                        problem,
                        vec![FieldError::new(
                            "user_id",
                            "required",
                            "Выберите пользователя",
                        )],
                    );
                    return;
                }
                MemberAccount {
                    user_id: Some(link_to.get_untracked()),
                    email: None,
                    delivery: None,
                }
            }
            _ => MemberAccount {
                user_id: None,
                email: Some(email.get_untracked().trim().to_string()),
                delivery: Some(delivery.get_untracked()),
            },
        };
        if !valid(problem, body.validate().err().unwrap_or_default()) {
            return;
        }
        send(
            busy,
            problem,
            async move { api::accounts::member_account(&m.id, &body).await },
            move |out| {
                let uid = out.accounts.first().map(|a| a.user_id.clone());
                issued.try_set(Some(out));
                member.try_update(|m| {
                    if let Some(m) = m {
                        m.user_id = uid;
                    }
                });
            },
        );
    };
    let user_options = Signal::derive(move || {
        users.with(|u| {
            u.iter()
                .flatten()
                .map(|u| (u.id.clone(), format!("{} — {}", u.full_name, u.email)))
                .collect::<Vec<_>>()
        })
    });
    view! {
        <p class="muted" data-testid="account-none">"Нет учётной записи: участник не может войти в систему."</p>
        <ErrorBanner problem />
        <Show when=move || mode.get().is_none()>
            <div class="actions">
                <button type="button" class="btn btn-primary" data-testid="account-create"
                    on:click=move |_| { problem.set(None); mode.set(Some(Mode::Create)); }>"Создать учётную запись"</button>
                <button type="button" class="btn" data-testid="account-link" on:click=open_link>"Связать с существующей"</button>
            </div>
        </Show>
        <Show when=move || mode.get().is_some()>
            <form class="form" on:submit=submit novalidate=true data-testid="account-form">
                {move || if mode.get() == Some(Mode::Link) {
                    view! {
                        <SelectField label="Пользователь муниципалитета" name="user_id" value=link_to options=user_options
                            problem placeholder="— выберите —" required=true
                            hint="Активные пользователи того же муниципалитета, ещё не связанные с участником." />
                    }.into_any()
                } else {
                    view! {
                        <TextField label="Электронная почта (логин)" name="email" kind="email" value=email problem required=true autocomplete="off" />
                        <DeliveryChoice delivery name="delivery" />
                    }.into_any()
                }}
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary" data-testid="account-submit" disabled=move || busy.get()>
                        {move || match (busy.get(), mode.get()) {
                            (true, _) => "Сохранение…",
                            (false, Some(Mode::Link)) => "Связать",
                            _ => "Создать",
                        }}
                    </button>
                    <button type="button" class="btn btn-link" on:click=move |_| { problem.set(None); mode.set(None); }>"Отмена"</button>
                </div>
            </form>
        </Show>
    }
}
