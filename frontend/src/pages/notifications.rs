//! `/notifications`: the user's inbox.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use tutornet_domain::community::{Notification, NotificationPage};
use tutornet_domain::Problem;

use crate::api;
use crate::ui::fields::Check;
use crate::ui::time::datetime_ru;
use crate::ui::ErrorBanner;
use crate::util::notifications_changed;
use crate::util::{plural, set_title};

#[component]
pub fn NotificationsPage() -> impl IntoView {
    set_title("Уведомления");
    let navigate = use_navigate();
    let page = RwSignal::new(None::<NotificationPage>);
    let problem = RwSignal::new(None::<Problem>);
    let only_unread = RwSignal::new(false);
    let busy = RwSignal::new(false);

    let load = move || {
        let only = only_unread.get_untracked();
        spawn_local(async move {
            match api::notifications::list(only).await {
                Ok(p) => {
                    problem.try_set(None);
                    page.try_set(Some(p));
                }
                Err(p) => {
                    problem.try_set(Some(p));
                }
            }
        });
    };
    Effect::new(move |_| {
        only_unread.track();
        load();
    });

    let open = move |n: Notification| {
        let navigate = navigate.clone();
        spawn_local(async move {
            if !n.read {
                let _ = api::notifications::mark_read(&n.id).await;
                page.try_update(|p| {
                    if let Some(p) = p {
                        if let Some(x) = p.items.iter_mut().find(|x| x.id == n.id) {
                            x.read = true;
                            p.unread = (p.unread - 1).max(0);
                        }
                    }
                });
                notifications_changed();
            }
            if let Some(link) = n.link.filter(|l| l.starts_with('/')) {
                navigate(&link, Default::default());
            }
        });
    };

    let read_all = move |_| {
        busy.set(true);
        spawn_local(async move {
            match api::notifications::mark_all_read().await {
                Ok(()) => {
                    notifications_changed();
                    load();
                }
                Err(p) => {
                    problem.try_set(Some(p));
                }
            }
            busy.try_set(false);
        });
    };

    let unread = move || page.with(|p| p.as_ref().map(|p| p.unread).unwrap_or(0));

    view! {
        <section class="page narrow" data-testid="notifications-page">
            <div class="page-head">
                <h1>"Уведомления"</h1>
                <Show when=move || { unread() > 0 }>
                    <button type="button" class="btn" data-testid="read-all" disabled=move || busy.get() on:click=read_all>
                        "Отметить все прочитанными"
                    </button>
                </Show>
            </div>
            <div class="filters">
                <Check label="Только непрочитанные" name="unread" checked=only_unread />
                <span class="muted filter-note" data-testid="unread-total">
                    {move || {
                        let n = unread();
                        if n == 0 {
                            "Непрочитанных нет".to_string()
                        } else {
                            format!("{n} {}", plural(n, "непрочитанное", "непрочитанных", "непрочитанных"))
                        }
                    }}
                </span>
            </div>
            <ErrorBanner problem />
            <Show when=move || page.with(Option::is_none) && problem.with(Option::is_none)>
                <p class="loading" data-testid="loading">"Загрузка…"</p>
            </Show>
            <Show when=move || page.with(|p| p.as_ref().is_some_and(|p| p.items.is_empty()))>
                <div class="empty" data-testid="empty">
                    <p class="empty-title">"Уведомлений нет"</p>
                    <p class="muted">"Здесь появятся новости о ваших заявках и занятиях."</p>
                </div>
            </Show>
            <ul class="inbox" data-testid="inbox">
                <For
                    each=move || page.with(|p| p.as_ref().map(|p| p.items.clone()).unwrap_or_default())
                    key=|n| (n.id.clone(), n.read)
                    children=move |n| {
                        let open = open.clone();
                        let n2 = n.clone();
                        view! {
                            <li class="inbox-item" class:unread=!n.read data-testid="notification">
                                <button type="button" class="inbox-btn" on:click=move |_| open(n2.clone())>
                                    <span class="inbox-head">
                                        <span class="inbox-title">{n.title.clone()}</span>
                                        <span class="muted small nowrap">{datetime_ru(n.at)}</span>
                                    </span>
                                    <span class="inbox-body">{n.body.clone()}</span>
                                </button>
                            </li>
                        }
                    }
                />
            </ul>
        </section>
    }
}
