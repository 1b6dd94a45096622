//! The form of a new nomination: the teacher, their subjects and the six criteria of
//! 000 §4.3.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use tutornet_domain::composition::NominationInput;
use tutornet_domain::users::UserFilter;
use tutornet_domain::{FieldError, Problem, Role};

use crate::api;
use crate::auth::Auth;
use crate::pages::composition::member::form::SubjectsField;
use crate::ui::form::{send, valid, SaveBar};
use crate::ui::{CheckboxField, ErrorBanner, SelectField, TextField};
use crate::util::non_empty;

/// The six criteria of 000 §4.3, in the seed's words and order: current teacher,
/// experience (years), achievements (text), authority, methodical help, readiness to tutor.
pub const CRITERIA: [&str; 6] = [
    "Является действующим учителем-предметником",
    "Обладает большим опытом работы в должности учителя",
    "Имеет высокие достижения в профессиональной деятельности",
    "Обладает авторитетом в профессиональном сообществе",
    "Способен оказывать методическую помощь коллегам",
    "Готов осуществлять функции тьютора",
];

#[component]
pub fn NominationForm(on_done: Callback<()>) -> impl IntoView {
    let auth = Auth::get();
    let teacher_user_id = RwSignal::new(String::new());
    let full_name = RwSignal::new(String::new());
    let subject_ids = RwSignal::new(Vec::<String>::new());
    let position = RwSignal::new(String::new());
    let is_current_teacher = RwSignal::new(true);
    let experience_years = RwSignal::new(String::new());
    let achievements = RwSignal::new(String::new());
    let has_authority = RwSignal::new(false);
    let ready_to_help = RwSignal::new(false);
    let ready_to_tutor = RwSignal::new(false);
    let justification = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<Problem>);
    let saving = RwSignal::new(false);
    let teachers = RwSignal::new(Vec::<(String, String)>::new());
    let subject_options = RwSignal::new(Vec::<(String, String)>::new());
    spawn_local(async move {
        subject_options.try_set(api::reference::subjects().await);
        let school = auth
            .me
            .with_untracked(|m| m.as_ref().and_then(|m| m.school_id.clone()));
        let filter = UserFilter {
            role: Some(Role::Teacher),
            school_id: school,
            ..Default::default()
        };
        if let Ok(items) = api::users::list_all(&filter).await {
            teachers.try_set(items.into_iter().map(|u| (u.id, u.full_name)).collect());
        }
    });
    // A chosen account replaces a typed name.
    Effect::new(move |_| {
        let t = teacher_user_id.get();
        if t.is_empty() {
            return;
        }
        full_name.set(String::new());
    });

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let mut errs = Vec::new();
        let years = match experience_years.get_untracked().trim() {
            "" => 0,
            s => s.parse::<i32>().unwrap_or_else(|_| {
                errs.push(FieldError::new(
                    "experience_years",
                    "invalid",
                    "Введите целое число лет",
                ));
                0
            }),
        };
        let input = NominationInput {
            school_id: None,
            academic_year_id: None,
            teacher_user_id: non_empty(teacher_user_id.get_untracked()),
            full_name: non_empty(full_name.get_untracked()),
            subject_id: String::new(),
            subject_ids: subject_ids.get_untracked(),
            position: non_empty(position.get_untracked()),
            is_current_teacher: is_current_teacher.get_untracked(),
            experience_years: years,
            achievements: non_empty(achievements.get_untracked()),
            has_authority: has_authority.get_untracked(),
            ready_to_help: ready_to_help.get_untracked(),
            ready_to_tutor: ready_to_tutor.get_untracked(),
            justification: justification.get_untracked().trim().to_string(),
        };
        if let Err(v) = input.validate() {
            // No subject at all is named after the older single field: show it at the checkboxes.
            errs.extend(v.into_iter().map(|mut e| {
                if e.field == "subject_id" {
                    e.field = "subject_ids".to_string();
                }
                e
            }));
        }
        if !valid(problem, errs) {
            return;
        }
        send(
            saving,
            problem,
            async move { api::nominations::create(&input).await },
            move |_| on_done.run(()),
        );
    };

    view! {
        <form class="card form" on:submit=submit data-testid="nomination-form" novalidate=true>
            <h2>"Выдвижение учителя"</h2>
            <ErrorBanner problem />
            <div class="grid-2">
                <SelectField
                    label="Учитель школы"
                    name="teacher_user_id"
                    value=teacher_user_id
                    options=teachers
                    problem
                    placeholder="— нет учётной записи —"
                />
                <TextField label="…или ФИО полностью" name="full_name" value=full_name problem disabled=Signal::derive(move || !teacher_user_id.with(String::is_empty)) />
            </div>
            <SubjectsField options=subject_options values=subject_ids problem testid="nomination-subjects" />
            <TextField label="Должность" name="position" value=position problem hint="Например: учитель математики" />
            <fieldset class="fieldset" data-testid="nomination-criteria">
                <legend>"Критерии выдвижения (положение, п. 4.3)"</legend>
                <CheckboxField label={CRITERIA[0]} name="is_current_teacher" checked=is_current_teacher />
                <TextField label={CRITERIA[1]} name="experience_years" kind="number" value=experience_years problem hint="Стаж работы учителем, полных лет." />
                <TextField label={CRITERIA[2]} name="achievements" value=achievements problem multiline=true hint="Результаты учеников, конкурсы, публикации." />
                <CheckboxField label={CRITERIA[3]} name="has_authority" checked=has_authority />
                <CheckboxField label={CRITERIA[4]} name="ready_to_help" checked=ready_to_help />
                <CheckboxField label={CRITERIA[5]} name="ready_to_tutor" checked=ready_to_tutor />
            </fieldset>
            <TextField label="Обоснование выдвижения" name="justification" value=justification problem required=true multiline=true />
            <SaveBar busy=saving label="Выдвинуть" busy_label="Отправка…" />
        </form>
    }
}
