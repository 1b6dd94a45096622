//! `/sessions/:id`: one session — details, registration, the log, amendments, ratings.
//! The pieces live in `parts/`; this file loads the session and lays them out.

use leptos::prelude::*;
use leptos::task::spawn_local;
use tutornet_domain::community::SessionStatus;
use tutornet_domain::Problem;

use super::parts::amendments::Amendments;
use super::parts::cancel::CancelBox;
use super::parts::details::{is_announcement, Details};
use super::parts::log::{LogForm, LogView};
use super::parts::materials::Materials;
use super::parts::ratings::Ratings;
use super::parts::registration::{Participants, Registration};
use super::parts::CardState;
use crate::api;
use crate::routes::Route;
use crate::ui::card::{CardBody, Crumbs};
use crate::ui::form::for_route_id;
use crate::ui::layout::PrintButton;
use crate::ui::Banner;
use crate::util::set_title;

#[component]
pub fn SessionCardPage() -> impl IntoView {
    for_route_id(|id| view! { <SessionCard id=id.unwrap_or_default() /> })
}

#[component]
fn SessionCard(id: String) -> impl IntoView {
    set_title("Занятие");
    let state = CardState::new(id);
    let CardState {
        detail, message, ..
    } = state;
    let problem = RwSignal::new(None::<Problem>);
    spawn_local(async move {
        match api::sessions::get(&state.id.get_value()).await {
            Ok(d) => state.apply(d),
            Err(p) => {
                problem.try_set(Some(p));
            }
        }
    });

    // A future session prints as its announcement, a held one as its log.
    let print_as = move || {
        detail.with(|d| match d {
            Some(d) if is_announcement(d) => "announcement",
            Some(d) if d.session.status == SessionStatus::Held => "log",
            _ => "session",
        })
    };

    view! {
        <section class="page session-page" data-testid="session-card" data-print=print_as>
            <Crumbs parent=Route::Sessions parent_label="Расписание" here="Занятие" />
            <CardBody problem loaded=Signal::derive(move || detail.with(Option::is_some))>
                <div class="page-head">
                    <h1 data-testid="session-title">{move || detail.with(|d| d.as_ref().map(|d| d.session.title.clone()))}</h1>
                    <div class="actions no-print">
                        {move || detail.with(|d| d.as_ref().filter(|d| d.can_manage && d.session.status == SessionStatus::Planned).map(|d| view! {
                            <a class="btn" href=Route::SessionEdit(d.session.id.to_string()).path() data-testid="edit-session">"Изменить"</a>
                        }))}
                        <PrintButton />
                    </div>
                </div>
                <Banner message />
                <div class="two-col">
                    <div>
                        <div class="card session-details"><Details state /></div>
                        <LogView state />
                        <Materials state />
                        <Amendments state />
                    </div>
                    <div>
                        <Registration state />
                        <LogForm state />
                        <Ratings state />
                        <Participants state />
                        <CancelBox state />
                    </div>
                </div>
            </CardBody>
        </section>
    }
}
