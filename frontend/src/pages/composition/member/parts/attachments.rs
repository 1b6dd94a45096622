//! Attachments (закрепление): the schools and teachers an approved tutor supports —
//! the list, attaching and detaching.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use tutornet_domain::composition::{Attachment, AttachmentInput, Member, MemberStatus};
use tutornet_domain::org::School;
use tutornet_domain::permissions::{Action, Resource};
use tutornet_domain::users::User;
use tutornet_domain::{FieldError, Problem, ProblemCode, Role};

use super::sees_schools;
use crate::api;
use crate::api::validation_problem;
use crate::auth::Auth;
use crate::pages::composition::member::form::people;
use crate::routes::Route;
use crate::ui::fields::field_error;
use crate::ui::{ErrorBanner, SelectField};
use crate::util::{confirm, non_empty};

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
    // ---- Attachments ----
    let attach_kind = RwSignal::new("school".to_string());
    let attach_school = RwSignal::new(String::new());
    let attach_teacher = RwSignal::new(String::new());
    let school_choices = RwSignal::new(Vec::<School>::new());
    let teacher_choices = RwSignal::new(Vec::<User>::new());
    let choices_loaded = RwSignal::new(false);
    let st = AttachState {
        kind: attach_kind,
        school: attach_school,
        teacher: attach_teacher,
        school_choices,
        teacher_choices,
        attachments,
        problem: att_problem,
        busy,
        message,
        mid,
    };
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
            // ШНОР first, then the other supported schools (ШССУ, 500+), then the rest.
            list.sort_by_key(|s| {
                if s.is_low_results {
                    0
                } else if s.is_difficult_conditions || s.is_500plus {
                    1
                } else {
                    2
                }
            });
            school_choices.try_set(list);
            teacher_choices.try_set(people(&municipality, &[Role::Teacher]).await);
        });
    });
    let detach = move |a: Attachment| {
        let name = a
            .school_name
            .clone()
            .or(a.teacher_name.clone())
            .unwrap_or_default();
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
                                    (Some(s), _) => ("Школа", s.clone()),
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
                                                    <button
                                                        type="button"
                                                        class="btn btn-link btn-danger no-print"
                                                        data-testid="attachment-remove"
                                                        disabled=move || busy.get()
                                                        on:click=move |_| detach(a3.clone())
                                                    >
                                                        "Снять"
                                                    </button>
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

fn load(
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
struct AttachState {
    kind: RwSignal<String>,
    school: RwSignal<String>,
    teacher: RwSignal<String>,
    school_choices: RwSignal<Vec<School>>,
    teacher_choices: RwSignal<Vec<User>>,
    attachments: RwSignal<Option<Vec<Attachment>>>,
    problem: RwSignal<Option<Problem>>,
    busy: RwSignal<bool>,
    message: RwSignal<Option<String>>,
    mid: StoredValue<String>,
}

/// «Закрепить»: a school (ШНОР first) or a teacher of the municipality.
#[component]
fn AttachForm(st: AttachState) -> impl IntoView {
    let AttachState {
        kind: attach_kind,
        school: attach_school,
        teacher: attach_teacher,
        school_choices,
        teacher_choices,
        attachments,
        problem: att_problem,
        busy,
        message,
        mid,
    } = st;
    let load_attachments = move || load(mid, attachments, att_problem);
    let attached_schools = move || {
        attachments.with(|a| {
            a.as_ref()
                .map(|v| {
                    v.iter()
                        .filter_map(|a| a.school_id.clone())
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let attach = move |ev: SubmitEvent| {
        ev.prevent_default();
        let by_school = attach_kind.get_untracked() == "school";
        let input = AttachmentInput {
            school_id: if by_school {
                non_empty(attach_school.get_untracked())
            } else {
                None
            },
            teacher_user_id: if by_school {
                None
            } else {
                non_empty(attach_teacher.get_untracked())
            },
        };
        if input.school_id.is_none() && input.teacher_user_id.is_none() {
            let (field, msg) = if by_school {
                ("attach_school_id", "Выберите школу")
            } else {
                ("attach_teacher_id", "Выберите учителя")
            };
            att_problem.set(Some(validation_problem(vec![FieldError::new(
                field, "required", msg,
            )])));
            return;
        }
        busy.set(true);
        att_problem.set(None);
        message.set(None);
        spawn_local(async move {
            match api::composition::add_attachment(&mid.get_value(), &input).await {
                Ok(a) => {
                    let name = a
                        .school_name
                        .clone()
                        .or(a.teacher_name.clone())
                        .unwrap_or_default();
                    message.try_set(Some(format!("Тьютор закреплён: {name}.")));
                    attach_school.try_set(String::new());
                    attach_teacher.try_set(String::new());
                    load_attachments();
                }
                Err(mut p) => {
                    // Server field names → the fields of this form.
                    for e in p.errors.iter_mut() {
                        if e.field == "school_id" {
                            e.field = if by_school {
                                "attach_school_id"
                            } else {
                                "attach_teacher_id"
                            }
                            .to_string();
                        } else if e.field == "teacher_user_id" {
                            e.field = "attach_teacher_id".to_string();
                        }
                    }
                    if p.is(ProblemCode::MemberNotApproved) {
                        p.title = "Закрепление невозможно.".to_string();
                    }
                    att_problem.try_set(Some(p));
                }
            }
            busy.try_set(false);
        });
    };
    let school_select = move || {
        let taken = attached_schools();
        let list: Vec<School> = school_choices
            .get()
            .into_iter()
            .filter(|s| !taken.contains(&s.id))
            .collect();
        let group = |rank: u8, label: &'static str, list: &[School]| {
            let items: Vec<School> = list
                .iter()
                .filter(|s| {
                    let r = if s.is_low_results {
                        0
                    } else if s.is_difficult_conditions || s.is_500plus {
                        1
                    } else {
                        2
                    };
                    r == rank
                })
                .cloned()
                .collect();
            (!items.is_empty()).then(|| {
                view! {
                    <optgroup label=label>
                        {items
                            .into_iter()
                            .map(|s| {
                                let flags = s.flag_labels().join(", ");
                                let text = if flags.is_empty() {
                                    s.short_name.clone()
                                } else {
                                    format!("{} — {flags}", s.short_name)
                                };
                                let v = s.id.clone();
                                view! {
                                    <option value=s.id.clone() prop:selected=move || attach_school.with(|c| *c == v)>
                                        {text}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </optgroup>
                }
            })
        };
        view! {
            <div class="field" class:has-error=move || field_error(att_problem, "attach_school_id").is_some()>
                <label for="f-attach_school_id">"Школа" <span class="req">" *"</span></label>
                <select
                    id="f-attach_school_id"
                    name="attach_school_id"
                    aria-describedby="err-attach_school_id"
                    on:change:target=move |ev| {
                        attach_school.set(ev.target().value());
                        att_problem.set(None);
                    }
                >
                    <option value="" prop:selected=move || attach_school.with(String::is_empty)>"— выберите школу —"</option>
                    {group(0, "ШНОР", &list)}
                    {group(1, "ШССУ и «500+»", &list)}
                    {group(2, "Другие школы", &list)}
                </select>
                <p class="hint">"Сначала — школы с низкими образовательными результатами (ШНОР)."</p>
                {move || field_error(att_problem, "attach_school_id").map(|m| view! { <p class="field-error" id="err-attach_school_id" data-testid="error-attach_school_id">{m}</p> })}
            </div>
        }
    };
    let teacher_options = Signal::derive(move || {
        teacher_choices.with(|v| {
            v.iter()
                .map(|u| {
                    (
                        u.id.clone(),
                        match &u.position {
                            Some(p) => format!("{} — {p}", u.full_name),
                            None => u.full_name.clone(),
                        },
                    )
                })
                .collect::<Vec<_>>()
        })
    });

    view! {
                    <form class="form attach-form no-print" on:submit=attach data-testid="attach-form" novalidate=true>
                        <h3>"Закрепить"</h3>
                        <ErrorBanner problem=att_problem />
                        <div class="radio-row" role="radiogroup" aria-label="За кем закрепить">
                            <label class="check">
                                <input type="radio" name="attach_kind" value="school" prop:checked=move || attach_kind.get() == "school" on:change=move |_| { attach_kind.set("school".to_string()); att_problem.set(None); } />
                                <span>"за школой"</span>
                            </label>
                            <label class="check">
                                <input type="radio" name="attach_kind" value="teacher" prop:checked=move || attach_kind.get() == "teacher" on:change=move |_| { attach_kind.set("teacher".to_string()); att_problem.set(None); } />
                                <span>"за учителем"</span>
                            </label>
                        </div>
                        <Show
                            when=move || attach_kind.get() == "school"
                            fallback=move || view! {
                                <SelectField
                                    label="Учитель"
                                    name="attach_teacher_id"
                                    value=attach_teacher
                                    options=teacher_options
                                    problem=att_problem
                                    placeholder="— выберите учителя —"
                                    required=true
                                />
                            }
                        >
                            {school_select}
                        </Show>
                        <div class="form-actions">
                            <button type="submit" class="btn btn-primary" data-testid="attach-submit" disabled=move || busy.get()>
                                "Закрепить"
                            </button>
                        </div>
                    </form>
    }
}
