//! `/audit`: the log of changes (admins and coordinators).

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use serde_json::Value;
use tutornet_domain::audit::{
    action_label_ru, entity_label_ru, field_label_ru, AuditEntry, AuditFilter,
};

use crate::api;
use crate::routes::Route;
use crate::ui::table::{columns, PagedTable};
use crate::ui::time::datetime_ru;
use crate::ui::Paged;
use crate::util::{non_empty, set_title, with_query};

const ENTITIES: [&str; 6] = [
    "school",
    "user",
    "municipality",
    "region",
    "subject",
    "academic_year",
];

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

/// A readable name of the record, from its state after (or before) the change.
fn record_name(e: &AuditEntry) -> Option<String> {
    [&e.after, &e.before].into_iter().flatten().find_map(|v| {
        ["short_name", "full_name", "name", "email"]
            .iter()
            .find_map(|k| v.get(k).and_then(Value::as_str))
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    })
}

fn entity_href(entity: &str, id: &str) -> Option<String> {
    match entity {
        "school" => Some(Route::School(id.to_string()).path()),
        "user" => Some(Route::UserEdit(id.to_string()).path()),
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
        let name = record_name(&e);
        let id_view = match (entity_href(&e.entity, &e.entity_id), name) {
            (Some(h), Some(n)) => view! {
                <a href=h>{n}</a>
                <div class="mono muted">{e.entity_id.clone()}</div>
            }
            .into_any(),
            (Some(h), None) => {
                view! { <a href=h class="mono">{e.entity_id.clone()}</a> }.into_any()
            }
            (None, Some(n)) => view! {
                <span>{n}</span>
                <div class="mono muted">{e.entity_id.clone()}</div>
            }
            .into_any(),
            (None, None) => view! { <span class="mono">{e.entity_id.clone()}</span> }.into_any(),
        };
        view! {
            <tr data-testid="audit-row">
                <td data-label="Дата и время" class="nowrap">{datetime_ru(e.at)}</td>
                <td data-label="Кто">{e.actor_name.clone().unwrap_or_else(|| "система".to_string())}</td>
                <td data-label="Действие">{action_label_ru(&e.action).to_string()}</td>
                <td data-label="Объект">{entity_label_ru(&e.entity).to_string()}</td>
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
                        {ENTITIES
                            .into_iter()
                            .map(|e| {
                                view! {
                                    <option value=e prop:selected=move || entity.with(|v| v == e)>
                                        {entity_label_ru(e).to_string()}
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
                columns=columns(&["Дата и время", "Кто", "Действие", "Объект", "Запись (идентификатор)", "Изменено"])
                key=|e: &AuditEntry| e.id.clone()
                row=row
            />
        </section>
    }
}
