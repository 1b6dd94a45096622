//! `/sessions/new` (`?request=<id>` links an accepted request and fills the form from it)
//! and `/sessions/:id/edit` (a planned session; one occurrence of a series at a time).

use chrono::{NaiveDate, NaiveTime};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use tutornet_domain::community::{
    Audience, FormOfWork, Recurrence, Request, RequestDetail, RequestStatus, Session,
    SessionDetail, SessionInput, SessionStatus, WorkFormat,
};
use tutornet_domain::{FieldError, Page, Problem, Role};

use crate::api::validation_problem;
use crate::api_community::{
    conflict_session_id, enum_options, hhmm, local, subjects, today, tutors, utc_of_local,
};
use crate::auth::Auth;
use crate::components::fields::field_error;
use crate::components::{ErrorBanner, SelectField, TextField};
use crate::pages::school_form::reload_page;
use crate::util::{non_empty, set_title};

fn is_conflict(p: &Problem) -> bool {
    matches!(p.code.as_str(), "tutor_conflict" | "room_conflict")
}

/// The note shown when the edited session belongs to a series.
pub const SERIES_NOTE: &str = "Изменение касается только этого занятия серии";

/// `/sessions/new` and `/sessions/:id/edit`.
#[component]
pub fn SessionFormPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id")));
    move || {
        let id = id.get();
        view! { <SessionForm id /> }
    }
}

#[component]
fn SessionForm(id: Option<String>) -> impl IntoView {
    let editing = id.is_some();
    set_title(if editing {
        "Изменение занятия"
    } else {
        "Новое занятие"
    });
    let auth = Auth::get();
    let api = auth.api();
    let navigate = use_navigate();
    let query = use_query_map();
    let preselected = query.with_untracked(|q| q.get("request").unwrap_or_default());

    let form = RwSignal::new(String::new());
    let subject_id = RwSignal::new(String::new());
    let title = RwSignal::new(String::new());
    let date = RwSignal::new(today().format("%Y-%m-%d").to_string());
    let start = RwSignal::new("15:00".to_string());
    let end = RwSignal::new("16:00".to_string());
    let format = RwSignal::new(WorkFormat::InPerson.as_str().to_string());
    let place = RwSignal::new(String::new());
    let online_link = RwSignal::new(String::new());
    let audience = RwSignal::new(Audience::Teachers.as_str().to_string());
    let seats = RwSignal::new(String::new());
    let tutor_ids = RwSignal::new(Vec::<String>::new());
    let request_ids = RwSignal::new(Vec::<String>::new());
    let recurrence = RwSignal::new(String::new());
    let repeat_until = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<Problem>);
    let saving = RwSignal::new(false);
    // The edited session (edit mode only) and whether it has arrived.
    let original = RwSignal::new(None::<SessionDetail>);
    let ready = RwSignal::new(!editing);
    let conflict = RwSignal::new(false);

    let subject_options = RwSignal::new(Vec::<(String, String)>::new());
    let tutor_options = RwSignal::new(Vec::<(String, String)>::new());
    let accepted = RwSignal::new(Vec::<Request>::new());
    let chooses_tutors = move || matches!(auth.role(), Role::Coordinator | Role::Admin);

    spawn_local(async move {
        subject_options.try_set(subjects(api).await);
        if matches!(auth.role(), Role::Coordinator | Role::Admin) {
            let mut list = tutors(api).await;
            // The session's own tutors stay choosable even if no longer in the list.
            tutor_options.try_update(|v| {
                for t in v.drain(..) {
                    if !list.iter().any(|x| x.0 == t.0) {
                        list.push(t);
                    }
                }
            });
            tutor_options.try_set(list);
        }
        if editing {
            return;
        }
        let q = vec![
            ("status", RequestStatus::Accepted.as_str().to_string()),
            ("limit", "200".to_string()),
        ];
        if let Ok(p) = api.get::<Page<Request>>("/requests", q).await {
            accepted.try_set(p.items);
        }
    });
    if let Some(sid) = id.clone() {
        spawn_local(async move {
            match api
                .get::<SessionDetail>(&format!("/sessions/{sid}"), Vec::new())
                .await
            {
                Ok(d) => {
                    let s = &d.session;
                    form.try_set(s.form.as_str().to_string());
                    subject_id.try_set(s.subject_id.clone().unwrap_or_default());
                    title.try_set(s.title.clone());
                    date.try_set(local(s.starts_at).date().format("%Y-%m-%d").to_string());
                    start.try_set(hhmm(s.starts_at));
                    end.try_set(hhmm(s.ends_at));
                    format.try_set(s.format.as_str().to_string());
                    place.try_set(s.place.clone().unwrap_or_default());
                    online_link.try_set(s.online_link.clone().unwrap_or_default());
                    audience.try_set(s.audience.as_str().to_string());
                    seats.try_set(s.seats.map(|n| n.to_string()).unwrap_or_default());
                    tutor_ids.try_set(s.tutors.iter().map(|t| t.id.clone()).collect());
                    request_ids.try_set(s.request_ids.clone());
                    tutor_options.try_update(|v| {
                        for t in &s.tutors {
                            if !v.iter().any(|x| x.0 == t.id) {
                                v.push((t.id.clone(), t.full_name.clone()));
                            }
                        }
                    });
                    set_title(&format!("Изменение: {}", s.title));
                    original.try_set(Some(d));
                    ready.try_set(true);
                }
                Err(p) => {
                    problem.try_set(Some(p));
                }
            }
        });
    } else if !preselected.is_empty() {
        let rid = preselected.clone();
        spawn_local(async move {
            match api
                .get::<RequestDetail>(&format!("/requests/{rid}"), Vec::new())
                .await
            {
                Ok(d) => {
                    let r = d.request;
                    form.try_set(r.form.as_str().to_string());
                    subject_id.try_set(r.subject_id.clone().unwrap_or_default());
                    title.try_set(r.topic.clone());
                    audience.try_set(r.audience.as_str().to_string());
                    format.try_set(r.format.as_str().to_string());
                    if let Some(t) = &r.tutor_user_id {
                        tutor_ids.try_set(vec![t.clone()]);
                    }
                    request_ids.try_set(vec![r.id.clone()]);
                    accepted.try_update(|v| {
                        if !v.iter().any(|x| x.id == r.id) {
                            v.insert(0, r);
                        }
                    });
                }
                Err(p) => {
                    problem.try_set(Some(p));
                }
            }
        });
    }

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if saving.get_untracked() {
            return;
        }
        let mut errs: Vec<FieldError> = Vec::new();
        let d = NaiveDate::parse_from_str(date.get_untracked().trim(), "%Y-%m-%d").ok();
        let t =
            |s: RwSignal<String>| NaiveTime::parse_from_str(s.get_untracked().trim(), "%H:%M").ok();
        let (t1, t2) = (t(start), t(end));
        if d.is_none() {
            errs.push(FieldError::new("starts_at", "required", "Укажите дату"));
        }
        if t1.is_none() {
            errs.push(FieldError::new(
                "starts_at",
                "required",
                "Укажите время начала",
            ));
        }
        if t2.is_none() {
            errs.push(FieldError::new(
                "ends_at",
                "required",
                "Укажите время окончания",
            ));
        }
        let seats_v = match seats.get_untracked().trim() {
            "" => None,
            s => match s.parse::<i32>() {
                Ok(n) => Some(n),
                Err(_) => {
                    errs.push(FieldError::new("seats", "invalid", "Введите целое число"));
                    None
                }
            },
        };
        let starts_at = d.zip(t1).and_then(|(d, t)| utc_of_local(d, t));
        let ends_at = d.zip(t2).and_then(|(d, t)| utc_of_local(d, t));
        let fmt = WorkFormat::parse(&format.get_untracked());
        let input = SessionInput {
            form: FormOfWork::parse(&form.get_untracked()),
            subject_id: non_empty(subject_id.get_untracked()),
            title: title.get_untracked().trim().to_string(),
            starts_at: starts_at.unwrap_or_default(),
            ends_at: ends_at.unwrap_or_default(),
            place: if fmt == Some(WorkFormat::InPerson) {
                non_empty(place.get_untracked())
            } else {
                None
            },
            online_link: if fmt == Some(WorkFormat::Remote) {
                non_empty(online_link.get_untracked())
            } else {
                None
            },
            format: fmt,
            audience: Audience::parse(&audience.get_untracked()),
            seats: seats_v,
            tutor_ids: tutor_ids.get_untracked(),
            request_ids: request_ids.get_untracked(),
            recurrence: if editing {
                None
            } else {
                Recurrence::parse(&recurrence.get_untracked())
            },
            repeat_until: if editing {
                None
            } else {
                NaiveDate::parse_from_str(repeat_until.get_untracked().trim(), "%Y-%m-%d").ok()
            },
            version: original.with_untracked(|o| o.as_ref().map(|d| d.session.version)),
        };
        if let Err(v) = input.validate() {
            for e in v {
                // Without a time the period check only repeats the missing-time message.
                if !(errs.iter().any(|x| x.field == e.field)) {
                    errs.push(e);
                }
            }
        }
        if !errs.is_empty() {
            problem.set(Some(validation_problem(errs)));
            return;
        }
        saving.set(true);
        problem.set(None);
        conflict.set(false);
        let navigate = navigate.clone();
        let target = original.with_untracked(|o| o.as_ref().map(|d| d.session.id.clone()));
        spawn_local(async move {
            let res = match &target {
                Some(sid) => api
                    .put::<_, Session>(&format!("/sessions/{sid}"), &input)
                    .await
                    .map(|s| vec![s]),
                None => api.post::<_, Vec<Session>>("/sessions", &input).await,
            };
            match res {
                Ok(list) => {
                    let target = list
                        .first()
                        .map(|s| format!("/sessions/{}", s.id))
                        .unwrap_or_else(|| "/sessions".to_string());
                    navigate(&target, Default::default());
                }
                Err(mut p) => {
                    if p.code == "version_conflict" {
                        p.title = "Конфликт изменений.".to_string();
                        p.detail = "Занятие уже изменил другой пользователь. Обновите страницу, \
                                    чтобы увидеть его изменения, и внесите свои заново."
                            .to_string();
                        conflict.try_set(true);
                    } else if p.code == "not_planned" {
                        p.title = "Занятие уже не запланировано.".to_string();
                    }
                    problem.try_set(Some(p));
                }
            }
            saving.try_set(false);
        });
    };

    let toggle = |list: RwSignal<Vec<String>>, id: String, on: bool| {
        list.update(|v| {
            v.retain(|x| *x != id);
            if on {
                v.push(id);
            }
        });
    };

    let conflict_link = move || {
        problem.with(|p| {
            p.as_ref()
                .filter(|p| is_conflict(p))
                .and_then(|p| conflict_session_id(&p.detail))
                .map(|id| {
                    view! {
                        <p class="conflict-link" data-testid="conflict-link">
                            <a href=format!("/sessions/{id}") target="_blank">"Открыть занятие, с которым пересекается"</a>
                        </p>
                    }
                })
        })
    };

    let heading = move || {
        original.with(|o| match o {
            Some(d) => format!("Изменение: {}", d.session.title),
            None if editing => "Изменение занятия".to_string(),
            None => "Новое занятие".to_string(),
        })
    };
    let back = id
        .as_ref()
        .map(|id| format!("/sessions/{id}"))
        .unwrap_or_else(|| "/sessions".to_string());
    let in_series =
        move || original.with(|o| o.as_ref().is_some_and(|d| d.session.series_id.is_some()));
    // Why the loaded session cannot be edited here, if it cannot.
    let not_editable = move || {
        original.with(|o| {
            o.as_ref().and_then(|d| {
                if d.session.status != SessionStatus::Planned {
                    Some("Изменять можно только запланированное занятие. К проведённому занятию добавляются поправки на его странице.")
                } else if !d.can_manage {
                    Some("Это занятие изменяют его тьюторы и координатор.")
                } else {
                    None
                }
            })
        })
    };
    let linked_requests = move || {
        let ids = request_ids.get();
        (!ids.is_empty()).then(|| {
            view! {
                <fieldset class="fieldset" data-testid="linked-requests">
                    <legend>"Заявки, на которые отвечает занятие"</legend>
                    <p>
                        {ids.iter().enumerate().map(|(i, r)| view! {
                            {(i > 0).then_some(", ")}
                            <a href=format!("/requests/{r}")>{format!("заявка {}", i + 1)}</a>
                        }).collect_view()}
                    </p>
                    <p class="hint">"Связь с заявками при изменении занятия не меняется."</p>
                </fieldset>
            }
        })
    };

    let time_error = move |name: &'static str| {
        move || {
            field_error(problem, name).map(
                |m| view! { <p class="field-error" data-testid=format!("error-{name}")>{m}</p> },
            )
        }
    };

    view! {
        <section class="page narrow" data-testid="session-form-page">
            <p class="crumbs">
                <a href="/sessions">"Расписание"</a>
                " / "
                {move || original.with(|o| o.as_ref().map(|d| view! {
                    <a href=format!("/sessions/{}", d.session.id)>{d.session.title.clone()}</a>
                    " / "
                }))}
                <span>{if editing { "Изменение" } else { "Новое занятие" }}</span>
            </p>
            <h1>{heading}</h1>
            <ErrorBanner problem />
            <Show when=move || conflict.get()>
                <p class="no-print">
                    <button type="button" class="btn" data-testid="reload" on:click=|_| reload_page()>
                        "Обновить страницу"
                    </button>
                </p>
            </Show>
            {conflict_link}
            <Show when=move || !ready.get() && problem.with(Option::is_none)>
                <p class="loading" data-testid="loading">"Загрузка…"</p>
            </Show>
            {move || not_editable().map(|m| view! {
                <div class="banner banner-info" role="status" data-testid="not-editable">{m}</div>
            })}
            <Show when=move || ready.get() && not_editable().is_none()>
            {move || in_series().then(|| view! {
                <div class="banner banner-info" role="note" data-testid="series-note">{SERIES_NOTE}</div>
            })}
            <form class="card form" on:submit=submit.clone() data-testid="session-form" novalidate=true>
                <SelectField
                    label="Форма работы"
                    name="form"
                    value=form
                    options=Signal::derive(|| enum_options(FormOfWork::ALL, FormOfWork::as_str, FormOfWork::label_ru))
                    problem
                    placeholder="— выберите форму работы —"
                    required=true
                />
                <SelectField
                    label="Предмет"
                    name="subject_id"
                    value=subject_id
                    options=subject_options
                    problem
                    placeholder="— без предмета —"
                />
                <TextField label="Тема занятия" name="title" value=title problem required=true />
                <div class="field" class:has-error=move || field_error(problem, "starts_at").is_some() || field_error(problem, "ends_at").is_some()>
                    <div class="grid-3">
                        <div>
                            <label for="f-date">"Дата" <span class="req">" *"</span></label>
                            <input id="f-date" type="date" name="date" prop:value=move || date.get() on:input:target=move |ev| date.set(ev.target().value()) />
                        </div>
                        <div>
                            <label for="f-start">"Начало" <span class="req">" *"</span></label>
                            <input id="f-start" type="time" name="start_time" prop:value=move || start.get() on:input:target=move |ev| start.set(ev.target().value()) />
                        </div>
                        <div>
                            <label for="f-end">"Окончание" <span class="req">" *"</span></label>
                            <input id="f-end" type="time" name="end_time" prop:value=move || end.get() on:input:target=move |ev| end.set(ev.target().value()) />
                        </div>
                    </div>
                    <p class="hint">"Время местное. Занятие должно быть в пределах текущего учебного года."</p>
                    {time_error("starts_at")}
                    {time_error("ends_at")}
                </div>
                <SelectField
                    label="Формат"
                    name="format"
                    value=format
                    options=Signal::derive(|| enum_options(WorkFormat::ALL, WorkFormat::as_str, WorkFormat::label_ru))
                    problem
                    required=true
                />
                <Show
                    when=move || format.get() == WorkFormat::Remote.as_str()
                    fallback=move || view! {
                        <TextField label="Место проведения" name="place" value=place problem required=true hint="Например: МОБУ СОШ № 1, кабинет 21" />
                    }
                >
                    <TextField label="Ссылка на подключение" name="online_link" value=online_link problem required=true kind="url" />
                </Show>
                <div class="grid-2">
                    <SelectField
                        label="Аудитория"
                        name="audience"
                        value=audience
                        options=Signal::derive(|| enum_options(Audience::ALL, Audience::as_str, Audience::label_ru))
                        problem
                        required=true
                    />
                    <TextField label="Мест" name="seats" kind="number" value=seats problem hint="Для групповых форм: сколько педагогов можно записать." />
                </div>
                <Show when=chooses_tutors>
                    <fieldset class="fieldset" data-testid="tutor-choice">
                        <legend>"Тьюторы"</legend>
                        {move || {
                            let opts = tutor_options.get();
                            if opts.is_empty() {
                                return view! { <p class="muted">"В утверждённом составе нет тьюторов с учётной записью."</p> }.into_any();
                            }
                            opts.into_iter()
                                .map(|(id, name)| {
                                    let id2 = id.clone();
                                    let id3 = id.clone();
                                    view! {
                                        <label class="check block-check">
                                            <input
                                                type="checkbox"
                                                name="tutor_ids"
                                                value=id.clone()
                                                prop:checked=move || tutor_ids.with(|v| v.contains(&id2))
                                                on:change:target=move |ev| toggle(tutor_ids, id3.clone(), ev.target().checked())
                                            />
                                            <span>{name}</span>
                                        </label>
                                    }
                                })
                                .collect_view()
                                .into_any()
                        }}
                        {move || field_error(problem, "tutor_ids").map(|m| view! { <p class="field-error" data-testid="error-tutor_ids">{m}</p> })}
                    </fieldset>
                </Show>
                <Show
                    when=move || !editing
                    fallback=move || view! { {linked_requests} }
                >
                <fieldset class="fieldset" data-testid="request-choice">
                    <legend>"Заявки, на которые отвечает занятие"</legend>
                    {move || {
                        let list = accepted.get();
                        if list.is_empty() {
                            return view! { <p class="muted">"Принятых заявок, ожидающих занятия, нет."</p> }.into_any();
                        }
                        list.into_iter()
                            .map(|r| {
                                let id2 = r.id.clone();
                                let id3 = r.id.clone();
                                view! {
                                    <label class="check block-check">
                                        <input
                                            type="checkbox"
                                            name="request_ids"
                                            value=r.id.clone()
                                            prop:checked=move || request_ids.with(|v| v.contains(&id2))
                                            on:change:target=move |ev| toggle(request_ids, id3.clone(), ev.target().checked())
                                        />
                                        <span>
                                            {r.topic.clone()}
                                            <span class="muted small">{format!(" — {}, {}", r.school_name, r.requester_name)}</span>
                                        </span>
                                    </label>
                                }
                            })
                            .collect_view()
                            .into_any()
                    }}
                    {move || field_error(problem, "request_ids").map(|m| view! { <p class="field-error" data-testid="error-request_ids">{m}</p> })}
                </fieldset>
                <fieldset class="fieldset">
                    <legend>"Повтор"</legend>
                    <div class="grid-2">
                        <SelectField
                            label="Повторять"
                            name="recurrence"
                            value=recurrence
                            options=Signal::derive(|| enum_options(Recurrence::ALL, Recurrence::as_str, Recurrence::label_ru))
                            problem
                            placeholder="Не повторять"
                        />
                        <TextField label="До даты (включительно)" name="repeat_until" kind="date" value=repeat_until problem disabled=Signal::derive(move || recurrence.with(String::is_empty)) />
                    </div>
                </fieldset>
                </Show>
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary" data-testid="save" disabled=move || saving.get()>
                        {move || if saving.get() { "Сохранение…" } else if editing { "Сохранить изменения" } else { "Запланировать" }}
                    </button>
                    <a class="btn btn-link" href=back.clone()>"Отмена"</a>
                </div>
            </form>
            </Show>
        </section>
    }
}
