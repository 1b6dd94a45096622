//! The member's properties and the orders that approved or excluded the member.

use leptos::prelude::*;
use tutornet_domain::composition::{CompositionOrder, Member};
use tutornet_domain::permissions::Resource;
use tutornet_domain::text::format_date_ru;

use super::{order_label, sees_schools};
use crate::auth::Auth;
use crate::pages::composition::subject_names;
use crate::routes::Route;
use crate::ui::community::{LevelBadge, MemberStatusBadge};
use crate::ui::time::datetime_ru;

/// The properties list of a member.
#[component]
pub fn MemberProps(m: Member) -> impl IntoView {
    let auth = Auth::get();
    let sees_schools = move || sees_schools(auth);
    let props = move |m: Member| {
        let subjects = subject_names(&m);
        let sees_users = auth.sees_others(Resource::User);
        view! {
            <dl class="props" data-testid="member-props">
                <dt>"Статус"</dt>
                <dd><MemberStatusBadge status=m.status /></dd>
                <dt>"Предметы"</dt>
                <dd data-testid="member-subjects-list">{subjects}</dd>
                <dt>"Уровень"</dt>
                <dd><LevelBadge level=m.level /></dd>
                <dt>"Основание уровня"</dt>
                <dd data-testid="member-level-basis">{[m.level_basis.map(|b| b.label_ru().to_string()), m.level_document.clone()].into_iter().flatten().collect::<Vec<_>>().join(": ")}</dd>
                <dt>"Специализация"</dt>
                <dd data-testid="member-specialisation">{m.specialisation.map(|x| x.label_ru()).unwrap_or("—")}</dd>
                <dt>"Категория"</dt>
                <dd>{m.category.map(|x| x.label_ru()).unwrap_or("—")}</dd>
                <dt>"Должность"</dt>
                <dd>{m.position.clone().unwrap_or_else(|| "—".to_string())}</dd>
                <dt>"Школа"</dt>
                <dd>
                    {match (m.school_id.clone(), m.school_name.as_deref().map(tutornet_domain::text::numero)) {
                        (Some(id), Some(name)) if sees_schools() => view! { <a href=Route::School(id.to_string()).path()>{name}</a> }.into_any(),
                        (_, Some(name)) => view! { <span>{name}</span> }.into_any(),
                        _ => view! { <span>"—"</span> }.into_any(),
                    }}
                </dd>
                {m.workplace.clone().map(|w| view! { <dt>"Место работы"</dt><dd>{w}</dd> })}
                <dt>"Учётная запись"</dt>
                <dd>
                    {match m.user_id.clone() {
                        Some(u) if sees_users => view! { <a href=Route::UserEdit(u.to_string()).path()>"есть, открыть"</a> }.into_any(),
                        Some(_) => view! { <span>"есть"</span> }.into_any(),
                        None => view! { <span class="muted">"нет"</span> }.into_any(),
                    }}
                </dd>
                <dt>"Внесён"</dt>
                <dd class="muted small">{datetime_ru(m.meta.created_at)}</dd>
                {(datetime_ru(m.meta.updated_at) != datetime_ru(m.meta.created_at)).then(|| view! {
                    <dt>"Изменён"</dt>
                    <dd class="muted small">{datetime_ru(m.meta.updated_at)}</dd>
                })}
            </dl>
        }
    };

    props(m)
}

/// The orders that approved or excluded the member.
#[component]
pub fn MemberOrders(
    m: Member,
    approved_order: RwSignal<Option<CompositionOrder>>,
    excluded_order: RwSignal<Option<CompositionOrder>>,
) -> impl IntoView {
    let order_link = move |o: Option<CompositionOrder>, fallback_id: Option<String>| {
        match (o, fallback_id) {
        (Some(o), _) => Some(
            view! { <a href=Route::Order(o.id.to_string()).path() data-testid="member-order">{format!("приказ {}", order_label(&o))}</a> }
                .into_any(),
        ),
        (None, Some(id)) => Some(view! { <a href=Route::Order(id.to_string()).path() data-testid="member-order">"приказ"</a> }.into_any()),
        _ => None,
    }
    };

    let orders_box = move |m: Member| {
        let approved_line = m.approved_on.map(|d| {
            view! {
                <li data-testid="member-approved">
                    <span class="strong">{format!("Утверждён с {}", format_date_ru(d))}</span>
                    " — "
                    {move || order_link(approved_order.get(), m.approved_order_id.clone())}
                </li>
            }
        });
        let excluded_id = m.excluded_order_id.clone();
        let reason = m.exclusion_reason.clone();
        let excluded_line = m.excluded_on.map(|d| {
            view! {
                <li data-testid="member-excluded">
                    <span class="strong">{format!("Исключён с {}", format_date_ru(d))}</span>
                    " — "
                    {move || order_link(excluded_order.get(), excluded_id.clone())}
                    {reason.clone().map(|r| view! { <div class="small">{format!("Причина: {r}")}</div> })}
                </li>
            }
        });
        let none = approved_line.is_none() && excluded_line.is_none();
        view! {
            <div class="card" data-testid="member-orders">
                <h2>"Приказы"</h2>
                {none.then(|| view! { <p class="muted">"Участник ещё не утверждён приказом."</p> })}
                <ul class="plain-list">
                    {approved_line}
                    {excluded_line}
                </ul>
            </div>
        }
    };

    orders_box(m)
}
