//! Attachments (закрепление): the schools and teachers an approved tutor supports —
//! the list, attaching and detaching.

use leptos::prelude::*;
use leptos::task::spawn_local;
use tutornet_domain::composition::{Attachment, Member, MemberStatus};
use tutornet_domain::org::School;
use tutornet_domain::permissions::{Action, Resource};
use tutornet_domain::users::User;
use tutornet_domain::{Problem, Role};

use super::attach_form::AttachForm;
use super::sees_schools;
use crate::api;
use crate::auth::Auth;
use crate::pages::composition::member::form::people;
use crate::routes::Route;
use crate::ui::form::BusyButton;
use crate::util::confirm;

/// The attachments block of the card; loads the list once the member has arrived.
#[component]
pub fn Attachments(
    member: RwSignal<Option<Member>>,
    member_id: StoredValue<String>,
    message: RwSignal<Option<String>>,
    busy: RwSignal<bool>,
) -> impl IntoView {
    let auth = Auth::get();
    let sees_schools = move || sees_schools(auth);
    let mid = member_id;
    let approved = move || {
        member.with(|m| {
            m.as_ref()
                .is_some_and(|m| m.status == MemberStatus::Approved)
        })
    };
    let attachments = RwSignal::new(None::<Vec<Attachment>>);
    let att_problem = RwSignal::new(None::<Problem>);
    let load_attachments = move || load(mid, attachments, att_problem);

    // The list is read once the member itself has loaded.
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) {
            return true;
        }
        let loaded = member.with(Option::is_some);
        if loaded {
            load_attachments();
        }
        loaded
    });
    let st = AttachState {
        kind: RwSignal::new("school".to_string()),
        school: RwSignal::new(String::new()),
        teacher: RwSignal::new(String::new()),
        school_choices: RwSignal::new(Vec::new()),
        teacher_choices: RwSignal::new(Vec::new()),
        attachments,
        problem: att_problem,
        busy,
        message,
        mid,
    };
    let choices_loaded = RwSignal::new(false);
    Effect::new(move |_| {
        let Some(municipality) = member.with(|m| {
            m.as_ref()
                .filter(|m| m.status == MemberStatus::Approved)
                .map(|m| m.municipality_id.clone())
        }) else {
            return;
        };
        if !auth.can(Resource::Composition, Action::Create) || choices_loaded.get_untracked() {
            return;
        }
        choices_loaded.set(true);
        spawn_local(async move {
            let mut list: Vec<School> = api::schools::choices(Some(municipality.clone()))
                .await
                .into_iter()
                .filter(|s| s.meta.archived_at.is_none())
                .collect();
            list.sort_by_key(support_rank);
            st.school_choices.try_set(list);
            st.teacher_choices
                .try_set(people(&municipality, &[Role::Teacher]).await);
        });
    });
    let detach = move |a: Attachment| {
        let name = attachment_name(&a);
        if !confirm(&format!("Снять закрепление: {name}?")) {
            return;
        }
        busy.set(true);
        att_problem.set(None);
        message.set(None);
        spawn_local(async move {
            match api::composition::delete_attachment(&a.id).await {
                Ok(_) => {
                    message.try_set(Some(format!("Закрепление снято: {name}.")));
                    load_attachments();
                }
                Err(p) => {
                    att_problem.try_set(Some(p));
                }
            }
            busy.try_set(false);
        });
    };
    let may_attach = move || auth.can(Resource::Composition, Action::Create);
    let attachments_box = move || {
        let list = attachments.get();
        let is_approved = approved();
        view! {
            <div class="card" data-testid="attachments">
                <h2>"Закрепление"</h2>
                <p class="hint">"Школы и учителя, которым тьютор оказывает адресную методическую помощь."</p>
                {match list {
                    None => view! {
                        <Show when=move || att_problem.with(Option::is_none)>
                            <p class="loading" data-testid="loading">"Загрузка…"</p>
                        </Show>
                    }.into_any(),
                    Some(v) if v.is_empty() => view! { <p class="muted" data-testid="attachments-empty">"Тьютор ни за кем не закреплён."</p> }.into_any(),
                    Some(v) => view! {
                        <ul class="plain-list">
                            {v.into_iter().map(|a| {
                                let a2 = a.clone();
                                let (kind, name) = match (&a.school_name, &a.teacher_name) {
                                    (Some(s), _) => ("Школа", tutornet_domain::text::numero(s)),
                                    (None, Some(t)) => ("Учитель", t.clone()),
                                    _ => ("", "—".to_string()),
                                };
                                view! {
                                    <li class="attachment-row" data-testid="attachment-row">
                                        <span>
                                            <span class="muted small">{format!("{kind}: ")}</span>
                                            {match a.school_id.as_ref().filter(|_| sees_schools()) {
                                                Some(id) => view! { <a href=Route::School(id.to_string()).path() class="strong">{name.clone()}</a> }.into_any(),
                                                None => view! { <span class="strong">{name.clone()}</span> }.into_any(),
                                            }}
                                            <span class="muted small">{format!(" · с {}", crate::ui::time::date_ru(a.meta.created_at))}</span>
                                        </span>
                                        <Show when=may_attach>
                                            {
                                                let a3 = a2.clone();
                                                view! {
                                                    <BusyButton busy class="btn btn-link btn-danger no-print" testid="attachment-remove" on_click=move |_| detach(a3.clone())>
                                                        "Снять"
                                                    </BusyButton>
                                                }
                                            }
                                        </Show>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                }}
                <Show when=move || may_attach() && !is_approved>
                    <p class="hint no-print">"Закрепить можно только утверждённого приказом тьютора."</p>
                </Show>
                <Show when=move || may_attach() && is_approved>
                    <AttachForm st />
                </Show>
            </div>
        }
    };

    attachments_box
}

/// ШНОР first (0), then the other supported schools — ШССУ, 500+ (1), then the rest (2).
pub(super) fn support_rank(s: &School) -> u8 {
    if s.is_low_results {
        0
    } else if s.is_difficult_conditions || s.is_500plus {
        1
    } else {
        2
    }
}

/// The school or teacher an attachment is about.
pub(super) fn attachment_name(a: &Attachment) -> String {
    a.school_name
        .as_deref()
        .map(tutornet_domain::text::numero)
        .or(a.teacher_name.clone())
        .unwrap_or_default()
}

pub(super) fn load(
    mid: StoredValue<String>,
    attachments: RwSignal<Option<Vec<Attachment>>>,
    problem: RwSignal<Option<Problem>>,
) {
    spawn_local(async move {
        match api::composition::attachments(&mid.get_value()).await {
            Ok(v) => {
                attachments.try_set(Some(v));
            }
            Err(p) => {
                problem.try_set(Some(p));
            }
        }
    });
}

/// The attach form's state, kept by the block so that a reloaded list keeps the choices.
#[derive(Clone, Copy)]
pub(super) struct AttachState {
    pub kind: RwSignal<String>,
    pub school: RwSignal<String>,
    pub teacher: RwSignal<String>,
    pub school_choices: RwSignal<Vec<School>>,
    pub teacher_choices: RwSignal<Vec<User>>,
    pub attachments: RwSignal<Option<Vec<Attachment>>>,
    pub problem: RwSignal<Option<Problem>>,
    pub busy: RwSignal<bool>,
    pub message: RwSignal<Option<String>>,
    pub mid: StoredValue<String>,
}
