//! `/composition/orders`: the orders (приказы) on the composition.

use leptos::prelude::*;
use tutornet_domain::composition::{CompositionOrder, OrderFilter};
use tutornet_domain::permissions::{Action, Resource};
use tutornet_domain::text::format_date_ru;

use crate::api;
use crate::auth::Auth;
use crate::pages::composition::CompositionTabs;
use crate::routes::Route;
use crate::ui::layout::{CreateLink, PageHead};
use crate::ui::table::{columns, PagedTable};
use crate::ui::Paged;
use crate::util::{plural, set_title};

#[component]
pub fn OrdersPage() -> impl IntoView {
    set_title("Приказы о составе");
    let auth = Auth::get();
    let list = Paged::<CompositionOrder>::new();
    let fetch = move |cursor: Option<String>| {
        let filter = OrderFilter {
            limit: Some(50),
            cursor,
            ..Default::default()
        };
        async move { api::composition::orders(&filter).await }
    };
    list.load(None, fetch);

    let row = move |o: CompositionOrder| {
        let approved = o.approved.len();
        let excluded = o.excluded.clone();
        view! {
            <tr data-testid="order-row">
                <td data-label="Приказ" class="nowrap">
                    <a class="strong" href=Route::Order(o.id.to_string()).path() data-testid="order-link">{tutornet_domain::text::numero(&format!("№ {}", o.number))}</a>
                    <div class="muted small">{format!("от {}", format_date_ru(o.issued_on))}</div>
                </td>
                <td data-label="Название">
                    {o.title.clone()}
                    <div class="muted small">{format!("{} · {}", o.kind.label_ru(), o.issuer)}</div>
                </td>
                <td data-label="Утверждены">
                    {if approved == 0 { "—".to_string() } else { format!("{approved} {}", plural(approved as i64, "участник", "участника", "участников")) }}
                    <div class="muted small">{o.approved.iter().map(|m| m.full_name.clone()).collect::<Vec<_>>().join(", ")}</div>
                </td>
                <td data-label="Исключены">
                    {if excluded.is_empty() { view! { <span>"—"</span> }.into_any() } else {
                        view! { <ul class="plain-list small">{excluded.into_iter().map(|m| view! {
                            <li>{m.full_name}{m.reason.map(|r| format!(" — {r}"))}</li>
                        }).collect_view()}</ul> }.into_any()
                    }}
                </td>
            </tr>
        }
    };

    view! {
        <section class="page" data-testid="orders-page">
            <PageHead title="Приказы о составе">
                <CreateLink allowed=Signal::derive(move || auth.can(Resource::Composition, Action::Create)) href=Route::OrderNew.path() testid="new-order" label="Внести приказ" />
            </PageHead>
            <CompositionTabs />
            <PagedTable
                list
                fetch
                empty_title="Приказов нет"
                empty_hint=|| "Состав утверждается приказом: нажмите «Внести приказ» и перенесите в систему подписанный приказ."
                testid="orders-table"
                columns=columns(&["Приказ", "Название", "Утверждены", "Исключены"])
                key=|o: &CompositionOrder| o.id.clone()
                row=row
            />
        </section>
    }
}
