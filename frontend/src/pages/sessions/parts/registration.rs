//! Registration for a group session (with the waitlist), and the participants list.

use leptos::prelude::*;
use leptos::task::spawn_local;
use tutornet_domain::community::{Audience, RegistrationStatus};
use tutornet_domain::community::{SessionDetail, SessionStatus};
use tutornet_domain::Problem;
use tutornet_domain::Role;

use super::CardState;
use crate::api;
use crate::auth::Auth;
use crate::ui::ErrorBanner;
use crate::util::plural;

#[component]
pub fn Registration(state: CardState) -> impl IntoView {
    let (detail, message, busy, sid) = (state.detail, state.message, state.busy, state.id);
    let auth = Auth::get();
    let apply = move |d: SessionDetail| state.apply(d);
    // Registration.
    let reg_problem = RwSignal::new(None::<Problem>);
    let register = move |on: bool| {
        busy.set(true);
        reg_problem.set(None);
        message.set(None);
        spawn_local(async move {
            let res = api::sessions::register(&sid.get_value(), on).await;
            match res {
                Ok(d) => {
                    let m = match d.session.my_registration {
                        Some(RegistrationStatus::Registered) => "Вы записаны на занятие.",
                        Some(RegistrationStatus::Waitlisted) => "Мест нет: вы в листе ожидания.",
                        _ => "Запись отменена.",
                    };
                    message.try_set(Some(m.to_string()));
                    apply(d);
                }
                Err(p) => {
                    reg_problem.try_set(Some(p));
                }
            }
            busy.try_set(false);
        });
    };

    let registration_box = move |d: &SessionDetail| {
        let s = &d.session;
        let open = s.form.is_group()
            && s.audience != Audience::Students
            && s.status == SessionStatus::Planned;
        let may =
            matches!(auth.role(), Role::Teacher | Role::SchoolAdmin | Role::Tutor) && !d.can_manage;
        if !(open && may) && s.my_registration.is_none() {
            return None;
        }
        let me = auth.me_id();
        let position = d
            .registrations
            .iter()
            .find(|r| r.user_id == me)
            .and_then(|r| r.waitlist_position);
        // A started session takes no registrations (the server says so too).
        let started = s.starts_at <= crate::ui::time::now();
        let state = match s.my_registration {
            Some(RegistrationStatus::Registered) => view! {
                <p class="reg-state ok" data-testid="my-registration">"Вы записаны на это занятие."</p>
            }
            .into_any(),
            Some(RegistrationStatus::Waitlisted) => view! {
                <p class="reg-state warn" data-testid="my-registration">
                    "Мест нет — вы в листе ожидания"
                    {position.map(|p| format!(", место в очереди: {p}"))}
                    ". Если кто-то откажется, вас запишут автоматически."
                </p>
            }
            .into_any(),
            _ if started => view! {
                <p class="muted" data-testid="my-registration">
                    "Запись закрыта: занятие уже началось."
                </p>
            }
            .into_any(),
            _ => view! {
                <p class="muted" data-testid="my-registration">
                    {match s.seats {
                        Some(n) if s.registered >= n as i64 => "Свободных мест нет: можно встать в лист ожидания.".to_string(),
                        Some(n) => {
                            let free = n as i64 - s.registered;
                            format!("Свободно {free} {} из {n}.", plural(free, "место", "места", "мест"))
                        }
                        None => "Запись открыта.".to_string(),
                    }}
                </p>
            }
            .into_any(),
        };
        let registered = matches!(
            s.my_registration,
            Some(RegistrationStatus::Registered | RegistrationStatus::Waitlisted)
        );
        let planned = s.status == SessionStatus::Planned;
        Some(view! {
            <div class="card no-print" data-testid="registration">
                <h2>"Запись"</h2>
                {state}
                <ErrorBanner problem=reg_problem />
                {(planned && (registered || !started)).then(|| if registered {
                    view! {
                        <button type="button" class="btn btn-danger" data-testid="unregister" disabled=move || busy.get() on:click=move |_| register(false)>
                            "Отменить запись"
                        </button>
                    }.into_any()
                } else {
                    view! {
                        <button type="button" class="btn btn-primary" data-testid="register" disabled=move || busy.get() on:click=move |_| register(true)>
                            "Записаться"
                        </button>
                    }.into_any()
                })}
            </div>
        })
    };

    move || detail.with(|d| d.as_ref().and_then(&registration_box))
}

#[component]
pub fn Participants(state: CardState) -> impl IntoView {
    let detail = state.detail;
    let auth = Auth::get();
    let participants = move |d: &SessionDetail| {
        let regs: Vec<_> = d
            .registrations
            .iter()
            .filter(|r| r.status != RegistrationStatus::Cancelled)
            .cloned()
            .collect();
        // A held session lists its participants in the log, with their presence.
        if regs.is_empty()
            || d.session.status == SessionStatus::Held
            || !(d.can_manage
                || matches!(
                    auth.role(),
                    Role::Coordinator | Role::Admin | Role::SchoolAdmin | Role::Observer
                ))
        {
            return None;
        }
        Some(view! {
            <div class="card" data-testid="participants">
                <h2>{format!("Участники ({})", regs.len())}</h2>
                <ul class="plain-list">
                    {regs.into_iter().map(|r| view! {
                        <li>
                            <span class="strong">{r.full_name.clone()}</span>
                            {r.school_name.as_deref().map(tutornet_domain::text::numero).map(|s| view! { <span class="muted small">{format!(" · {s}")}</span> })}
                            " "
                            {match r.status {
                                RegistrationStatus::Waitlisted => view! { <span class="badge st-warn">{format!("ожидание №{}", r.waitlist_position.unwrap_or(0))}</span> }.into_any(),
                                _ => view! { <span class="badge st-progress">"записан"</span> }.into_any(),
                            }}
                        </li>
                    }).collect_view()}
                </ul>
            </div>
        })
    };

    move || detail.with(|d| d.as_ref().and_then(&participants))
}
