//! Pieces shared by the community pages: status badges, the notifications link with its
//! unread badge, the iCal subscription button, rating stars.

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_location;
use tutornet_domain::community::{CalendarFeed, RequestStatus, SessionStatus};
use tutornet_domain::composition::{MemberStatus, NominationStatus, TutorLevel};
use tutornet_domain::Problem;

use crate::api;
use crate::auth::Auth;
use crate::routes::Route;
use crate::ui::form::BusyButton;
use crate::ui::ErrorBanner;
use crate::util::{copy_text, origin, NOTIFICATIONS_CHANGED};

#[component]
pub fn RequestStatusBadge(status: RequestStatus) -> impl IntoView {
    let class = match status {
        RequestStatus::New => "badge st-new",
        RequestStatus::NeedsInfo => "badge st-warn",
        RequestStatus::Accepted | RequestStatus::Scheduled => "badge st-progress",
        RequestStatus::Done => "badge st-done",
        RequestStatus::Declined | RequestStatus::Cancelled => "badge badge-archived",
    };
    view! {
        <span class=class data-testid="request-status" data-status=status.as_str()>
            {status.label_ru()}
        </span>
    }
}

#[component]
pub fn SessionStatusBadge(status: SessionStatus) -> impl IntoView {
    let class = match status {
        SessionStatus::Planned => "badge st-progress",
        SessionStatus::Held => "badge st-done",
        SessionStatus::Cancelled => "badge badge-archived",
    };
    view! {
        <span class=class data-testid="session-status" data-status=status.as_str()>
            {status.label_ru()}
        </span>
    }
}

#[component]
pub fn MemberStatusBadge(status: MemberStatus) -> impl IntoView {
    let class = match status {
        MemberStatus::Nominated => "badge st-warn",
        MemberStatus::Approved => "badge st-done",
        MemberStatus::Excluded => "badge badge-archived",
    };
    view! { <span class=class data-testid="member-status">{status.label_ru()}</span> }
}

#[component]
pub fn LevelBadge(level: TutorLevel) -> impl IntoView {
    let class = match level {
        TutorLevel::Federal => "badge lvl-federal",
        TutorLevel::Regional => "badge lvl-regional",
        TutorLevel::Municipal => "badge lvl-municipal",
        TutorLevel::School => "badge lvl-school",
    };
    view! {
        <span class=class title="Уровень тьютора">
            {level.label_ru()}
        </span>
    }
}

#[component]
pub fn NominationStatusBadge(status: NominationStatus) -> impl IntoView {
    let class = match status {
        NominationStatus::Pending => "badge st-warn",
        NominationStatus::Approved => "badge st-done",
        NominationStatus::Declined => "badge badge-archived",
    };
    view! { <span class=class data-testid="nomination-status">{status.label_ru()}</span> }
}

/// ★★★☆☆ with the number for screen readers.
#[component]
pub fn Stars(score: f64) -> impl IntoView {
    let full = score.round().clamp(0.0, 5.0) as usize;
    let text = format!("{}{}", "★".repeat(full), "☆".repeat(5 - full));
    let label = format!("Оценка {:.1} из 5", score).replace('.', ",");
    view! {
        <span class="stars" title=label.clone() aria-label=label>
            {text}
        </span>
    }
}

/// «Уведомления» in the navigation with the number of unread ones; polls every minute,
/// on every navigation and when the inbox says it marked something read.
#[component]
pub fn NotificationsNavLink() -> impl IntoView {
    let auth = Auth::get();
    let unread = RwSignal::new(0i64);
    let seq = StoredValue::new(0u32);
    let refresh = move || {
        if auth.me.with_untracked(Option::is_none) {
            return;
        }
        let my = seq.get_value().wrapping_add(1);
        seq.set_value(my);
        spawn_local(async move {
            if let Ok(p) = api::notifications::list(true).await {
                if seq.try_get_value() == Some(my) {
                    unread.try_set(p.unread);
                }
            }
        });
    };
    let location = use_location();
    Effect::new(move |_| {
        location.pathname.track();
        refresh();
    });
    if let Ok(handle) = set_interval_with_handle(refresh, Duration::from_secs(60)) {
        on_cleanup(move || handle.clear());
    }
    let listener = window_event_listener_untyped(NOTIFICATIONS_CHANGED, move |_| refresh());
    on_cleanup(move || listener.remove());
    view! {
        <A href=Route::Notifications.path() attr:data-testid="nav-notifications">
            "Уведомления"
            <Show when=move || { unread.get() > 0 }>
                " "
                <span
                    class="nav-badge"
                    data-testid="unread-badge"
                    aria-label=move || format!("непрочитанных: {}", unread.get())
                >
                    {move || unread.get().to_string()}
                </span>
            </Show>
        </A>
    }
}

/// «Подписаться на календарь»: creates a personal (or municipal) iCal feed and shows its
/// secret address once, with a copy button.
#[component]
pub fn FeedButton(#[prop(optional)] municipal: bool) -> impl IntoView {
    let feed = RwSignal::new(None::<CalendarFeed>);
    let problem = RwSignal::new(None::<Problem>);
    let busy = RwSignal::new(false);
    let copied = RwSignal::new(false);
    let create = move |_| {
        busy.set(true);
        problem.set(None);
        spawn_local(async move {
            match api::calendar::create_feed(municipal).await {
                Ok(f) => {
                    feed.try_set(Some(f));
                }
                Err(p) => {
                    problem.try_set(Some(p));
                }
            }
            busy.try_set(false);
        });
    };
    let revoke = move |_| {
        let Some(f) = feed.get_untracked() else {
            return;
        };
        busy.set(true);
        spawn_local(async move {
            match api::calendar::revoke_feed(&f.id).await {
                Ok(()) => {
                    feed.try_set(None);
                }
                Err(p) => {
                    problem.try_set(Some(p));
                }
            }
            busy.try_set(false);
        });
    };
    let full_url = move || {
        feed.with(|f| {
            f.as_ref()
                .map(|f| format!("{}{}", origin(), f.url))
                .unwrap_or_default()
        })
    };
    let label = if municipal {
        "Календарь муниципалитета (iCal)"
    } else {
        "Подписаться на календарь"
    };
    view! {
        <div class="feed no-print" data-testid=if municipal { "feed-municipal" } else { "feed-personal" }>
            <Show
                when=move || feed.with(Option::is_some)
                fallback=move || {
                    view! {
                        <BusyButton busy testid="feed-create" on_click=create>
                            {label}
                        </BusyButton>
                    }
                }
            >
                <div class="feed-box card">
                    <p class="feed-title">
                        {if municipal {
                            "Адрес календаря всех занятий муниципалитета:"
                        } else {
                            "Адрес вашего личного календаря занятий:"
                        }}
                    </p>
                    <div class="feed-row">
                        <input
                            type="text"
                            readonly=true
                            name="feed_url"
                            data-testid="feed-url"
                            prop:value=full_url
                            on:focus:target=move |ev| ev.target().select()
                        />
                        <button
                            type="button"
                            class="btn"
                            on:click=move |_| {
                                copy_text(&full_url());
                                copied.set(true);
                            }
                        >
                            {move || if copied.get() { "Скопировано" } else { "Скопировать" }}
                        </button>
                    </div>
                    <p class="hint">
                        "Добавьте этот адрес в Яндекс Календарь, Google Календарь или Outlook "
                        "как «календарь по ссылке» (подписку). Адрес показывается один раз: "
                        "сохраните его. Никому его не передавайте."
                    </p>
                    <BusyButton busy class="btn btn-link btn-danger" on_click=revoke>
                        "Отозвать ссылку"
                    </BusyButton>
                </div>
            </Show>
            <ErrorBanner problem />
        </div>
    }
}
