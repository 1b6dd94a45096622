//! `/users/new` and `/users/:id/edit` (with the password reset form).

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use tutornet_domain::permissions::{scope, Action, Resource, Scope};
use tutornet_domain::users::{User, UserCreate, UserUpdate};
use tutornet_domain::{FieldError, Problem, Role};

use super::parts::{ResetPassword, UserFields, UserValues};
use crate::api;
use crate::api::validation_problem;
use crate::auth::Auth;
use crate::routes::Route;
use crate::ui::card::Crumbs;
use crate::ui::form::is_version_conflict;
use crate::ui::form::ReloadOffer;
use crate::ui::{Banner, ErrorBanner};
use crate::util::{non_empty, set_title};

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
    let navigate = use_navigate();
    let query = use_query_map();

    let values = UserValues::new();
    let UserValues {
        email,
        full_name,
        role,
        municipality_id,
        school_id,
        position,
        password,
        active,
    } = values;
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
            match api::users::get(&id).await {
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
                        match api::users::create(&input).await {
                            Ok(u) => navigate(
                                &Route::UserEdit(u.id).with1("created", "1"),
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
                        match api::users::update(&id, &input).await {
                            Ok(u) => {
                                fill(&u);
                                original.try_set(Some(u));
                                message.try_set(Some("Изменения сохранены.".to_string()));
                            }
                            Err(mut p) => {
                                if is_version_conflict(&p) {
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
            <Crumbs parent=Route::Users parent_label="Пользователи" here=heading />
            <h1>{heading}</h1>
            <Banner message />
            <ErrorBanner problem />
            <ReloadOffer conflict />
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
                    <UserFields
                        values
                        problem
                        editing
                        original
                        role_options
                        municipality_options
                        municipality_locked=Signal::derive(move || own_municipality().is_some())
                        is_self=Signal::derive(is_self)
                    />
                    <div class="form-actions">
                        <button
                            type="submit"
                            class="btn btn-primary"
                            data-testid="save"
                            disabled=move || saving.get()
                        >
                            {move || if saving.get() { "Сохранение…" } else { "Сохранить" }}
                        </button>
                        <a class="btn btn-link" href=Route::Users.path()>"К списку"</a>
                    </div>
                </form>
                <Show when=move || editing && !is_self()>
                    <ResetPassword id=user_id.get_value() />
                </Show>
            </Show>
        </section>
    }
}
