//! `/audit`: the log of changes (admins and coordinators).

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use serde_json::Value;
use tutornet_domain::audit::{field_label_ru, AuditEntity, AuditEntry, AuditFilter};

use crate::api;
use crate::routes::Route;
use crate::ui::table::{columns, PagedTable};
use crate::ui::time::datetime_ru;
use crate::ui::Paged;
use crate::util::{non_empty, set_title, with_query};

/// Fields whose values differ between `before` and `after` (bookkeeping fields left out).
fn changed_fields(e: &AuditEntry) -> Vec<String> {
    const SKIP: [&str; 6] = [
        "updated_at",
        "updated_by",
        "version",
        "created_at",
        "created_by",
        "id",
    ];
    let (Some(Value::Object(b)), Some(Value::Object(a))) = (&e.before, &e.after) else {
        return Vec::new();
    };
    let mut keys: Vec<String> = a
        .iter()
        .filter(|(k, v)| !SKIP.contains(&k.as_str()) && b.get(*k) != Some(*v))
        .map(|(k, _)| k.clone())
        .collect();
    keys.extend(
        b.keys()
            .filter(|k| !SKIP.contains(&k.as_str()) && !a.contains_key(*k))
            .cloned(),
    );
    keys
}

fn entity_href(entity: &str, id: &str) -> Option<String> {
    match entity {
        "school" => Some(Route::School(id.to_string()).path()),
        "user" => Some(Route::UserEdit(id.to_string()).path()),
        "request" => Some(Route::Request(id.to_string()).path()),
        "session" => Some(Route::Session(id.to_string()).path()),
        "composition_order" | "order" => Some(Route::Order(id.to_string()).path()),
        _ => None,
    }
}

#[component]
pub fn AuditPage() -> impl IntoView {
    set_title("Журнал изменений");
    let query = use_query_map();
    let navigate = use_navigate();
    let entity = Memo::new(move |_| query.with(|q| q.get("entity").unwrap_or_default()));
    let entity_id = Memo::new(move |_| query.with(|q| q.get("entity_id").unwrap_or_default()));

    let list = Paged::<AuditEntry>::new();
    let fetch = move |cursor: Option<String>| {
        let filter = AuditFilter {
            entity: non_empty(entity.get_untracked()),
            entity_id: non_empty(entity_id.get_untracked()),
            limit: Some(50),
            cursor,
            ..Default::default()
        };
        async move { api::audit::list(&filter).await }
    };
    Effect::new(move |_| {
        entity.track();
        entity_id.track();
        list.load(None, fetch);
    });

    let on_entity =
        move |ev: leptos::ev::Targeted<leptos::ev::Event, web_sys::HtmlSelectElement>| {
            navigate(
                &with_query(&Route::Audit.path(), &[("entity", ev.target().value())]),
                NavigateOptions {
                    replace: true,
                    scroll: false,
                    ..Default::default()
                },
            );
        };

    let row = move |e: AuditEntry| {
        let changes = changed_fields(&e)
            .iter()
            .map(|f| field_label_ru(f).to_string())
            .collect::<Vec<_>>()
            .join(", ");
        let id_view = match (entity_href(&e.entity, &e.entity_id), e.entity_name.clone()) {
            (Some(h), Some(n)) => view! { <a href=h title=e.entity_id.clone()>{n}</a> }.into_any(),
            (Some(h), None) => {
                view! { <a href=h class="mono">{e.entity_id.clone()}</a> }.into_any()
            }
            (None, Some(n)) => view! { <span title=e.entity_id.clone()>{n}</span> }.into_any(),
            (None, None) => {
                view! { <span class="mono muted">{e.entity_id.clone()}</span> }.into_any()
            }
        };
        view! {
            <tr data-testid="audit-row">
                <td data-label="Дата и время" class="nowrap">{datetime_ru(e.at)}</td>
                <td data-label="Кто">{e.actor_name.clone().unwrap_or_else(|| "система".to_string())}</td>
                <td data-label="Действие">{e.action_label.clone()}</td>
                <td data-label="Объект">{e.entity_label.clone()}</td>
                <td data-label="Запись">{id_view}</td>
                <td data-label="Изменено" class="small">{if changes.is_empty() { "—".to_string() } else { changes }}</td>
            </tr>
        }
    };

    view! {
        <section class="page" data-testid="audit-page">
            <h1>"Журнал изменений"</h1>
            <form class="filters" on:submit=|ev| ev.prevent_default()>
                <label class="filter-field">
                    <span class="filter-label">"Объект"</span>
                    <select name="entity" on:change:target=on_entity>
                        <option value="" prop:selected=move || entity.with(String::is_empty)>"Все объекты"</option>
                        {AuditEntity::ALL
                            .iter()
                            .map(|e| {
                                let code = e.as_str();
                                view! {
                                    <option value=code prop:selected=move || entity.with(|v| v == code)>
                                        {e.label_ru()}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </label>
                <Show when=move || !entity_id.with(String::is_empty)>
                    <p class="filter-note">
                        "Записи об одном объекте. "
                        <a href=Route::Audit.path()>"Показать все"</a>
                    </p>
                </Show>
            </form>
            <PagedTable
                list
                fetch
                empty_title="Записей нет"
                testid="audit-table"
                dim=true
                columns=columns(&["Дата и время", "Кто", "Действие", "Объект", "Запись", "Изменено"])
                key=|e: &AuditEntry| e.id.clone()
                row=row
            />
        </section>
    }
}
