//! `/users/new` and `/users/:id/edit` (with the password reset form).

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};
use tutornet_domain::permissions::{scope, Action, Resource, Scope};
use tutornet_domain::users::User;
use tutornet_domain::{FieldError, Problem, Role};

use super::invite::InviteUser;
use super::parts::{ResetPassword, UserFields, UserValues};
use crate::api;
use crate::auth::Auth;
use crate::routes::Route;
use crate::ui::card::{Crumbs, Loaded};
use crate::ui::form::{
    field_problem, for_route_id, form_title, is_version_conflict, mark_conflict, send, send_or,
    valid, ReloadOffer, SaveBar,
};
use crate::ui::{Banner, ErrorBanner};
use crate::util::set_title;

const CONFLICT_MESSAGE: &str = "Пользователя изменил кто-то другой — обновите страницу.";

#[component]
pub fn UserFormPage() -> impl IntoView {
    for_route_id(|id| view! { <UserForm id /> })
}

#[component]
fn UserForm(id: Option<String>) -> impl IntoView {
    let editing = form_title(&id, "Изменение пользователя", "Новый пользователь");
    let auth = Auth::get();
    let navigate = use_navigate();
    let query = use_query_map();

    let values = UserValues::new();
    let municipality_id = values.municipality_id;
    let original = RwSignal::new(None::<User>);
    let problem = RwSignal::new(None::<Problem>);
    let message = RwSignal::new(
        query
            .with_untracked(|q| q.get("created"))
            .map(|c| match c.as_str() {
                "invited" => "Пользователь создан, приглашение отправлено на почту.",
                _ => "Пользователь создан. Сообщите ему адрес для входа и пароль.",
            })
            .map(str::to_string),
    );
    let conflict = RwSignal::new(false);
    let saving = RwSignal::new(false);
    let ready = RwSignal::new(!editing);

    let fill = move |u: &User| {
        values.fill(u);
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
            let target =
                original.with_untracked(|o| o.as_ref().map(|u| (u.id.clone(), u.meta.version)));
            message.set(None);
            let navigate = navigate.clone();
            match target {
                None => {
                    let input = values.create_input();
                    let invited = input.password.is_none();
                    let mut errs = input.validate().err().unwrap_or_default();
                    // Without a role the domain check skips the name; ask for it anyway.
                    if input.role.is_none() && input.full_name.is_empty() {
                        errs.insert(
                            0,
                            FieldError::new("full_name", "required", "Заполните это поле"),
                        );
                    }
                    if !valid(problem, errs) {
                        return;
                    }
                    send(
                        saving,
                        problem,
                        async move { api::users::create(&input).await },
                        move |u| {
                            let how = if invited { "invited" } else { "1" };
                            navigate(
                                &Route::UserEdit(u.id).with1("created", how),
                                Default::default(),
                            )
                        },
                    );
                }
                Some((id, version)) => {
                    let Some(input) = values.update_input(version) else {
                        field_problem(problem, "role", "required", "Выберите роль");
                        return;
                    };
                    if !valid(problem, input.validate().err().unwrap_or_default()) {
                        return;
                    }
                    conflict.set(false);
                    send_or(
                        saving,
                        problem,
                        async move { api::users::update(&id, &input).await },
                        move |u| {
                            fill(&u);
                            original.try_set(Some(u));
                            message.try_set(Some("Изменения сохранены.".to_string()));
                        },
                        move |p| {
                            if is_version_conflict(p) {
                                mark_conflict(p, CONFLICT_MESSAGE, conflict);
                            }
                        },
                    );
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
            <Loaded problem loaded=ready>
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
                    <SaveBar busy=saving back=Route::Users.path() back_label="К списку" />
                </form>
                <Show when=move || editing && !is_self()>
                    <InviteUser id=user_id.get_value() />
                    <ResetPassword id=user_id.get_value() />
                </Show>
            </Loaded>
        </section>
    }
}
