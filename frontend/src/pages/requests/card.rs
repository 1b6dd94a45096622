//! `/requests/:id`: the request, its history and the workflow actions the user may take.

use leptos::prelude::*;
use leptos::task::spawn_local;
use tutornet_domain::community::{
    RequestAction, RequestDetail, RequestTransition, TutorSuggestion,
};
use tutornet_domain::{FieldError, Problem};

use super::parts::actions::Actions;
use super::parts::suggestions::Suggestions;
use super::parts::view::{request_history, request_props};
use crate::api;
use crate::api::files::UploadTarget;
use crate::api::validation_problem;
use crate::routes::Route;
use crate::ui::attachments::Attachments;
use crate::ui::card::{CardBody, Crumbs};
use crate::ui::fields::field_error;
use crate::ui::form::for_route_id;
use crate::ui::form::BusyButton;
use crate::ui::layout::PrintButton;
use crate::ui::{Banner, ErrorBanner};
use crate::util::set_title;

#[component]
pub fn RequestCardPage() -> impl IntoView {
    for_route_id(|id| view! { <RequestCard id=id.unwrap_or_default() /> })
}

fn needs_comment(a: RequestAction) -> bool {
    matches!(
        a,
        RequestAction::AskInfo | RequestAction::Answer | RequestAction::Decline
    )
}

fn comment_label(a: RequestAction) -> &'static str {
    match a {
        RequestAction::AskInfo => "Что нужно уточнить",
        RequestAction::Answer => "Ваш ответ",
        RequestAction::Decline => "Причина отклонения",
        RequestAction::Cancel => "Почему заявка отзывается",
        _ => "Комментарий",
    }
}

#[component]
fn RequestCard(id: String) -> impl IntoView {
    set_title("Заявка");
    let detail = RwSignal::new(None::<RequestDetail>);
    let problem = RwSignal::new(None::<Problem>);
    let action_problem = RwSignal::new(None::<Problem>);
    let message = RwSignal::new(None::<String>);
    let chosen = RwSignal::new(None::<RequestAction>);
    let comment = RwSignal::new(String::new());
    let suggestions = RwSignal::new(None::<Vec<TutorSuggestion>>);
    let tutor = RwSignal::new(String::new());
    let allow_same = RwSignal::new(false);
    let busy = RwSignal::new(false);

    let load = {
        let id = id.clone();
        move || {
            let id = id.clone();
            spawn_local(async move {
                match api::requests::get(&id).await {
                    Ok(d) => {
                        set_title(&format!("Заявка: {}", d.request.topic));
                        detail.try_set(Some(d));
                    }
                    Err(p) => {
                        problem.try_set(Some(p));
                    }
                }
            });
        }
    };
    load();

    // Suggestions, once the coordinator opens «Принять».
    let id2 = id.clone();
    Effect::new(move |_| {
        if chosen.get() != Some(RequestAction::Accept)
            || suggestions.with_untracked(Option::is_some)
        {
            return;
        }
        let id = id2.clone();
        spawn_local(async move {
            match api::requests::tutor_suggestions(&id).await {
                Ok(v) => {
                    if let Some(top) = v.iter().find(|s| !s.same_school) {
                        tutor.try_set(top.user_id.clone());
                    }
                    suggestions.try_set(Some(v));
                }
                Err(p) => {
                    action_problem.try_set(Some(p));
                    suggestions.try_set(Some(Vec::new()));
                }
            }
        });
    });

    let choose = move |a: RequestAction| {
        chosen.set(Some(a));
        comment.set(String::new());
        action_problem.set(None);
        message.set(None);
    };

    let submit = {
        let id = id.clone();
        move |_| {
            let Some(action) = chosen.get_untracked() else {
                return;
            };
            let Some(version) = detail.with_untracked(|d| d.as_ref().map(|d| d.request.version))
            else {
                return;
            };
            let text = comment.get_untracked().trim().to_string();
            let mut errs = Vec::new();
            if needs_comment(action) && text.is_empty() {
                errs.push(FieldError::new(
                    "comment",
                    "required",
                    "Напишите комментарий",
                ));
            }
            let mut same = false;
            if action == RequestAction::Accept {
                let t = tutor.get_untracked();
                if t.is_empty() {
                    errs.push(FieldError::new(
                        "tutor_user_id",
                        "required",
                        "Выберите тьютора",
                    ));
                } else {
                    same = suggestions.with_untracked(|s| {
                        s.as_ref()
                            .and_then(|s| s.iter().find(|x| x.user_id == t))
                            .is_some_and(|x| x.same_school)
                    });
                    if same && !allow_same.get_untracked() {
                        errs.push(FieldError::new(
                            "allow_same_school",
                            "required",
                            "Тьютор из той же школы: подтвердите выбор отметкой",
                        ));
                    }
                }
            }
            if !errs.is_empty() {
                action_problem.set(Some(validation_problem(errs)));
                return;
            }
            let body = RequestTransition {
                action: Some(action),
                comment: (!text.is_empty()).then_some(text),
                tutor_user_id: (action == RequestAction::Accept).then(|| tutor.get_untracked()),
                allow_same_school: same && allow_same.get_untracked(),
                session_id: None,
                version,
            };
            busy.set(true);
            action_problem.set(None);
            let id = id.clone();
            spawn_local(async move {
                match api::requests::transition(&id, &body).await {
                    Ok(d) => {
                        message.try_set(Some(format!(
                            "Готово: заявка теперь «{}».",
                            d.request.status.label_ru()
                        )));
                        detail.try_set(Some(d));
                        chosen.try_set(None);
                        comment.try_set(String::new());
                    }
                    Err(p) => {
                        action_problem.try_set(Some(p));
                    }
                }
                busy.try_set(false);
            });
        }
    };

    let panel = move || {
        chosen.get().map(|a| {
            let submit = submit.clone();
            let required = needs_comment(a);
            view! {
                <div class="card action-panel" data-testid="action-panel">
                    <h3>{a.label_ru()}</h3>
                    {(a == RequestAction::Accept).then(|| view! {
                        <p class="hint">"Тьюторы подобраны по предмету, нагрузке и оценкам. Первый в списке выбран заранее."</p>
                        <Suggestions suggestions tutor allow_same action_problem />
                        <Show when=move || suggestions.with(Option::is_none)>
                            <p class="loading">"Подбираем тьюторов…"</p>
                        </Show>
                    })}
                    <div class="field" class:has-error=move || field_error(action_problem, "comment").is_some()>
                        <label for="f-comment">
                            {comment_label(a)}
                            {required.then(|| view! { <span class="req">" *"</span> })}
                        </label>
                        <textarea
                            id="f-comment"
                            name="comment"
                            rows="3"
                            data-testid="transition-comment"
                            prop:value=move || comment.get()
                            on:input:target=move |ev| comment.set(ev.target().value())
                        ></textarea>
                        {move || field_error(action_problem, "comment").map(|m| view! { <p class="field-error" data-testid="error-comment">{m}</p> })}
                    </div>
                    <div class="form-actions">
                        <BusyButton busy class="btn btn-primary" testid="transition-submit" on_click=submit>
                            {move || if busy.get() { "Сохранение…" } else { "Подтвердить" }}
                        </BusyButton>
                        <button type="button" class="btn btn-link" on:click=move |_| chosen.set(None)>"Отмена"</button>
                    </div>
                </div>
            }
        })
    };

    view! {
        <section class="page" data-testid="request-card">
            <Crumbs parent=Route::Requests parent_label="Заявки" here="Заявка" />
            <CardBody problem loaded=Signal::derive(move || detail.with(Option::is_some))>
                <div class="page-head">
                    <h1 data-testid="request-topic">
                        {move || detail.with(|d| d.as_ref().map(|d| d.request.topic.clone()))}
                    </h1>
                    <PrintButton class="btn no-print" />
                </div>
                <div class="two-col">
                    <div>
                        <div class="card">{move || detail.with(|d| d.as_ref().map(request_props))}</div>
                        <RequestDocuments detail />
                    </div>
                    <div>
                        <div class="card no-print">
                            <h2>"Действия"</h2>
                            <Banner message />
                            <ErrorBanner problem=action_problem />
                            {move || {
                                detail
                                    .with(|d| {
                                        d.as_ref()
                                            .map(|d| {
                                                if d.allowed_actions.is_empty() {
                                                    view! {
                                                        <p class="muted" data-testid="no-actions">
                                                            "Сейчас от вас по заявке ничего не требуется."
                                                        </p>
                                                    }
                                                        .into_any()
                                                } else {
                                                    view! { <Actions detail=d.clone() chosen choose=Callback::new(choose) /> }.into_any()
                                                }
                                            })
                                    })
                            }}
                        </div>
                        {panel.clone()}
                        <div class="card">
                            <h2>"История"</h2>
                            {move || detail.with(|d| d.as_ref().map(request_history))}
                        </div>
                    </div>
                </div>
            </CardBody>
        </section>
    }
}

/// The request's documents (the work sent for an expert review, a letter received).
#[component]
fn RequestDocuments(detail: RwSignal<Option<RequestDetail>>) -> impl IntoView {
    move || {
        detail.with(|d| {
            d.as_ref().map(|d| {
                let files = RwSignal::new(d.files.clone());
                view! {
                    <Attachments
                        title="Документы заявки"
                        testid="request-files"
                        input_testid="request-file-input"
                        target=UploadTarget::RequestDocument(d.request.id.clone())
                        files
                        manage=d.can_change_files
                        hint="Например, план урока или программа для экспертизы, письмо школы."
                    />
                }
            })
        })
    }
}
