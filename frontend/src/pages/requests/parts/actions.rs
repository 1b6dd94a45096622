//! The workflow buttons of a request: the actions the user may take now.

use leptos::prelude::*;
use tutornet_domain::community::{RequestAction, RequestDetail};

use crate::routes::Route;

/// One button per allowed action («Запланировать» links to the session form).
#[component]
pub fn Actions(
    detail: RequestDetail,
    chosen: RwSignal<Option<RequestAction>>,
    choose: Callback<RequestAction>,
) -> impl IntoView {
    let d = &detail;
    let choose = move |a: RequestAction| choose.run(a);

    let rid = d.request.id.clone();
    let list = d.allowed_actions.clone();
    view! {
        <div class="actions" data-testid="request-actions">
            {list
                .into_iter()
                .map(|a| {
                    if a == RequestAction::Schedule {
                        view! {
                            <a
                                class="btn btn-primary"
                                href=Route::SessionNew.with1("request", rid.clone())
                                data-testid="action-schedule"
                            >
                                {a.label_ru()}
                            </a>
                        }
                        .into_any()
                    } else {
                        let danger = matches!(a, RequestAction::Decline | RequestAction::Cancel);
                        view! {
                            <button
                                type="button"
                                class="btn"
                                class:btn-danger=danger
                                class:active=move || chosen.get() == Some(a)
                                data-testid=format!("action-{}", a.as_str())
                                on:click=move |_| choose(a)
                            >
                                {a.label_ru()}
                            </button>
                        }
                        .into_any()
                    }
                })
                .collect_view()}
        </div>
    }
}
