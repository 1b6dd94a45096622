//! `/users`: people of the user's scope.

use std::collections::HashMap;

use leptos::prelude::*;
use leptos::task::spawn_local;
use tutornet_domain::org::SchoolFilter;
use tutornet_domain::permissions::{Action, Resource};
use tutornet_domain::users::{User, UserFilter};
use tutornet_domain::Role;

use crate::api;
use crate::auth::Auth;
use crate::routes::Route;
use crate::ui::filters::{FilterField, MunicipalityFilter, SearchField};
use crate::ui::layout::{CreateLink, PageHead};
use crate::ui::table::{columns, PagedTable};
use crate::ui::time::datetime_ru;
use crate::ui::Paged;
use crate::util::{non_empty, plural, set_title};

/// Short names of the schools the user can see, to name users' workplaces.
fn load_school_names(target: RwSignal<HashMap<String, String>>) {
    spawn_local(async move {
        let filter = SchoolFilter {
            include_archived: Some(true),
            ..Default::default()
        };
        if let Ok(items) = api::schools::list_all(&filter).await {
            target.try_set(items.into_iter().map(|s| (s.id, s.short_name)).collect());
        }
    });
}

#[component]
pub fn UsersPage() -> impl IntoView {
    set_title("Пользователи");
    let auth = Auth::get();
    let q = RwSignal::new(String::new());
    let q_applied = RwSignal::new(String::new());
    let role = RwSignal::new(String::new());
    let active = RwSignal::new(String::new());
    let municipality_id = RwSignal::new(String::new());
    let schools = RwSignal::new(HashMap::<String, String>::new());
    load_school_names(schools);
    let list = Paged::<User>::new();
    let fetch = move |cursor: Option<String>| {
        let filter = UserFilter {
            q: non_empty(q_applied.get_untracked()),
            role: Role::parse(&role.get_untracked()),
            active: active.get_untracked().parse().ok(),
            municipality_id: non_empty(municipality_id.get_untracked()),
            limit: Some(50),
            cursor,
            ..Default::default()
        };
        async move { api::users::list(&filter).await }
    };
    Effect::new(move |_| {
        q_applied.track();
        role.track();
        active.track();
        municipality_id.track();
        list.load(None, fetch);
    });
    let apply_q = Callback::new(move |_| {
        let v = q.get_untracked().trim().to_string();
        if v != q_applied.get_untracked() {
            q_applied.set(v);
        }
    });

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
        let href = Route::UserEdit(u.id.clone()).path();
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
            <PageHead title="Пользователи">
                <div class="actions">
                    <CreateLink allowed=Signal::derive(move || auth.can(Resource::User, Action::Create)) href=Route::UserNew.path() testid="add-user" label="Добавить пользователя" />
                    <Show when=move || auth.can(Resource::User, Action::Create)>
                        <a class="btn" href=Route::UsersImport.path() data-testid="users-import">"Импорт из таблицы"</a>
                    </Show>
                </div>
            </PageHead>
            <form class="filters" role="search" on:submit=move |ev| {
                ev.prevent_default();
                q_applied.set(q.get_untracked().trim().to_string());
            }>
                <SearchField value=q placeholder="ФИО или e-mail" on_pause=apply_q />
                <FilterField label="Роль">
                    <select name="role" on:change:target=move |ev| role.set(ev.target().value())>
                        <option value="" prop:selected=move || role.with(String::is_empty)>"Все роли"</option>
                        {role_options}
                    </select>
                </FilterField>
                <FilterField label="Статус">
                    <select name="active" on:change:target=move |ev| active.set(ev.target().value())>
                        <option value="">"Все"</option>
                        <option value="true">"Активные"</option>
                        <option value="false">"Отключённые"</option>
                    </select>
                </FilterField>
                <MunicipalityFilter
                    resource=Resource::User
                    all="Все муниципалитеты"
                    selected=municipality_id
                    on_change=Callback::new(move |v| municipality_id.set(v))
                />
            </form>
            <PagedTable
                list
                fetch
                total=("users-total", |t| format!("Найдено: {t} {}", plural(t, "пользователь", "пользователя", "пользователей")))
                empty_title="Пользователи не найдены"
                empty_hint=|| "Измените условия поиска."
                testid="users-table"
                dim=true
                columns=columns(&["ФИО", "Роль", "Место работы", "E-mail", "Статус", "Последний вход"])
                key=|u: &User| (u.id.clone(), u.meta.version)
                row
            />
        </section>
    }
}
