//! `/users/new` and `/users/:id/edit` (with the password reset form).

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use tutornet_domain::org::School;
use tutornet_domain::permissions::{scope, Action, Resource, Scope};
use tutornet_domain::text::sort_ru;
use tutornet_domain::users::{PasswordReset, User, UserCreate, UserUpdate};
use tutornet_domain::{FieldError, Page, Problem, Role};

use crate::api::validation_problem;
use crate::auth::Auth;
use crate::components::{Banner, CheckboxField, ErrorBanner, SelectField, TextField};
use crate::pages::school_form::reload_page;
use crate::util::{datetime_ru, non_empty, set_title};

#[component]
pub fn UserFormPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id")));
    move || {
        let id = id.get();
        view! { <UserForm id /> }
    }
}

#[component]
fn UserForm(id: Option<String>) -> impl IntoView {
    let editing = id.is_some();
    set_title(if editing {
        "Изменение пользователя"
    } else {
        "Новый пользователь"
    });
    let auth = Auth::get();
    let api = auth.api();
    let navigate = use_navigate();
    let query = use_query_map();

    let email = RwSignal::new(String::new());
    let full_name = RwSignal::new(String::new());
    let role = RwSignal::new(String::new());
    let municipality_id = RwSignal::new(String::new());
    let school_id = RwSignal::new(String::new());
    let position = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let active = RwSignal::new(true);

    let original = RwSignal::new(None::<User>);
    let problem = RwSignal::new(None::<Problem>);
    let message = RwSignal::new(
        query
            .with_untracked(|q| q.get("created"))
            .map(|_| "Пользователь создан. Сообщите ему адрес для входа и пароль.".to_string()),
    );
    let conflict = RwSignal::new(false);
    let saving = RwSignal::new(false);
    let ready = RwSignal::new(!editing);

    let fill = move |u: &User| {
        email.set(u.email.clone());
        full_name.set(u.full_name.clone());
        role.set(u.role.as_str().to_string());
        municipality_id.set(u.municipality_id.clone().unwrap_or_default());
        school_id.set(u.school_id.clone().unwrap_or_default());
        position.set(u.position.clone().unwrap_or_default());
        active.set(u.active);
        set_title(&u.full_name);
    };
    if let Some(id) = id.clone() {
        spawn_local(async move {
            match api.get::<User>(&format!("/users/{id}"), Vec::new()).await {
                Ok(u) => {
                    fill(&u);
                    original.set(Some(u));
                    ready.set(true);
                }
                Err(p) => {
                    problem.try_set(Some(p));
                }
            }
        });
    }

    // A coordinator creates users of their own municipality only.
    let own_municipality = move || {
        auth.me.with(|m| {
            m.as_ref().and_then(|m| {
                (scope(m.role, Resource::User, Action::Create) == Some(Scope::Municipality))
                    .then(|| m.municipality_id.clone())
                    .flatten()
            })
        })
    };
    if !editing {
        Effect::new(move |_| {
            if let Some(m) = own_municipality() {
                if municipality_id.get_untracked().is_empty() {
                    municipality_id.set(m);
                }
            }
        });
    }

    let chosen_role = move || Role::parse(&role.get());
    let needs_municipality = move || chosen_role().is_some_and(Role::needs_municipality);
    let needs_school = move || chosen_role().is_some_and(Role::needs_school);

    let role_options = Signal::derive(move || {
        let me_role = auth.role();
        let current = original.with(|o| o.as_ref().map(|u| u.role));
        Role::ALL
            .into_iter()
            .filter(|r| me_role.can_assign(*r) || Some(*r) == current)
            .map(|r| (r.as_str().to_string(), r.label_ru().to_string()))
            .collect::<Vec<_>>()
    });
    let municipality_options = Signal::derive(move || {
        let own = own_municipality();
        auth.municipality_choices(Resource::User)
            .into_iter()
            .filter(|m| own.as_ref().is_none_or(|o| *o == m.id))
            .map(|m| (m.id, m.name))
            .collect::<Vec<_>>()
    });

    let schools = RwSignal::new(Vec::<(String, String)>::new());
    let school_seq = StoredValue::new(0u32);
    Effect::new(move |_| {
        let m = municipality_id.get();
        let my = school_seq.get_value().wrapping_add(1);
        school_seq.set_value(my);
        if m.is_empty() {
            schools.set(Vec::new());
            return;
        }
        spawn_local(async move {
            let q = vec![("municipality_id", m), ("limit", "200".to_string())];
            if let Ok(page) = api.get::<Page<School>>("/schools", q).await {
                if school_seq.try_get_value() != Some(my) {
                    return;
                }
                let mut items = page.items;
                sort_ru(&mut items, |s| &s.short_name);
                let list: Vec<(String, String)> =
                    items.into_iter().map(|s| (s.id, s.short_name)).collect();
                if !school_id.get_untracked().is_empty()
                    && !list.iter().any(|(id, _)| *id == school_id.get_untracked())
                {
                    school_id.try_set(String::new());
                }
                schools.try_set(list);
            }
        });
    });

    let submit = {
        let navigate = navigate.clone();
        move |ev: SubmitEvent| {
            ev.prevent_default();
            if saving.get_untracked() {
                return;
            }
            let r = Role::parse(&role.get_untracked());
            let mun = r
                .filter(|r| r.needs_municipality())
                .and_then(|_| non_empty(municipality_id.get_untracked()));
            let school = r
                .filter(|r| r.needs_school())
                .and_then(|_| non_empty(school_id.get_untracked()));
            let target =
                original.with_untracked(|o| o.as_ref().map(|u| (u.id.clone(), u.meta.version)));
            message.set(None);
            let navigate = navigate.clone();
            match target {
                None => {
                    let input = UserCreate {
                        email: email.get_untracked().trim().to_string(),
                        full_name: full_name.get_untracked().trim().to_string(),
                        role: r,
                        municipality_id: mun,
                        school_id: school,
                        position: non_empty(position.get_untracked()),
                        password: password.get_untracked(),
                    };
                    let mut errs = input.validate().err().unwrap_or_default();
                    // Without a role the domain check skips the name; ask for it anyway.
                    if input.role.is_none() && input.full_name.is_empty() {
                        errs.insert(
                            0,
                            FieldError::new("full_name", "required", "Заполните это поле"),
                        );
                    }
                    if !errs.is_empty() {
                        problem.set(Some(validation_problem(errs)));
                        return;
                    }
                    saving.set(true);
                    problem.set(None);
                    spawn_local(async move {
                        match api.post::<_, User>("/users", &input).await {
                            Ok(u) => navigate(
                                &format!("/users/{}/edit?created=1", u.id),
                                Default::default(),
                            ),
                            Err(p) => {
                                problem.try_set(Some(p));
                            }
                        }
                        saving.try_set(false);
                    });
                }
                Some((id, version)) => {
                    let Some(r) = r else {
                        problem.set(Some(validation_problem(vec![FieldError::new(
                            "role",
                            "required",
                            "Выберите роль",
                        )])));
                        return;
                    };
                    let input = UserUpdate {
                        email: email.get_untracked().trim().to_string(),
                        full_name: full_name.get_untracked().trim().to_string(),
                        role: r,
                        municipality_id: mun,
                        school_id: school,
                        position: non_empty(position.get_untracked()),
                        active: active.get_untracked(),
                        version,
                    };
                    if let Err(errs) = input.validate() {
                        problem.set(Some(validation_problem(errs)));
                        return;
                    }
                    saving.set(true);
                    problem.set(None);
                    conflict.set(false);
                    spawn_local(async move {
                        match api.put::<_, User>(&format!("/users/{id}"), &input).await {
                            Ok(u) => {
                                fill(&u);
                                original.try_set(Some(u));
                                message.try_set(Some("Изменения сохранены.".to_string()));
                            }
                            Err(mut p) => {
                                if p.code == "version_conflict" {
                                    p.title = "Конфликт изменений.".to_string();
                                    p.detail =
                                        "Пользователя изменил кто-то другой — обновите страницу."
                                            .to_string();
                                    conflict.try_set(true);
                                }
                                problem.try_set(Some(p));
                            }
                        }
                        saving.try_set(false);
                    });
                }
            }
        }
    };

    let heading = move || {
        original.with(|o| match o {
            Some(u) => u.full_name.clone(),
            None if editing => "Изменение пользователя".to_string(),
            None => "Новый пользователь".to_string(),
        })
    };
    let is_self = move || {
        let me_id = auth.me.with(|m| m.as_ref().map(|m| m.id.clone()));
        original.with(|o| o.as_ref().map(|u| u.id.clone())) == me_id && me_id.is_some()
    };

    let user_id = StoredValue::new(id.clone().unwrap_or_default());
    view! {
        <section class="page narrow" data-testid="user-form-page">
            <p class="crumbs">
                <a href="/users">"Пользователи"</a>
                " / "
                <span>{heading}</span>
            </p>
            <h1>{heading}</h1>
            <Banner message />
            <ErrorBanner problem />
            <Show when=move || conflict.get()>
                <p>
                    <button type="button" class="btn" on:click=|_| reload_page()>
                        "Обновить страницу"
                    </button>
                </p>
            </Show>
            <Show
                when=move || ready.get()
                fallback=move || {
                    view! {
                        <Show when=move || problem.with(Option::is_none)>
                            <p class="loading" data-testid="loading">"Загрузка…"</p>
                        </Show>
                    }
                }
            >
                <form class="card form" on:submit=submit.clone() data-testid="user-form" novalidate=true>
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
                        disabled=Signal::derive(is_self)
                    />
                    <Show when=needs_municipality>
                        <SelectField
                            label="Муниципалитет"
                            name="municipality_id"
                            value=municipality_id
                            options=municipality_options
                            problem
                            placeholder="— выберите муниципалитет —"
                            required=true
                            disabled=Signal::derive(move || own_municipality().is_some())
                        />
                    </Show>
                    <Show when=needs_school>
                        <SelectField
                            label="Школа"
                            name="school_id"
                            value=school_id
                            options=schools
                            problem
                            placeholder="— выберите школу —"
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
                            disabled=Signal::derive(is_self)
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
                    <div class="form-actions">
                        <button
                            type="submit"
                            class="btn btn-primary"
                            data-testid="save"
                            disabled=move || saving.get()
                        >
                            {move || if saving.get() { "Сохранение…" } else { "Сохранить" }}
                        </button>
                        <a class="btn btn-link" href="/users">"К списку"</a>
                    </div>
                </form>
                <Show when=move || editing && !is_self()>
                    <ResetPassword id=user_id.get_value() />
                </Show>
            </Show>
        </section>
    }
}

/// «Сбросить пароль»: an admin or coordinator sets a new password for the user.
#[component]
fn ResetPassword(id: String) -> impl IntoView {
    let auth = Auth::get();
    let api = auth.api();
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
        if let Err(errs) = body.validate() {
            problem.set(Some(validation_problem(errs)));
            return;
        }
        busy.set(true);
        problem.set(None);
        let id = id.clone();
        spawn_local(async move {
            match api
                .post_maybe::<_, serde_json::Value>(&format!("/users/{id}/password"), &body)
                .await
            {
                Ok(_) => {
                    new_password.try_set(String::new());
                    message.try_set(Some(
                        "Новый пароль установлен. Сообщите его пользователю.".to_string(),
                    ));
                }
                Err(p) => {
                    problem.try_set(Some(p));
                }
            }
            busy.try_set(false);
        });
    };
    view! {
        <form class="card form" on:submit=submit data-testid="reset-password-form" novalidate=true>
            <h2>"Сбросить пароль"</h2>
            <Banner message />
            <ErrorBanner problem />
            <TextField
                label="Новый пароль"
                name="new_password"
                kind="password"
                value=new_password
                problem
                autocomplete="new-password"
                hint="Не короче 10 символов."
            />
            <div class="form-actions">
                <button type="submit" class="btn" data-testid="reset-password" disabled=move || busy.get()>
                    "Сбросить пароль"
                </button>
            </div>
        </form>
    }
}
