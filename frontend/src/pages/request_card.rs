//! `/requests/:id`: the request, its history and the workflow actions the user may take.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use tutornet_domain::community::{
    RequestAction, RequestDetail, RequestTransition, TutorSuggestion,
};
use tutornet_domain::text::format_date_ru;
use tutornet_domain::{FieldError, Problem};

use crate::api::validation_problem;
use crate::auth::Auth;
use crate::components::community::RequestStatusBadge;
use crate::components::fields::field_error;
use crate::components::{Banner, ErrorBanner};
use crate::pages::requests::StaleFlag;
use crate::util::{datetime_ru, set_title};

#[component]
pub fn RequestCardPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    move || {
        let id = id.get();
        view! { <RequestCard id /> }
    }
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
    let auth = Auth::get();
    let api = auth.api();
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
                match api
                    .get::<RequestDetail>(&format!("/requests/{id}"), Vec::new())
                    .await
                {
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
            match api
                .get::<Vec<TutorSuggestion>>(
                    &format!("/requests/{id}/tutor-suggestions"),
                    Vec::new(),
                )
                .await
            {
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
                match api
                    .post::<_, RequestDetail>(&format!("/requests/{id}/transitions"), &body)
                    .await
                {
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

    let fields = move |d: &RequestDetail| {
        let r = d.request.clone();
        let period = match (r.period_from, r.period_to) {
            (Some(a), Some(b)) => format!("{} – {}", format_date_ru(a), format_date_ru(b)),
            (Some(a), None) => format!("с {}", format_date_ru(a)),
            (None, Some(b)) => format!("до {}", format_date_ru(b)),
            (None, None) => "—".to_string(),
        };
        let audience = {
            let mut s = r.audience.label_ru().to_string();
            if let Some(c) = r.audience_count {
                s.push_str(&format!(", {c} чел."));
            }
            if let Some(g) = &r.audience_grade {
                s.push_str(&format!(", {g}"));
            }
            s
        };
        view! {
            <dl class="props" data-testid="request-props">
                <dt>"Статус"</dt>
                <dd>
                    <span class="badges">
                        <RequestStatusBadge status=r.status />
                        <StaleFlag status=r.status age_days=r.age_days />
                    </span>
                </dd>
                <dt>"Форма работы"</dt>
                <dd>{r.form.label_ru()}</dd>
                <dt>"Предмет"</dt>
                <dd>{r.subject_name.clone().unwrap_or_else(|| "—".to_string())}</dd>
                <dt>"Затруднение"</dt>
                <dd class="pre">{r.problem.clone()}</dd>
                <dt>"Аудитория"</dt>
                <dd>{audience}</dd>
                <dt>"Формат"</dt>
                <dd>{r.format.label_ru()}</dd>
                <dt>"Желаемый период"</dt>
                <dd>{period}</dd>
                <dt>"Школа"</dt>
                <dd>{r.school_name.clone()}</dd>
                <dt>"Заявитель"</dt>
                <dd>
                    {r.requester_name.clone()}
                    {r.for_school.then_some(" (от школы)")}
                </dd>
                <dt>"Тьютор"</dt>
                <dd data-testid="request-tutor">{r.tutor_name.clone().unwrap_or_else(|| "не назначен".to_string())}</dd>
                {r.session_id.clone().map(|sid| view! {
                    <dt>"Занятие"</dt>
                    <dd><a href=format!("/sessions/{sid}") data-testid="request-session">"Открыть занятие"</a></dd>
                })}
                {r.decline_reason.clone().map(|x| view! {
                    <dt>"Причина отклонения"</dt>
                    <dd>{x}</dd>
                })}
                <dt>"Подана"</dt>
                <dd>{datetime_ru(r.created_at)}</dd>
            </dl>
        }
    };

    let history = move |d: &RequestDetail| {
        let items = d.history.clone();
        view! {
            <ol class="timeline" data-testid="request-history">
                {items
                    .into_iter()
                    .map(|e| {
                        let change = match e.from_status {
                            Some(f) => format!("{} → {}", f.label_ru(), e.to_status.label_ru()),
                            None => format!("Подана: {}", e.to_status.label_ru()),
                        };
                        view! {
                            <li class="timeline-item" data-testid="history-item">
                                <div class="timeline-head">
                                    <span class="strong">{change}</span>
                                    <span class="muted small nowrap">{datetime_ru(e.at)}</span>
                                </div>
                                <div class="muted small">{e.actor_name.clone().unwrap_or_else(|| "система".to_string())}</div>
                                {e.comment.clone().map(|c| view! { <p class="timeline-comment pre">{c}</p> })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        }
    };

    let suggestion_list = move || {
        suggestions.get().map(|list| {
            if list.is_empty() {
                return view! {
                    <p class="muted" data-testid="no-suggestions">
                        "Подходящих тьюторов не найдено: в утверждённом составе нет тьюторов с учётной записью."
                    </p>
                }
                .into_any();
            }
            view! {
                <div class="suggestions" role="radiogroup" aria-label="Тьюторы" data-testid="suggestions">
                    {list
                        .into_iter()
                        .enumerate()
                        .map(|(i, s)| {
                            let uid = s.user_id.clone();
                            let uid2 = s.user_id.clone();
                            view! {
                                <label class="suggestion" class:same-school=s.same_school data-testid="suggestion">
                                    <input
                                        type="radio"
                                        name="tutor_user_id"
                                        value=uid.clone()
                                        prop:checked=move || tutor.with(|t| *t == uid)
                                        on:change=move |_| {
                                            tutor.set(uid2.clone());
                                            allow_same.set(false);
                                        }
                                    />
                                    <span class="suggestion-body">
                                        <span class="strong">{s.full_name.clone()}</span>
                                        {(i == 0 && !s.same_school).then(|| view! { " " <span class="badge st-done">"рекомендуем"</span> })}
                                        {s.same_school.then(|| view! { " " <span class="badge st-warn">"та же школа"</span> })}
                                        <span class="muted small">
                                            {[
                                                s.school_name.clone(),
                                                Some(format!("нагрузка: {}", s.load)),
                                                s.average_rating.map(|r| format!("оценка {r:.1}").replace('.', ",")),
                                            ]
                                                .into_iter()
                                                .flatten()
                                                .collect::<Vec<_>>()
                                                .join(" · ")}
                                        </span>
                                        <ul class="reasons">
                                            {s.reasons.iter().map(|r| view! { <li>{r.clone()}</li> }).collect_view()}
                                        </ul>
                                    </span>
                                </label>
                            }
                        })
                        .collect_view()}
                </div>
                {move || field_error(action_problem, "tutor_user_id").map(|m| view! { <p class="field-error" data-testid="error-tutor_user_id">{m}</p> })}
                <Show when=move || {
                    let t = tutor.get();
                    suggestions.with(|s| s.as_ref().and_then(|s| s.iter().find(|x| x.user_id == t)).is_some_and(|x| x.same_school))
                }>
                    <label class="check warn-check">
                        <input
                            type="checkbox"
                            name="allow_same_school"
                            prop:checked=move || allow_same.get()
                            on:change:target=move |ev| allow_same.set(ev.target().checked())
                        />
                        <span>"Тьютор работает в той же школе, что и заявитель. Всё равно назначить."</span>
                    </label>
                    {move || field_error(action_problem, "allow_same_school").map(|m| view! { <p class="field-error" data-testid="error-allow_same_school">{m}</p> })}
                </Show>
            }
            .into_any()
        })
    };

    let actions = move |d: &RequestDetail| {
        let rid = d.request.id.clone();
        let list = d.allowed_actions.clone();
        view! {
            <div class="actions" data-testid="request-actions">
                {list
                    .into_iter()
                    .map(|a| {
                        if a == RequestAction::Schedule {
                            view! {
                                <a
                                    class="btn btn-primary"
                                    href=format!("/sessions/new?request={rid}")
                                    data-testid="action-schedule"
                                >
                                    {a.label_ru()}
                                </a>
                            }
                            .into_any()
                        } else {
                            let danger = matches!(a, RequestAction::Decline | RequestAction::Cancel);
                            view! {
                                <button
                                    type="button"
                                    class="btn"
                                    class:btn-danger=danger
                                    class:active=move || chosen.get() == Some(a)
                                    data-testid=format!("action-{}", a.as_str())
                                    on:click=move |_| choose(a)
                                >
                                    {a.label_ru()}
                                </button>
                            }
                            .into_any()
                        }
                    })
                    .collect_view()}
            </div>
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
                        {suggestion_list}
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
                        <button
                            type="button"
                            class="btn btn-primary"
                            data-testid="transition-submit"
                            disabled=move || busy.get()
                            on:click=submit
                        >
                            {move || if busy.get() { "Сохранение…" } else { "Подтвердить" }}
                        </button>
                        <button type="button" class="btn btn-link" on:click=move |_| chosen.set(None)>"Отмена"</button>
                    </div>
                </div>
            }
        })
    };

    view! {
        <section class="page" data-testid="request-card">
            <p class="crumbs">
                <a href="/requests">"Заявки"</a>
                " / "
                <span>"Заявка"</span>
            </p>
            <ErrorBanner problem />
            <Show
                when=move || detail.with(Option::is_some)
                fallback=move || view! {
                    <Show when=move || problem.with(Option::is_none)>
                        <p class="loading" data-testid="loading">"Загрузка…"</p>
                    </Show>
                }
            >
                <div class="page-head">
                    <h1 data-testid="request-topic">
                        {move || detail.with(|d| d.as_ref().map(|d| d.request.topic.clone()))}
                    </h1>
                    <button
                        type="button"
                        class="btn no-print"
                        on:click=|_| {
                            if let Some(w) = web_sys::window() {
                                let _ = w.print();
                            }
                        }
                    >
                        "Печать"
                    </button>
                </div>
                <div class="two-col">
                    <div>
                        <div class="card">{move || detail.with(|d| d.as_ref().map(&fields))}</div>
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
                                                    actions(d).into_any()
                                                }
                                            })
                                    })
                            }}
                        </div>
                        {panel.clone()}
                        <div class="card">
                            <h2>"История"</h2>
                            {move || detail.with(|d| d.as_ref().map(&history))}
                        </div>
                    </div>
                </div>
            </Show>
        </section>
    }
}
