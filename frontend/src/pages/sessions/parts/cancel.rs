//! Cancelling a planned session (a reason is required).

use leptos::prelude::*;
use leptos::task::spawn_local;
use tutornet_domain::community::SessionCancel;
use tutornet_domain::community::{SessionDetail, SessionStatus};
use tutornet_domain::FieldError;
use tutornet_domain::Problem;

use super::CardState;
use crate::api;
use crate::api::validation_problem;
use crate::ui::{ErrorBanner, TextField};
use crate::util::confirm;

#[component]
pub fn CancelBox(state: CardState) -> impl IntoView {
    let (detail, message, busy, sid) = (state.detail, state.message, state.busy, state.id);
    let reload = move || state.reload();
    // Cancel.
    let cancel_open = RwSignal::new(false);
    let cancel_reason = RwSignal::new(String::new());
    let cancel_problem = RwSignal::new(None::<Problem>);
    let do_cancel = move |_| {
        let Some(version) = detail.with_untracked(|d| d.as_ref().map(|d| d.session.version)) else {
            return;
        };
        let reason = cancel_reason.get_untracked().trim().to_string();
        if reason.is_empty() {
            cancel_problem.set(Some(validation_problem(vec![FieldError::new(
                "reason",
                "required",
                "Укажите причину отмены",
            )])));
            return;
        }
        if !confirm("Отменить занятие? Записавшиеся получат уведомление.")
        {
            return;
        }
        busy.set(true);
        cancel_problem.set(None);
        spawn_local(async move {
            let body = SessionCancel { reason, version };
            match api::sessions::cancel(&sid.get_value(), &body).await {
                Ok(_) => {
                    message.try_set(Some("Занятие отменено.".to_string()));
                    cancel_open.try_set(false);
                    reload();
                }
                Err(p) => {
                    cancel_problem.try_set(Some(p));
                }
            }
            busy.try_set(false);
        });
    };

    let cancel_box = move |d: &SessionDetail| {
        (d.can_manage && d.session.status == SessionStatus::Planned).then(|| view! {
            <div class="card no-print" data-testid="cancel-box">
                <Show
                    when=move || cancel_open.get()
                    fallback=move || view! {
                        <button type="button" class="btn btn-danger" data-testid="cancel-session" on:click=move |_| cancel_open.set(true)>
                            "Отменить занятие"
                        </button>
                    }
                >
                    <h2>"Отмена занятия"</h2>
                    <ErrorBanner problem=cancel_problem />
                    <TextField label="Причина отмены" name="reason" value=cancel_reason problem=cancel_problem required=true />
                    <div class="form-actions">
                        <button type="button" class="btn btn-danger" data-testid="confirm-cancel" disabled=move || busy.get() on:click=do_cancel>
                            "Отменить занятие"
                        </button>
                        <button type="button" class="btn btn-link" on:click=move |_| cancel_open.set(false)>"Не отменять"</button>
                    </div>
                </Show>
            </div>
        })
    };

    move || detail.with(|d| d.as_ref().and_then(&cancel_box))
}
