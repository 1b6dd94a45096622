//! The fields of the session form over [`SessionFields`].

use leptos::prelude::*;
use tutornet_domain::community::{
    ActivityType, FormOfWork, OpenTo, Recurrence, Request, WorkFormat,
};
use tutornet_domain::Problem;

use super::fields::SessionFields;
use crate::routes::Route;
use crate::ui::choices::{AudienceField, EnumField, SubjectField, WorkFormatField};
use crate::ui::fields::{field_error, CheckList, CheckOption};
use crate::ui::TextField;

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
        <GroupedFormField value=form problem />
        <SubjectField value=subject_id options=subject_options problem placeholder="— без предмета —" />
        <TextField label="Тема занятия" name="title" value=title problem required=true />
        <WhenFields fields problem />
        <WorkFormatField value=format problem />
        <PointField value=fields.consultation_point_id problem />
        <Show
            when=move || format.get() == WorkFormat::Remote.as_str()
            fallback=move || view! {
                <TextField label="Место проведения" name="place" value=place problem required=true hint="Например: МОБУ СОШ № 1, кабинет 21" />
            }
        >
            <TextField label="Ссылка на подключение" name="online_link" value=online_link problem required=true kind="url" />
        </Show>
        <div class="grid-2">
            <AudienceField value=audience problem />
            <TextField label="Мест" name="seats" kind="number" value=seats problem hint="Для групповых форм: сколько педагогов можно записать." />
        </div>
    }
}

/// «Форма работы» with the forms grouped by activity type (000 §5.1), one `<optgroup>`
/// per type.
#[component]
fn GroupedFormField(value: RwSignal<String>, problem: RwSignal<Option<Problem>>) -> impl IntoView {
    let has_error = move || field_error(problem, "form").is_some();
    view! {
        <div class="field" class:has-error=has_error>
            <label for="f-form">"Форма работы" <span class="req" title="обязательное поле">" *"</span></label>
            <select id="f-form" name="form" aria-invalid=move || has_error().then_some("true")
                on:change:target=move |ev| value.set(ev.target().value())>
                <option value="" prop:selected=move || value.with(String::is_empty)>"— выберите форму работы —"</option>
                {ActivityType::ALL.iter().map(|a| view! {
                    <optgroup label=format!("{} деятельность", a.label_ru())>
                        {a.forms().into_iter().map(|f: FormOfWork| {
                            let code = f.as_str();
                            view! { <option value=code prop:selected=move || value.with(|v| v == code)>{f.label_ru()}</option> }
                        }).collect_view()}
                    </optgroup>
                }).collect_view()}
            </select>
            <p class="hint">{move || FormOfWork::parse(&value.get()).map(|f| format!("Вид деятельности: {}; форма {}.", f.activity().label_ru().to_lowercase(), f.participation_ru()))}</p>
            {move || field_error(problem, "form").map(|m| view! { <p class="field-error" data-testid="error-form">{m}</p> })}
        </div>
    }
}

/// «Кому открыто» (group forms): everyone, ШНОР/ШССУ only, or the schools chosen.
#[component]
pub fn TargetFields(fields: SessionFields, problem: RwSignal<Option<Problem>>) -> impl IntoView {
    let SessionFields {
        form,
        open_to,
        target_school_ids,
        ..
    } = fields;
    let schools = RwSignal::new(Vec::<CheckOption>::new());
    let loaded = RwSignal::new(false);
    Effect::new(move |_| {
        if open_to.get() == OpenTo::Schools.as_str() && !loaded.get_untracked() {
            loaded.set(true);
            leptos::task::spawn_local(async move {
                let list = crate::api::schools::choices(None).await;
                schools.try_set(
                    list.into_iter()
                        .map(|s| CheckOption {
                            value: s.id,
                            label: tutornet_domain::text::numero(&s.short_name),
                            note: None,
                        })
                        .collect(),
                );
            });
        }
    });
    let group = move || FormOfWork::parse(&form.get()).is_none_or(FormOfWork::is_group);
    view! {
        <Show when=group>
            <fieldset class="fieldset" data-testid="target-choice">
                <legend>"Кому открыто"</legend>
                <div class="radios" role="radiogroup">
                    {[(OpenTo::All, "всем педагогам муниципалитета"), (OpenTo::LowResults, "только ШНОР и ШССУ"), (OpenTo::Schools, "выбранным школам")]
                        .into_iter()
                        .map(|(o, text)| view! {
                            <label class="check">
                                <input type="radio" name="open_to" value=o.as_str()
                                    prop:checked=move || open_to.with(|v| v == o.as_str())
                                    on:change=move |_| open_to.set(o.as_str().to_string()) />
                                " " {text}
                            </label>
                        })
                        .collect_view()}
                </div>
                {move || field_error(problem, "open_to").map(|m| view! { <p class="field-error" data-testid="error-open_to">{m}</p> })}
                <Show when=move || open_to.with(|v| v == OpenTo::Schools.as_str())>
                    <CheckList name="target_school_ids" values=target_school_ids options=schools problem empty="Список школ загружается…" />
                </Show>
            </fieldset>
        </Show>
    }
}

/// The consultation point the session is held at (its own list of the user's points).
#[component]
fn PointField(value: RwSignal<String>, problem: RwSignal<Option<Problem>>) -> impl IntoView {
    let options = RwSignal::new(Vec::<(String, String)>::new());
    leptos::task::spawn_local(async move {
        options.try_set(crate::api::consultation_points::choices().await);
    });
    view! {
        <crate::ui::SelectField label="Консультационный пункт" name="consultation_point_id" value options problem
            placeholder="— не в пункте —" hint="Необязательно: пункт, где проходит занятие." />
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
                <CheckList name="tutor_ids" values=tutor_ids options=tutor_checks problem empty="В утверждённом составе нет тьюторов с учётной записью." />
            </fieldset>
        </Show>
        <Show
            when=move || !editing
            fallback=move || view! { {linked_requests} }
        >
        <fieldset class="fieldset" data-testid="request-choice">
            <legend>"Заявки, на которые отвечает занятие"</legend>
            <CheckList name="request_ids" values=request_ids options=request_checks problem empty="Принятых заявок, ожидающих занятия, нет." />
        </fieldset>
        <fieldset class="fieldset">
            <legend>"Повтор"</legend>
            <div class="grid-2">
                <EnumField label="Повторять" name="recurrence" value=recurrence problem all=Recurrence::ALL key=Recurrence::as_str text=Recurrence::label_ru placeholder="Не повторять" />
                <TextField label="До даты (включительно)" name="repeat_until" kind="date" value=repeat_until problem disabled=Signal::derive(move || recurrence.with(String::is_empty)) />
            </div>
        </fieldset>
        </Show>
    }
}
