//! The session form's values as one set of signals: filled from a session or a request,
//! turned into a [`SessionInput`] with the browser-side checks.

use chrono::{NaiveDate, NaiveTime};
use leptos::prelude::*;
use tutornet_domain::community::{
    Audience, FormOfWork, Recurrence, Request, Session, SessionInput, WorkFormat,
};
use tutornet_domain::{FieldError, Problem};

use crate::routes::Route;
use crate::ui::fields::{enum_options, field_error, CheckList, CheckOption};
use crate::ui::time::{hhmm, local, today, utc_of_local};
use crate::ui::{SelectField, TextField};
use crate::util::non_empty;

/// Every value of the session form.
#[derive(Clone, Copy)]
pub struct SessionFields {
    pub form: RwSignal<String>,
    pub subject_id: RwSignal<String>,
    pub title: RwSignal<String>,
    pub date: RwSignal<String>,
    pub start: RwSignal<String>,
    pub end: RwSignal<String>,
    pub format: RwSignal<String>,
    pub place: RwSignal<String>,
    pub online_link: RwSignal<String>,
    pub audience: RwSignal<String>,
    pub seats: RwSignal<String>,
    pub tutor_ids: RwSignal<Vec<String>>,
    pub request_ids: RwSignal<Vec<String>>,
    pub recurrence: RwSignal<String>,
    pub repeat_until: RwSignal<String>,
}

impl SessionFields {
    pub fn new() -> Self {
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
        Self {
            form,
            subject_id,
            title,
            date,
            start,
            end,
            format,
            place,
            online_link,
            audience,
            seats,
            tutor_ids,
            request_ids,
            recurrence,
            repeat_until,
        }
    }

    /// The values of a session being edited.
    pub fn fill_from_session(&self, s: &Session) {
        let f = *self;
        f.form.try_set(s.form.as_str().to_string());
        f.subject_id
            .try_set(s.subject_id.clone().unwrap_or_default());
        f.title.try_set(s.title.clone());
        f.date
            .try_set(local(s.starts_at).date().format("%Y-%m-%d").to_string());
        f.start.try_set(hhmm(s.starts_at));
        f.end.try_set(hhmm(s.ends_at));
        f.format.try_set(s.format.as_str().to_string());
        f.place.try_set(s.place.clone().unwrap_or_default());
        f.online_link
            .try_set(s.online_link.clone().unwrap_or_default());
        f.audience.try_set(s.audience.as_str().to_string());
        f.seats
            .try_set(s.seats.map(|n| n.to_string()).unwrap_or_default());
        f.tutor_ids
            .try_set(s.tutors.iter().map(|t| t.id.clone()).collect());
        f.request_ids.try_set(s.request_ids.clone());
    }

    /// The values a request suggests for a new session.
    pub fn fill_from_request(&self, r: &Request) {
        let f = *self;
        f.form.try_set(r.form.as_str().to_string());
        f.subject_id
            .try_set(r.subject_id.clone().unwrap_or_default());
        f.title.try_set(r.topic.clone());
        f.audience.try_set(r.audience.as_str().to_string());
        f.format.try_set(r.format.as_str().to_string());
        if let Some(t) = &r.tutor_user_id {
            f.tutor_ids.try_set(vec![t.clone()]);
        }
        f.request_ids.try_set(vec![r.id.clone()]);
    }

    /// The input to send and the errors found before sending (the domain's `validate()`
    /// plus what only the browser knows: unparsable dates, times and numbers).
    pub fn input(&self, editing: bool, version: Option<i32>) -> (SessionInput, Vec<FieldError>) {
        let SessionFields {
            form,
            subject_id,
            title,
            date,
            start,
            end,
            format,
            place,
            online_link,
            audience,
            seats,
            tutor_ids,
            request_ids,
            recurrence,
            repeat_until,
        } = *self;
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
            version,
        };
        if let Err(v) = input.validate() {
            for e in v {
                // Without a time the period check only repeats the missing-time message.
                if !(errs.iter().any(|x| x.field == e.field)) {
                    errs.push(e);
                }
            }
        }
        (input, errs)
    }
}

impl Default for SessionFields {
    fn default() -> Self {
        Self::new()
    }
}

/// Date, start and end with their shared error lines.
#[component]
pub fn WhenFields(fields: SessionFields, problem: RwSignal<Option<Problem>>) -> impl IntoView {
    let SessionFields {
        date, start, end, ..
    } = fields;
    let time_error = move |name: &'static str| {
        move || {
            field_error(problem, name).map(
                |m| view! { <p class="field-error" data-testid=format!("error-{name}")>{m}</p> },
            )
        }
    };
    view! {
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
    }
}

/// Form of work, subject, title, time, place and audience.
#[component]
pub fn MainFields(
    fields: SessionFields,
    problem: RwSignal<Option<Problem>>,
    subject_options: RwSignal<Vec<(String, String)>>,
) -> impl IntoView {
    let SessionFields {
        form,
        subject_id,
        title,
        format,
        place,
        online_link,
        audience,
        seats,
        ..
    } = fields;
    view! {
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
        <WhenFields fields problem />
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
    }
}

/// The tutors (coordinators choose them), the linked requests and the repetition.
#[component]
pub fn ChoiceFields(
    fields: SessionFields,
    problem: RwSignal<Option<Problem>>,
    editing: bool,
    chooses_tutors: Signal<bool>,
    tutor_options: RwSignal<Vec<(String, String)>>,
    accepted: RwSignal<Vec<Request>>,
) -> impl IntoView {
    let SessionFields {
        tutor_ids,
        request_ids,
        recurrence,
        repeat_until,
        ..
    } = fields;
    let tutor_checks = Signal::derive(move || {
        tutor_options
            .get()
            .into_iter()
            .map(|(value, label)| CheckOption {
                value,
                label,
                note: None,
            })
            .collect::<Vec<_>>()
    });
    let request_checks = Signal::derive(move || {
        accepted
            .get()
            .into_iter()
            .map(|r| CheckOption {
                note: Some(format!(" — {}, {}", r.school_name, r.requester_name)),
                value: r.id,
                label: r.topic,
            })
            .collect::<Vec<_>>()
    });
    let linked_requests = move || {
        let ids = request_ids.get();
        (!ids.is_empty()).then(|| {
            view! {
                <fieldset class="fieldset" data-testid="linked-requests">
                    <legend>"Заявки, на которые отвечает занятие"</legend>
                    <p>
                        {ids.iter().enumerate().map(|(i, r)| view! {
                            {(i > 0).then_some(", ")}
                            <a href=Route::Request(r.to_string()).path()>{format!("заявка {}", i + 1)}</a>
                        }).collect_view()}
                    </p>
                    <p class="hint">"Связь с заявками при изменении занятия не меняется."</p>
                </fieldset>
            }
        })
    };
    view! {
        <Show when=move || chooses_tutors.get()>
            <fieldset class="fieldset" data-testid="tutor-choice">
                <legend>"Тьюторы"</legend>
                <CheckList
                    name="tutor_ids"
                    values=tutor_ids
                    options=tutor_checks
                    problem
                    empty="В утверждённом составе нет тьюторов с учётной записью."
                />
            </fieldset>
        </Show>
        <Show
            when=move || !editing
            fallback=move || view! { {linked_requests} }
        >
        <fieldset class="fieldset" data-testid="request-choice">
            <legend>"Заявки, на которые отвечает занятие"</legend>
            <CheckList
                name="request_ids"
                values=request_ids
                options=request_checks
                problem
                empty="Принятых заявок, ожидающих занятия, нет."
            />
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
    }
}
