//! `/requests/new`: a school asks the consultation point for tutor support.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use tutornet_domain::community::{Audience, FormOfWork, RequestChannel, RequestInput, WorkFormat};
use tutornet_domain::{Problem, Role};

use crate::api;
use crate::auth::Auth;
use crate::routes::Route;
use crate::ui::card::Crumbs;
use crate::ui::choices::{
    AudienceField, EnumField, FormOfWorkField, SubjectField, WorkFormatField,
};
use crate::ui::form::{send, valid, SaveBar};
use crate::ui::{CheckboxField, ErrorBanner, SelectField, TextField};
use crate::util::{non_empty, set_title};

fn parse_opt<T: std::str::FromStr>(s: &str) -> Result<Option<T>, ()> {
    let s = s.trim();
    if s.is_empty() {
        Ok(None)
    } else {
        s.parse().map(Some).map_err(|_| ())
    }
}

#[component]
pub fn RequestFormPage() -> impl IntoView {
    set_title("Новая заявка");
    let auth = Auth::get();
    let navigate = use_navigate();
    let form = RwSignal::new(String::new());
    let subject_id = RwSignal::new(String::new());
    let topic = RwSignal::new(String::new());
    let problem_text = RwSignal::new(String::new());
    let audience = RwSignal::new(Audience::Teachers.as_str().to_string());
    let audience_count = RwSignal::new(String::new());
    let audience_grade = RwSignal::new(String::new());
    let format = RwSignal::new(WorkFormat::InPerson.as_str().to_string());
    let period_from = RwSignal::new(String::new());
    let period_to = RwSignal::new(String::new());
    let for_school = RwSignal::new(false);
    // A coordinator registers a request that came by letter or phone on a school's behalf.
    let on_behalf = matches!(auth.role(), Role::Coordinator | Role::Admin);
    let school_id = RwSignal::new(String::new());
    let channel = RwSignal::new(RequestChannel::Letter.as_str().to_string());
    let received_on = RwSignal::new(crate::ui::time::today().format("%Y-%m-%d").to_string());
    let contact = RwSignal::new(String::new());
    let school_options = RwSignal::new(Vec::<(String, String)>::new());
    let problem = RwSignal::new(None::<Problem>);
    let saving = RwSignal::new(false);
    let subject_options = RwSignal::new(Vec::<(String, String)>::new());
    spawn_local(async move {
        subject_options.try_set(api::reference::subjects().await);
        if on_behalf {
            let list = api::schools::choices(None).await;
            school_options.try_set(
                list.into_iter()
                    .map(|s| (s.id, tutornet_domain::text::numero(&s.short_name)))
                    .collect(),
            );
        }
    });

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if saving.get_untracked() {
            return;
        }
        let mut local_errors = Vec::new();
        let count = parse_opt::<i32>(&audience_count.get_untracked()).unwrap_or_else(|_| {
            local_errors.push(tutornet_domain::FieldError::new(
                "audience_count",
                "invalid",
                "Введите целое число",
            ));
            None
        });
        let date = |s: RwSignal<String>| {
            chrono::NaiveDate::parse_from_str(s.get_untracked().trim(), "%Y-%m-%d").ok()
        };
        let input = RequestInput {
            form: FormOfWork::parse(&form.get_untracked()),
            subject_id: non_empty(subject_id.get_untracked()),
            topic: topic.get_untracked().trim().to_string(),
            problem: problem_text.get_untracked().trim().to_string(),
            audience: Audience::parse(&audience.get_untracked()),
            audience_count: count,
            audience_grade: non_empty(audience_grade.get_untracked()),
            format: WorkFormat::parse(&format.get_untracked()),
            period_from: date(period_from),
            period_to: date(period_to),
            for_school: for_school.get_untracked(),
            school_id: on_behalf
                .then(|| non_empty(school_id.get_untracked()))
                .flatten(),
            channel: on_behalf
                .then(|| RequestChannel::parse(&channel.get_untracked()))
                .flatten(),
            received_on: on_behalf.then(|| date(received_on)).flatten(),
            contact: on_behalf
                .then(|| non_empty(contact.get_untracked()))
                .flatten(),
        };
        if on_behalf && input.school_id.is_none() {
            local_errors.push(tutornet_domain::FieldError::new(
                "school_id",
                "required",
                "Выберите школу, от имени которой регистрируется заявка",
            ));
        }
        if let Err(errs) = input.validate() {
            local_errors.extend(errs);
        }
        if !valid(problem, local_errors) {
            return;
        }
        let navigate = navigate.clone();
        send(
            saving,
            problem,
            async move { api::requests::create(&input).await },
            move |r| navigate(&Route::Request(r.id.to_string()).path(), Default::default()),
        );
    };

    view! {
        <section class="page narrow" data-testid="request-form-page">
            <Crumbs parent=Route::Requests parent_label="Заявки" here="Новая заявка" />
            <h1>"Новая заявка"</h1>
            <p class="lead muted">
                "Опишите, с чем нужна помощь. Координатор сообщества рассмотрит заявку и назначит тьютора."
            </p>
            <ErrorBanner problem />
            <form class="card form" on:submit=submit data-testid="request-form" novalidate=true>
                {on_behalf.then(|| view! {
                    <fieldset class="fieldset" data-testid="on-behalf">
                        <legend>"Заявка от школы (поступила письмом, по телефону…)"</legend>
                        <SelectField label="Школа" name="school_id" value=school_id options=school_options problem required=true placeholder="— выберите школу —" />
                        <div class="grid-2">
                            <EnumField label="Как поступила" name="channel" value=channel problem all=RequestChannel::ALL key=RequestChannel::as_str text=RequestChannel::label_ru required=true />
                            <TextField label="Дата поступления" name="received_on" kind="date" value=received_on problem />
                        </div>
                        <TextField label="Контактное лицо" name="contact" value=contact problem hint="Кто написал или позвонил: «зам. директора по УВР Иванова И.И., 8 (861) 000-00-00»" />
                    </fieldset>
                })}
                <FormOfWorkField value=form problem />
                <SubjectField value=subject_id options=subject_options problem placeholder="— не относится к предмету —" />
                <TextField label="Тема" name="topic" value=topic problem required=true hint="Например: подготовка к ОГЭ по математике, задания второй части" />
                <TextField
                    label="Затруднение"
                    name="problem"
                    value=problem_text
                    problem
                    required=true
                    multiline=true
                    hint="Что не получается, что уже пробовали, какие результаты (ВПР, ОГЭ, диагностические работы)."
                />
                <fieldset class="fieldset">
                    <legend>"Для кого"</legend>
                    <AudienceField value=audience problem />
                    <div class="grid-2">
                        <TextField label="Количество участников" name="audience_count" kind="number" value=audience_count problem />
                        <TextField label="Класс (параллель)" name="audience_grade" value=audience_grade problem hint="Например: 9 «А» или 5–6 классы" />
                    </div>
                </fieldset>
                <WorkFormatField value=format problem />
                <fieldset class="fieldset">
                    <legend>"Желаемый период"</legend>
                    <div class="grid-2">
                        <TextField label="С" name="period_from" kind="date" value=period_from problem />
                        <TextField label="По" name="period_to" kind="date" value=period_to problem />
                    </div>
                </fieldset>
                <Show when=move || auth.role() == Role::SchoolAdmin>
                    <CheckboxField
                        label="Заявка от школы в целом (а не от одного учителя)"
                        name="for_school"
                        checked=for_school
                    />
                </Show>
                <SaveBar busy=saving label="Подать заявку" busy_label="Отправка…" back=Route::Requests.path() />
            </form>
        </section>
    }
}
