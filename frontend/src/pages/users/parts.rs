//! Pieces of the user form: the values, the fields, and the password reset an
//! administrator gives another user.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use tutornet_domain::users::{PasswordReset, User, UserCreate, UserUpdate};
use tutornet_domain::{Problem, Role};

use crate::api;
use crate::ui::choices::MunicipalityField;
use crate::ui::fields::NewPasswordField;
use crate::ui::form::{send, valid};
use crate::ui::picker::SchoolPicker;
use crate::ui::time::datetime_ru;
use crate::ui::{Banner, CheckboxField, ErrorBanner, SelectField, TextField};
use crate::util::non_empty;

/// Every value of the user form.
#[derive(Clone, Copy)]
pub struct UserValues {
    pub email: RwSignal<String>,
    pub full_name: RwSignal<String>,
    pub role: RwSignal<String>,
    pub municipality_id: RwSignal<String>,
    pub school_id: RwSignal<String>,
    pub position: RwSignal<String>,
    pub password: RwSignal<String>,
    /// A new user gets an e-mailed invitation instead of a password typed here.
    pub invite: RwSignal<bool>,
    pub active: RwSignal<bool>,
}

impl UserValues {
    pub fn new() -> Self {
        Self {
            email: RwSignal::new(String::new()),
            full_name: RwSignal::new(String::new()),
            role: RwSignal::new(String::new()),
            municipality_id: RwSignal::new(String::new()),
            school_id: RwSignal::new(String::new()),
            position: RwSignal::new(String::new()),
            password: RwSignal::new(String::new()),
            invite: RwSignal::new(true),
            active: RwSignal::new(true),
        }
    }
}

impl UserValues {
    /// Shows a stored user.
    pub fn fill(&self, u: &User) {
        self.email.set(u.email.clone());
        self.full_name.set(u.full_name.clone());
        self.role.set(u.role.as_str().to_string());
        self.municipality_id
            .set(u.municipality_id.clone().unwrap_or_default());
        self.school_id.set(u.school_id.clone().unwrap_or_default());
        self.position.set(u.position.clone().unwrap_or_default());
        self.active.set(u.active);
    }

    /// The chosen role, with the municipality and school it needs (others are dropped).
    fn placement(&self) -> (Option<Role>, Option<String>, Option<String>) {
        let r = Role::parse(&self.role.get_untracked());
        let mun = r
            .filter(|r| r.needs_municipality())
            .and_then(|_| non_empty(self.municipality_id.get_untracked()));
        let school = r
            .filter(|r| r.needs_school())
            .and_then(|_| non_empty(self.school_id.get_untracked()));
        (r, mun, school)
    }

    /// A new user from the form.
    pub fn create_input(&self) -> UserCreate {
        let (role, municipality_id, school_id) = self.placement();
        UserCreate {
            email: self.email.get_untracked().trim().to_string(),
            full_name: self.full_name.get_untracked().trim().to_string(),
            role,
            municipality_id,
            school_id,
            position: non_empty(self.position.get_untracked()),
            password: (!self.invite.get_untracked()).then(|| self.password.get_untracked()),
        }
    }

    /// The changes of a stored user, or `None` without a role.
    pub fn update_input(&self, version: i32) -> Option<UserUpdate> {
        let (role, municipality_id, school_id) = self.placement();
        Some(UserUpdate {
            email: self.email.get_untracked().trim().to_string(),
            full_name: self.full_name.get_untracked().trim().to_string(),
            role: role?,
            municipality_id,
            school_id,
            position: non_empty(self.position.get_untracked()),
            active: self.active.get_untracked(),
            version,
        })
    }
}

impl Default for UserValues {
    fn default() -> Self {
        Self::new()
    }
}

/// The fields of the user form; which appear depends on the chosen role.
#[component]
pub fn UserFields(
    values: UserValues,
    problem: RwSignal<Option<Problem>>,
    editing: bool,
    original: RwSignal<Option<User>>,
    #[prop(into)] role_options: Signal<Vec<(String, String)>>,
    #[prop(into)] municipality_options: Signal<Vec<(String, String)>>,
    municipality_locked: Signal<bool>,
    is_self: Signal<bool>,
) -> impl IntoView {
    let UserValues {
        email,
        full_name,
        role,
        municipality_id,
        school_id,
        position,
        password,
        invite,
        active,
    } = values;
    let chosen_role = move || Role::parse(&role.get());
    let needs_municipality = move || chosen_role().is_some_and(Role::needs_municipality);
    let needs_school = move || chosen_role().is_some_and(Role::needs_school);
    view! {
            <TextField
                label="ФИО полностью"
                name="full_name"
                value=full_name
                problem
                required=true
                autocomplete="off"
                hint="Например: Иванова Анна Петровна"
            />
            <TextField
                label="Электронная почта"
                name="email"
                kind="email"
                value=email
                problem
                required=true
                autocomplete="off"
                hint="Служит логином для входа."
            />
            <SelectField
                label="Роль"
                name="role"
                value=role
                options=role_options
                problem
                placeholder="— выберите роль —"
                required=true
                disabled=is_self
            />
            <Show when=needs_municipality>
                <MunicipalityField
                    value=municipality_id
                    options=municipality_options
                    problem
                    disabled=municipality_locked
                />
            </Show>
            <Show when=needs_school>
                <SchoolPicker
                    label="Школа"
                    name="school_id"
                    value=school_id
                    municipality_id=municipality_id
                    problem
                    required=true
                />
            </Show>
            <TextField
                label="Должность"
                name="position"
                value=position
                problem
                hint="Например: учитель математики, заместитель директора по УВР"
            />
            <Show when=move || !editing>
                <CheckboxField
                    label="Отправить приглашение на почту"
                    name="invite"
                    checked=invite
                    problem
                    hint="Пользователь получит ссылку и сам задаст пароль (ссылка действует 7 дней)."
                />
            </Show>
            <Show when=move || !editing && !invite.get()>
                <TextField
                    label="Пароль"
                    name="password"
                    kind="password"
                    value=password
                    problem
                    required=true
                    autocomplete="new-password"
                    hint="Не короче 10 символов. Попросите пользователя сменить его после входа."
                />
            </Show>
            <Show when=move || editing>
                <CheckboxField
                    label="Учётная запись активна"
                    name="active"
                    checked=active
                    problem
                    disabled=is_self
                    hint="Снимите отметку, чтобы запретить вход (например, при увольнении)."
                />
                {move || {
                    original
                        .get()
                        .map(|u| {
                            view! {
                                <p class="hint">
                                    {format!(
                                        "Создан {}, изменён {}. Последний вход: {}.",
                                        datetime_ru(u.meta.created_at),
                                        datetime_ru(u.meta.updated_at),
                                        u.last_login_at
                                            .map(datetime_ru)
                                            .unwrap_or_else(|| "не входил".to_string()),
                                    )}
                                </p>
                            }
                        })
                }}
            </Show>
    }
}

/// «Сбросить пароль»: an admin or coordinator sets a new password for the user.
#[component]
pub fn ResetPassword(id: String) -> impl IntoView {
    let new_password = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<Problem>);
    let message = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let body = PasswordReset {
            new_password: new_password.get_untracked(),
        };
        message.set(None);
        if !valid(problem, body.validate().err().unwrap_or_default()) {
            return;
        }
        let id = id.clone();
        send(
            busy,
            problem,
            async move { api::users::reset_password(&id, &body).await },
            move |_| {
                new_password.try_set(String::new());
                message.try_set(Some(
                    "Новый пароль установлен. Сообщите его пользователю.".to_string(),
                ));
            },
        );
    };
    view! {
        <form class="card form" on:submit=submit data-testid="reset-password-form" novalidate=true>
            <h2>"Сбросить пароль"</h2>
            <Banner message />
            <ErrorBanner problem />
            <NewPasswordField value=new_password problem />
            <div class="form-actions">
                <button type="submit" class="btn" data-testid="reset-password" disabled=move || busy.get()>
                    "Сбросить пароль"
                </button>
            </div>
        </form>
    }
}
