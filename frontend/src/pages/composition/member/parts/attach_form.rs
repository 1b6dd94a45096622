//! «Закрепить»: the form that attaches an approved tutor to a school or a teacher.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use tutornet_domain::composition::AttachmentInput;
use tutornet_domain::org::School;
use tutornet_domain::{FieldError, ProblemCode};

use super::attachments::{attachment_name, load, support_rank, AttachState};
use crate::api;
use crate::api::validation_problem;
use crate::ui::fields::field_error;
use crate::ui::{ErrorBanner, SelectField};
use crate::util::non_empty;

/// «Закрепить»: a school (ШНОР first) or a teacher of the municipality.
#[component]
pub(super) fn AttachForm(st: AttachState) -> impl IntoView {
    let (attach_kind, attach_school, attach_teacher) = (st.kind, st.school, st.teacher);
    let (att_problem, busy) = (st.problem, st.busy);
    let load_attachments = move || load(st.mid, st.attachments, att_problem);
    let attached_schools = move || {
        st.attachments.with(|a| {
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
        st.message.set(None);
        spawn_local(async move {
            match api::composition::add_attachment(&st.mid.get_value(), &input).await {
                Ok(a) => {
                    let name = attachment_name(&a);
                    st.message
                        .try_set(Some(format!("Тьютор закреплён: {name}.")));
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
        let list: Vec<School> = st
            .school_choices
            .get()
            .into_iter()
            .filter(|s| !taken.contains(&s.id))
            .collect();
        let group = |rank: u8, label: &'static str, list: &[School]| {
            let items: Vec<School> = list
                .iter()
                .filter(|s| support_rank(s) == rank)
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
        st.teacher_choices.with(|v| {
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
