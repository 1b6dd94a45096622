//! «Отправить приглашение»: a new one-time link for the user to set a password, e-mailed
//! to them and shown here with a copy button and its expiry.

use leptos::prelude::*;
use tutornet_domain::accounts::Invitation;
use tutornet_domain::Problem;

use crate::api;
use crate::ui::form::{send, BusyButton};
use crate::ui::time::datetime_ru;
use crate::ui::ErrorBanner;
use crate::util::copy_text;

#[component]
pub fn InviteUser(id: String) -> impl IntoView {
    let problem = RwSignal::new(None::<Problem>);
    let busy = RwSignal::new(false);
    let invitation = RwSignal::new(None::<Invitation>);
    let copied = RwSignal::new(false);
    let invite = move |_| {
        let id = id.clone();
        copied.set(false);
        send(
            busy,
            problem,
            async move { api::users::invite(&id).await },
            move |inv| {
                invitation.try_set(Some(inv));
            },
        );
    };
    view! {
        <section class="card form invite-card" data-testid="invite-card">
            <h2>"Приглашение"</h2>
            <p class="hint">"Пользователь получит письмо со ссылкой, по которой сам задаст пароль. Ссылка одноразовая и действует 7 дней; новое приглашение отменяет прежние ссылки."</p>
            <ErrorBanner problem />
            {move || invitation.get().map(|inv| {
                let url = inv.url.clone();
                view! {
                    <div class="invite-link" data-testid="invite-link">
                        <input type="text" readonly=true aria-label="Ссылка приглашения" prop:value=inv.url.clone() data-testid="invite-url" />
                        <button type="button" class="btn" data-testid="invite-copy" on:click=move |_| { copy_text(&url); copied.set(true); }>
                            {move || if copied.get() { "Скопировано" } else { "Копировать" }}
                        </button>
                        <p class="hint" data-testid="invite-expires">
                            {format!("Письмо отправлено. Ссылка действует до {}.", datetime_ru(inv.expires_at))}
                        </p>
                    </div>
                }
            })}
            <div class="form-actions">
                <BusyButton busy testid="invite" on_click=invite>
                    "Отправить приглашение"
                </BusyButton>
            </div>
        </section>
    }
}
