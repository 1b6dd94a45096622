//! `/users`: people of the user's scope.

use std::collections::HashMap;
use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use tutornet_domain::org::School;
use tutornet_domain::permissions::{Action, Resource};
use tutornet_domain::users::User;
use tutornet_domain::{Page, Role};

use crate::auth::Auth;
use crate::components::{ErrorBanner, LoadMore, Paged};
use crate::util::{datetime_ru, plural, set_title};

/// Short names of the schools the user can see, to name users' workplaces.
pub fn load_school_names(auth: Auth, target: RwSignal<HashMap<String, String>>) {
    let api = auth.api();
    spawn_local(async move {
        let q = vec![
            ("limit", "200".to_string()),
            ("include_archived", "true".to_string()),
        ];
        if let Ok(page) = api.get::<Page<School>>("/schools", q).await {
            target.try_set(
                page.items
                    .into_iter()
                    .map(|s| (s.id, s.short_name))
                    .collect(),
            );
        }
    });
}

#[component]
pub fn UsersPage() -> impl IntoView {
    set_title("Пользователи");
    let auth = Auth::get();
    let api = auth.api();
    let q = RwSignal::new(String::new());
    let q_applied = RwSignal::new(String::new());
    let role = RwSignal::new(String::new());
    let active = RwSignal::new(String::new());
    let municipality_id = RwSignal::new(String::new());
    let schools = RwSignal::new(HashMap::<String, String>::new());
    load_school_names(auth, schools);

    let list = Paged::<User>::new();
    let fetch = move |cursor: Option<String>| {
        let mut pairs = vec![
            ("q", q_applied.get_untracked()),
            ("role", role.get_untracked()),
            ("active", active.get_untracked()),
            ("municipality_id", municipality_id.get_untracked()),
            ("limit", "50".to_string()),
        ];
        if let Some(c) = cursor {
            pairs.push(("cursor", c));
        }
        async move { api.get::<Page<User>>("/users", pairs).await }
    };
    Effect::new(move |_| {
        q_applied.track();
        role.track();
        active.track();
        municipality_id.track();
        list.load(None, fetch);
    });
    let typing = StoredValue::new(0u32);
    let on_q = move |v: String| {
        q.set(v);
        let my = typing.get_value().wrapping_add(1);
        typing.set_value(my);
        set_timeout(
            move || {
                if typing.try_get_value() == Some(my) {
                    let v = q.get_untracked().trim().to_string();
                    if v != q_applied.get_untracked() {
                        q_applied.set(v);
                    }
                }
            },
            Duration::from_millis(300),
        );
    };

    let many_municipalities = move || auth.many_municipalities(Resource::User);
    let can_edit = move || auth.can(Resource::User, Action::Update);

    let workplace = move |u: &User| -> String {
        let school = u
            .school_id
            .as_ref()
            .and_then(|id| schools.with(|s| s.get(id).cloned()));
        let mun = u
            .municipality_id
            .as_ref()
            .and_then(|id| auth.municipality_name(id));
        match (school, mun) {
            (Some(s), Some(m)) if many_municipalities() => format!("{s}, {m}"),
            (Some(s), _) => s,
            (None, Some(m)) => m,
            (None, None) => "—".to_string(),
        }
    };

    let row = move |u: User| {
        let href = format!("/users/{}/edit", u.id);
        let name = u.full_name.clone();
        let u2 = u.clone();
        view! {
            <tr data-testid="user-row" class:archived=!u.active>
                <td data-label="ФИО">
                    {move || {
                        if can_edit() {
                            view! { <a class="strong" href=href.clone()>{name.clone()}</a> }.into_any()
                        } else {
                            view! { <span class="strong">{name.clone()}</span> }.into_any()
                        }
                    }}
                    <div class="muted small">{u.position.clone().unwrap_or_default()}</div>
                </td>
                <td data-label="Роль">{u.role.label_ru()}</td>
                <td data-label="Место работы">{move || workplace(&u2)}</td>
                <td data-label="E-mail" class="nowrap">{u.email.clone()}</td>
                <td data-label="Статус">
                    {if u.active {
                        view! { <span class="badge badge-active">"Активен"</span> }.into_any()
                    } else {
                        view! { <span class="badge badge-archived">"Отключён"</span> }.into_any()
                    }}
                </td>
                <td data-label="Последний вход" class="nowrap">
                    {u.last_login_at.map(datetime_ru).unwrap_or_else(|| "не входил".to_string())}
                </td>
            </tr>
        }
    };

    let role_options = move || {
        Role::ALL
            .into_iter()
            .map(|r| {
                view! {
                    <option value=r.as_str() prop:selected=move || role.with(|v| v == r.as_str())>
                        {r.label_ru()}
                    </option>
                }
            })
            .collect_view()
    };

    view! {
        <section class="page" data-testid="users-page">
            <div class="page-head">
                <h1>"Пользователи"</h1>
                <Show when=move || auth.can(Resource::User, Action::Create)>
                    <a class="btn btn-primary" href="/users/new" data-testid="add-user">
                        "Добавить пользователя"
                    </a>
                </Show>
            </div>
            <form class="filters" role="search" on:submit=move |ev| {
                ev.prevent_default();
                q_applied.set(q.get_untracked().trim().to_string());
            }>
                <label class="filter-field filter-q">
                    <span class="filter-label">"Поиск"</span>
                    <input
                        type="search"
                        name="q"
                        placeholder="ФИО или e-mail"
                        autocomplete="off"
                        prop:value=move || q.get()
                        on:input:target=move |ev| on_q(ev.target().value())
                    />
                </label>
                <label class="filter-field">
                    <span class="filter-label">"Роль"</span>
                    <select name="role" on:change:target=move |ev| role.set(ev.target().value())>
                        <option value="" prop:selected=move || role.with(String::is_empty)>"Все роли"</option>
                        {role_options}
                    </select>
                </label>
                <label class="filter-field">
                    <span class="filter-label">"Статус"</span>
                    <select name="active" on:change:target=move |ev| active.set(ev.target().value())>
                        <option value="">"Все"</option>
                        <option value="true">"Активные"</option>
                        <option value="false">"Отключённые"</option>
                    </select>
                </label>
                <Show when=many_municipalities>
                    <label class="filter-field">
                        <span class="filter-label">"Муниципалитет"</span>
                        <select
                            name="municipality_id"
                            on:change:target=move |ev| municipality_id.set(ev.target().value())
                        >
                            <option value="">"Все муниципалитеты"</option>
                            {move || {
                                auth.municipality_choices(Resource::User)
                                    .into_iter()
                                    .map(|m| view! { <option value=m.id>{m.name}</option> })
                                    .collect_view()
                            }}
                        </select>
                    </label>
                </Show>
            </form>
            <ErrorBanner problem=list.error />
            <p class="total" data-testid="users-total">
                {move || {
                    list.total
                        .get()
                        .map(|t| format!("Найдено: {t} {}", plural(t, "пользователь", "пользователя", "пользователей")))
                }}
            </p>
            <Show when=move || list.reloading()>
                <p class="loading" data-testid="loading">"Загрузка…"</p>
            </Show>
            <Show when=move || list.empty()>
                <div class="empty" data-testid="empty">
                    <p class="empty-title">"Пользователи не найдены"</p>
                    <p class="muted">"Измените условия поиска."</p>
                </div>
            </Show>
            <Show when=move || !list.items.with(Vec::is_empty)>
                <table class="table" class:stale=move || list.reloading() data-testid="users-table">
                    <thead>
                        <tr>
                            <th scope="col">"ФИО"</th>
                            <th scope="col">"Роль"</th>
                            <th scope="col">"Место работы"</th>
                            <th scope="col">"E-mail"</th>
                            <th scope="col">"Статус"</th>
                            <th scope="col">"Последний вход"</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For
                            each=move || list.items.get()
                            key=|u| (u.id.clone(), u.meta.version)
                            children=row
                        />
                    </tbody>
                </table>
                <LoadMore
                    shown=Signal::derive(move || list.items.with(Vec::len))
                    total=list.total
                    has_more=Signal::derive(move || list.next.with(Option::is_some))
                    loading=list.loading
                    on_more=Callback::new(move |_| list.more(fetch))
                />
            </Show>
        </section>
    }
}
