//! `/meetings/new`: calling a meeting — kind, topic, date, time, place (and an optional
//! protocol number). The invitees are the members of the composition in force on the
//! date; the card shows them at once, to be ticked and completed by hand.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use tutornet_domain::meetings::{MeetingInput, MeetingKind};
use tutornet_domain::Problem;

use crate::api;
use crate::routes::Route;
use crate::ui::card::Crumbs;
use crate::ui::fields::enum_options;
use crate::ui::form::{send, valid, SaveBar};
use crate::ui::{ErrorBanner, SelectField, TextField};
use crate::util::{non_empty, set_title};

#[component]
pub fn MeetingFormPage() -> impl IntoView {
    set_title("Новое совещание");
    let navigate = use_navigate();
    let kind = RwSignal::new(MeetingKind::TutorsMeeting.as_str().to_string());
    let kind_text = RwSignal::new(String::new());
    let topic = RwSignal::new(String::new());
    let held_on = RwSignal::new(String::new());
    let starts_at = RwSignal::new(String::from("13:00"));
    let place = RwSignal::new(String::new());
    let number = RwSignal::new(String::new());
    let (problem, busy) = (RwSignal::new(None::<Problem>), RwSignal::new(false));
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let input = MeetingInput {
            municipality_id: None,
            kind: MeetingKind::parse(&kind.get_untracked()),
            kind_text: non_empty(kind_text.get_untracked()),
            number: non_empty(number.get_untracked()),
            topic: topic.get_untracked(),
            held_on: tutornet_domain::text::parse_date_ru(&held_on.get_untracked()),
            starts_at: starts_at.get_untracked(),
            place: place.get_untracked(),
        };
        if !valid(problem, input.validate().err().unwrap_or_default()) {
            return;
        }
        let navigate = navigate.clone();
        send(
            busy,
            problem,
            async move { api::meetings::create(&input).await },
            move |m| navigate(&Route::Meeting(m.id).path(), Default::default()),
        );
    };
    let kinds = enum_options(MeetingKind::ALL, MeetingKind::as_str, MeetingKind::label_ru);
    view! {
        <section class="page" data-testid="meeting-form-page">
            <Crumbs parent=Route::Meetings parent_label="Совещания" here="Новое совещание" />
            <h1>"Созвать совещание"</h1>
            <form class="card form" data-testid="meeting-form" on:submit=submit novalidate>
                <ErrorBanner problem />
                <SelectField label="Вид" name="kind" value=kind options=kinds problem required=true />
                <Show when=move || kind.get() == MeetingKind::Other.as_str()>
                    <TextField label="Какое совещание (в родительном падеже)" name="kind_text" value=kind_text problem hint="«совещания руководителей ШМО» — так строка напечатается под словом «Протокол»" />
                </Show>
                <TextField label="Тема" name="topic" value=topic problem required=true multiline=true />
                <div class="grid-2">
                    <TextField label="Дата" name="held_on" value=held_on problem kind="date" required=true />
                    <TextField label="Время" name="starts_at" value=starts_at problem required=true hint="ЧЧ:ММ" />
                </div>
                <TextField label="Место" name="place" value=place problem required=true />
                <TextField label="Номер протокола" name="number" value=number problem hint="необязательно" />
                <p class="muted small">"Приглашённые — участники состава сообщества, утверждённые приказом на дату совещания; остальных добавьте в карточке."</p>
                <SaveBar busy label="Созвать" back=Route::Meetings.path() />
            </form>
        </section>
    }
}
