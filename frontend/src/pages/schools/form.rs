//! `/schools/new` and `/schools/:id/edit`.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use tutornet_domain::org::{School, SchoolInput};
use tutornet_domain::permissions::{Action, Resource};
use tutornet_domain::Problem;

use super::parts::mentor_choices;
use crate::api;
use crate::auth::Auth;
use crate::routes::Route;
use crate::ui::card::{Crumbs, Loaded};
use crate::ui::choices::MunicipalityField;
use crate::ui::form::{
    for_route_id, form_title, is_version_conflict, mark_conflict, send_or, valid, ReloadOffer,
    SaveBar,
};
use crate::ui::{CheckboxField, ErrorBanner, SelectField, TextField};
use crate::util::{non_empty, set_title};

pub const CONFLICT_MESSAGE: &str = "Школу изменил другой пользователь — обновите страницу.";

#[component]
pub fn SchoolFormPage() -> impl IntoView {
    for_route_id(|id| view! { <SchoolForm id /> })
}

#[component]
fn SchoolForm(id: Option<String>) -> impl IntoView {
    let editing = form_title(&id, "Изменение школы", "Новая школа");
    let auth = Auth::get();
    let navigate = use_navigate();

    let municipality_id = RwSignal::new(String::new());
    let full_name = RwSignal::new(String::new());
    let short_name = RwSignal::new(String::new());
    let address = RwSignal::new(String::new());
    let is_low_results = RwSignal::new(false);
    let is_difficult_conditions = RwSignal::new(false);
    let is_500plus = RwSignal::new(false);
    let is_mentor = RwSignal::new(false);
    let mentor_school_id = RwSignal::new(String::new());

    let original = RwSignal::new(None::<School>);
    let problem = RwSignal::new(None::<Problem>);
    let conflict = RwSignal::new(false);
    let saving = RwSignal::new(false);
    let ready = RwSignal::new(!editing);

    if let Some(id) = id.clone() {
        spawn_local(async move {
            match api::schools::get(&id).await {
                Ok(s) => {
                    municipality_id.set(s.municipality_id.clone());
                    full_name.set(s.full_name.clone());
                    short_name.set(s.short_name.clone());
                    address.set(s.address.clone().unwrap_or_default());
                    is_low_results.set(s.is_low_results);
                    is_difficult_conditions.set(s.is_difficult_conditions);
                    is_500plus.set(s.is_500plus);
                    is_mentor.set(s.is_mentor);
                    mentor_school_id.set(s.mentor_school_id.clone().unwrap_or_default());
                    set_title(&format!("Изменение: {}", s.short_name));
                    original.set(Some(s));
                    ready.set(true);
                }
                Err(p) => {
                    problem.try_set(Some(p));
                }
            }
        });
    } else {
        // A new school belongs to the user's municipality, or to the only one there is.
        Effect::new(move |_| {
            if !municipality_id.get_untracked().is_empty() {
                return;
            }
            let own = auth.own_municipality();
            let choices = auth.municipality_choices(Resource::School);
            let only = (choices.len() == 1).then(|| choices[0].id.clone());
            if let Some(m) = own.or(only) {
                municipality_id.set(m);
            }
        });
    }

    let mentor_options = mentor_choices(municipality_id, original);
    Effect::new(move |_| {
        if is_mentor.get() {
            mentor_school_id.set(String::new());
        }
    });

    let municipality_options = Signal::derive(move || {
        let mut choices = auth.municipality_choices(Resource::School);
        // An edited school keeps showing its municipality, whatever the list holds.
        if let Some(s) = original.get() {
            if !choices.iter().any(|m| m.id == s.municipality_id) {
                choices = auth
                    .municipalities
                    .get()
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|m| m.id == s.municipality_id)
                    .collect();
            }
        }
        choices
            .into_iter()
            .map(|m| (m.id, m.name))
            .collect::<Vec<_>>()
    });
    let can_flags = move || auth.can(Resource::School, Action::Create);
    let flags_locked = Signal::derive(move || !can_flags());
    let municipality_locked =
        Signal::derive(move || editing || !auth.many_municipalities(Resource::School));

    let submit = {
        let navigate = navigate.clone();
        move |ev: SubmitEvent| {
            ev.prevent_default();
            if saving.get_untracked() {
                return;
            }
            let input = SchoolInput {
                municipality_id: municipality_id.get_untracked(),
                full_name: full_name.get_untracked().trim().to_string(),
                short_name: short_name.get_untracked().trim().to_string(),
                address: non_empty(address.get_untracked()),
                is_low_results: is_low_results.get_untracked(),
                is_difficult_conditions: is_difficult_conditions.get_untracked(),
                is_500plus: is_500plus.get_untracked(),
                is_mentor: is_mentor.get_untracked(),
                mentor_school_id: non_empty(mentor_school_id.get_untracked()),
                version: original.with_untracked(|o| o.as_ref().map(|s| s.meta.version)),
            };
            if !valid(problem, input.validate().err().unwrap_or_default()) {
                return;
            }
            conflict.set(false);
            let navigate = navigate.clone();
            let target = original.with_untracked(|o| o.as_ref().map(|s| s.id.clone()));
            let editing = target.is_some();
            send_or(
                saving,
                problem,
                async move {
                    match &target {
                        Some(id) => api::schools::update(id, &input).await,
                        None => api::schools::create(&input).await,
                    }
                },
                move |s| navigate(&Route::School(s.id.to_string()).path(), Default::default()),
                move |p| {
                    if is_version_conflict(p) || p.status == 409 && editing {
                        mark_conflict(p, CONFLICT_MESSAGE, conflict);
                    }
                },
            );
        }
    };

    let back = id
        .as_ref()
        .map(|id| Route::School(id.clone()).path())
        .unwrap_or_else(|| Route::Schools.path());
    let heading = move || {
        original.with(|o| match o {
            Some(s) => format!("Изменение: {}", s.short_name),
            None if editing => "Изменение школы".to_string(),
            None => "Новая школа".to_string(),
        })
    };

    view! {
        <section class="page narrow" data-testid="school-form-page">
            <Crumbs parent=Route::Schools parent_label="Школы" here=heading />
            <h1>{heading}</h1>
            <ErrorBanner problem />
            <ReloadOffer conflict />
            <Loaded problem loaded=ready>
                <form class="card form" on:submit=submit.clone() data-testid="school-form" novalidate=true>
                    <MunicipalityField
                        value=municipality_id
                        options=municipality_options
                        problem
                        disabled=municipality_locked
                        hint=if editing { "Школа не переходит в другой муниципалитет." } else { "" }
                    />
                    <TextField
                        label="Полное наименование"
                        name="full_name"
                        value=full_name
                        problem
                        required=true
                        multiline=true
                        hint="Как в уставе, например: Муниципальное общеобразовательное бюджетное учреждение средняя общеобразовательная школа № 3"
                    />
                    <TextField
                        label="Краткое наименование"
                        name="short_name"
                        value=short_name
                        problem
                        required=true
                        hint="Например: МОБУ СОШ № 3"
                    />
                    <TextField label="Адрес" name="address" value=address problem />
                    <fieldset class="fieldset">
                        <legend>"Признаки школы"</legend>
                        <Show when=move || !can_flags()>
                            <p class="hint">"Признаки меняет координатор сообщества."</p>
                        </Show>
                        {[
                            ("ШНОР — школа с низкими образовательными результатами", "is_low_results", is_low_results),
                            ("ШССУ — школа в сложных социальных условиях", "is_difficult_conditions", is_difficult_conditions),
                            ("Участник проекта «500+»", "is_500plus", is_500plus),
                        ]
                            .into_iter()
                            .map(|(label, name, checked)| view! { <CheckboxField label name checked disabled=flags_locked /> })
                            .collect_view()}
                        <CheckboxField
                            label="Школа-наставник (сопровождает другие школы)"
                            name="is_mentor"
                            checked=is_mentor
                            problem
                            disabled=flags_locked
                        />
                        <SelectField
                            label="Школа-наставник этой школы"
                            name="mentor_school_id"
                            value=mentor_school_id
                            options=mentor_options
                            problem
                            placeholder="— нет —"
                            disabled=Signal::derive(move || !can_flags() || is_mentor.get())
                            hint="Выбираются школы-наставники того же муниципалитета."
                        />
                    </fieldset>
                    <SaveBar busy=saving back=back.clone() />
                </form>
            </Loaded>
        </section>
    }
}
